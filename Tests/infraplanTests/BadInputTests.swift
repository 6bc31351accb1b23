import Foundation
import Testing
import InfraModel

/// Bad input: one located line on standard error, a non-zero exit, the state untouched.
@Suite struct BadInputTests {
    func stateBytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func malformedComposeFileIsRefusedAtItsLine() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.yml")
        try "services:\n  web:\n    image: nginx:1.27\n   ports: [80]\n".write(to: file, atomically: true, encoding: .utf8)
        let before = try stateBytes(state)
        let result = try CLI.run(["import", file.path, "--as", "broken", "--state", state])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("\(file.path):4:"), "\(result.stderr)")
        #expect(try stateBytes(state) == before)
    }

    @Test func importIntoAMissingStateCreatesNothingWhenRefused() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yml")
        try "services: [\n".write(to: file, atomically: true, encoding: .utf8)
        let state = folder.appendingPathComponent("new.db").path
        let result = try CLI.run(["import", file.path, "--as", "v1", "--state", state])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: state))
    }

    @Test func unknownTargetVersionIsNamed() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try stateBytes(state)
        let result = try CLI.run(["plan", "2099.1.1", "--state", state])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("unknown version '2099.1.1'"))
        #expect(try stateBytes(state) == before)
    }

    @Test func migrationNamingAMissingServiceIsRefusedAtItsLine() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let migrations = folder.appendingPathComponent("Migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        let text = """
            format: 1
            version: "2025.9.0"
            base: "2025.8.4"
            changes:
              - set_image:
                  services: [authentik_server, authentik_workr]
                  tag: "2025.9.0"
            """
        try text.write(to: migrations.appendingPathComponent("2025.9.0.yaml"), atomically: true, encoding: .utf8)
        let before = try stateBytes(state)
        let result = try CLI.run(["plan", "2025.9.0", "--state", state, "--migrations", migrations.path])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(migrations.path)/2025.9.0.yaml:5:5:"), "\(result.stderr)")
        #expect(result.stderr.contains("'authentik_workr'"))
        #expect(try stateBytes(state) == before)
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try CLI.run(["plan", "2025.10.1", "--frobnicate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown option '--frobnicate'"))
    }

    @Test(arguments: ["../../x", "a b", "a;rm -rf ~", "a\nb", "-rc", "", String(repeating: "9", count: 65), "$(id)"])
    func unsafeVersionLabelsAreRefused(label: String) throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try stateBytes(state)
        let result = try CLI.run(["import", "Examples/compose.yml", "--as", label, "--state", state])
        #expect(result.status == 64, "\(label): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(try stateBytes(state) == before)
    }

    @Test(arguments: ["2025.10.1", "v2-rc.1", "before+fix", "a_b", String(repeating: "9", count: 64)])
    func ordinaryVersionLabelsAreAccepted(label: String) throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["import", "Examples/compose.yml", "--as", label, "--state", state])
        #expect(result.status == 0, "\(label): \(result.stderr)")
    }
}
