import Foundation
import InfraModel
import Testing

/// The committed example state is at the schema this infraplan writes, so that
/// commands on a copy of it never have to upgrade it first.
@Suite struct StateSchemaTests {
    @Test func exampleStateIsAtTheCurrentSchema() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The committed file itself, copied so that reading it leaves no trace beside it.
        let state = folder.appendingPathComponent("committed.db").path
        try FileManager.default.copyItem(
            at: CLI.packageRoot.appendingPathComponent("state.db.example"),
            to: URL(fileURLWithPath: state))
        let committed = try Connection(path: state, readOnly: true).query("PRAGMA user_version")[0]
        let fresh = folder.appendingPathComponent("fresh.db").path
        #expect(
            try CLI.run(["import", "Examples/compose.yml", "--as", "2025.8.4", "--state", fresh])
                .status == 0)
        let current = try Connection(path: fresh, readOnly: true).query("PRAGMA user_version")[0]
        #expect(
            committed.int("user_version") == current.int("user_version"),
            "state.db.example is at an older schema; regenerate it with Scripts/make-example-state")
    }
}
