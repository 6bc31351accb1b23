import Foundation
import Testing
import InfraModel

/// `state.db.example` is what the documented command makes from `Examples/`.
@Suite struct ExampleStateTests {
    @Test func committedExampleStateMatchesARegeneratedOne() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fresh = folder.appendingPathComponent("fresh.db").path
        let result = try CLI.run(["import", "Examples/compose.yml", "--as", "2025.8.4", "--state", fresh])
        #expect(result.status == 0, "\(result.stderr)")
        let committed = folder.appendingPathComponent("committed.db")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("state.db.example"), to: committed)
        let expected = try ModelStore(path: fresh).canonicalDump()
        let actual = try ModelStore(path: committed.path).canonicalDump()
        #expect(actual == expected, "state.db.example is out of date; regenerate it as the README says")
    }
}
