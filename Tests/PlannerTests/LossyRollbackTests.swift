import Foundation
import InfraModel
import Testing

@testable import Planner

/// A rollback that loses state (B08 without an undo command) needs an acknowledgement.
@Suite struct LossyRollbackTests {
    @Test func aLossyRollbackIsRefusedUntilAcknowledged() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraplan-lossy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let migration = FieldCaseReleaseTests.upgrade(
            to: "2026.5.0", services: FieldStack.authentik,
            extra: FieldCaseReleaseTests.sessions(undo: false)
        ).replacingOccurrences(of: "base: \"any\"", with: "base: \"2026.2.3\"")
        try migration.write(
            to: folder.appendingPathComponent("2026.5.0.yaml"), atomically: true, encoding: .utf8)
        let store = try ModelStore(
            path: folder.appendingPathComponent("state.db").path, create: true)
        let record = VersionRecord(
            label: "2026.2.3", project: "authentik", createdAt: ModelStore.timestamp(),
            originKind: .import, originPath: "compose.yml", originSHA256: "0")
        try store.write(movesModel: true) {
            try store.insertVersion(
                record, model: FieldCaseReleaseTests.authentik("2026.2.3"), makeCurrent: true)
        }
        let upgrade = Upgrade(store: store, catalog: MigrationCatalog(directory: folder.path))
        let saved = try upgrade.makeSavedPlan(for: "2026.5.0")
        #expect(saved.plan.rollbackLosses.count == 1)
        try upgrade.apply(saved)
        #expect(throws: UpgradeError.self) { try upgrade.rollback() }
        #expect(try store.requireCurrentVersion().label == "2026.5.0")
        #expect(try upgrade.rollback(acknowledgingLosses: true) == "2026.2.3")
    }
}
