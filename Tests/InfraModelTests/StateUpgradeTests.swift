import Foundation
import Testing

@testable import InfraModel

/// A state file of schema 1 is upgraded in place when a newer infraplan opens it.
@Suite struct StateUpgradeTests {
    @Test func schemaOneStateGainsLocksRunsAndSerialsKeepingItsHistory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.db").path
        do {
            let old = try Connection(path: path)
            try old.execute("PRAGMA journal_mode = WAL")
            try old.execute(StateSchema.steps[0])
            try old.execute("INSERT INTO meta VALUES ('state_id', 'old'), ('serial', '4')")
            try old.execute(
                "INSERT INTO history(at, action, from_label, to_label, plan_checksum, outcome) "
                    + "VALUES ('t', 'apply', 'a', 'b', 'c', 'applied')")
            try old.execute("PRAGMA user_version = 1")
        }
        let store = try ModelStore(path: path)
        let entry = try #require(try store.history().first)
        #expect(entry.movedModel && entry.serial == nil && entry.outcome == "applied")
        #expect(try store.serial() == 4 && store.stateID() == "old")
        #expect(try store.currentLock() == nil && store.latestRun() == nil)
        #expect(try store.movesSince(serial: 0).isEmpty, "entries without a serial are not listed")
        let version = try store.db.query("PRAGMA user_version")[0].int("user_version")
        #expect(version == StateSchema.currentVersion)
    }
}
