import Foundation
import Testing

/// How commands treat the state file they are pointed at: readers leave it as
/// they found it, and a missing, damaged or unwritable path is one clear line.
@Suite struct StateFileTests {
    /// Names of the files in `folder`, sorted.
    func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func readersDoNotCreateAMissingState() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("nope.db").path
        for command in [["versions"], ["show"], ["log"], ["impact", "redis_cache"], ["graph"]] {
            let result = try CLI.run(command + ["--state", state])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("state file '\(state)' does not exist"), "\(result.stderr)")
        }
        #expect(try listing(folder).isEmpty)
    }

    @Test func readersLeaveNoFilesBesideTheState() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: state))
        let files = try listing(folder)
        for command in [["versions"], ["show", "--json"], ["diff", "2025.8.4", "2025.8.4"], ["log"],
                        ["impact", "redis_cache"], ["graph"]] {
            let result = try CLI.run(command + ["--state", state])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try listing(folder) == files)
        #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == before)
    }

    @Test func aDamagedStateIsOneLineAndLeftAlone() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state.db")
        let garbage = Data("this is not a database\n".utf8) + Data(repeating: 0xA5, count: 8192)
        try garbage.write(to: state)
        for command in [["versions"], ["plan", "2025.10.1"], ["import", "Examples/compose.yml", "--as", "x"]] {
            let result = try CLI.run(command + ["--state", state.path])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("is damaged or not an infraplan state file"), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: state) == garbage)
        #expect(try listing(folder) == ["state.db"])
    }

    @Test func aStatePathThatIsADirectoryIsNamedSo() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["versions"], ["import", "Examples/compose.yml", "--as", "x"]] {
            let result = try CLI.run(command + ["--state", folder.path])
            #expect(result.status == 1, "\(command)")
            #expect(
                result.stderr == "error: state file '\(folder.path)' is a directory; give --state the "
                    + "path of a file in it, such as '\(folder.path)/state.db'\n", "\(result.stderr)")
        }
        #expect(try listing(folder).isEmpty)
    }

    @Test func importIntoAFolderThatIsMissingOrAFileSaysSo() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nowhere")
        let file = folder.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        let cases = [
            (missing.path, "folder '\(missing.path)' does not exist; create it or check --state"),
            (file.path, "'\(file.path)' is not a folder; check --state"),
        ]
        for (parent, reason) in cases {
            let state = parent + "/s.db"
            let result = try CLI.run(["import", "Examples/compose.yml", "--as", "x", "--state", state])
            #expect(result.status == 1)
            // The compose file is read first, so its warnings come before the error.
            let error = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
            #expect(error == ["error: cannot create state file '\(state)': \(reason)"], "\(result.stderr)")
        }
        #expect(try listing(folder) == ["plain"])
    }

    @Test func aMigrationsPathThatIsAFileIsNamedSo() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let result = try CLI.run(["plan", "2025.10.1", "--state", state, "--migrations", file.path])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: migrations folder '\(file.path)' is not a folder; check --migrations\n",
            "\(result.stderr)")
    }

    @Test func anEmptyStatePathIsAUsageError() throws {
        let result = try CLI.run(["versions", "--state", ""])
        #expect(result.status == 64)
        #expect(result.stderr.contains("'--state' needs a PATH"), "\(result.stderr)")
    }

    @Test func planOutIntoAMissingFolderIsOneLineAndKeepsNothing() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: state))
        let out = folder.appendingPathComponent("missing/plan.json").path
        let result = try CLI.run(["plan", "2025.10.1", "--out", out, "--state", state])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write '\(out)': no such directory\n", "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == before)
    }

    @Test func aFileThatIsNotAPlanIsNamedWithTheReason() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, String)] = [
            ("", "the file is empty"), ("{", "it is not JSON"), ("{}", "it has no 'format_version'"),
        ]
        for (text, reason) in cases {
            let file = folder.appendingPathComponent("p.json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let result = try CLI.run(["apply", file.path, "--state", state])
            #expect(result.status == 1)
            #expect(
                result.stderr == "error: plan file '\(file.path)' is not a saved infraplan plan (\(reason))\n",
                "\(result.stderr)")
        }
        let missing = folder.appendingPathComponent("absent.json").path
        let result = try CLI.run(["apply", missing, "--state", state])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(missing), "\(result.stderr)")
    }
}
