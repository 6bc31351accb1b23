import Foundation
import Testing

/// Field case B15 end to end: `plan` finds the project folder of the target's
/// import and refuses a secret file that is missing or a directory there.
@Suite struct SecretFileCheckTests {
    static let compose = """
        services:
          front: {image: "nginx:TAG", secrets: [site_cert_key]}
        secrets:
          site_cert_key: {file: ./secrets/site_cert_key.pem}
        """

    /// A project folder with two imported versions of B15's stack, the secret file present.
    static func project() throws -> URL {
        let folder = try CLI.temporaryDirectory()
        let secrets = folder.appendingPathComponent("secrets")
        try FileManager.default.createDirectory(at: secrets, withIntermediateDirectories: true)
        try "not a real key\n".write(
            to: secrets.appendingPathComponent("site_cert_key.pem"), atomically: true,
            encoding: .utf8)
        for (label, tag) in [("1", "1.26"), ("2", "1.27")] {
            try compose.replacingOccurrences(of: "TAG", with: tag).write(
                to: folder.appendingPathComponent("compose.yml"), atomically: true,
                encoding: .utf8)
            let result = try CLI.run(
                ["import", "compose.yml", "--as", label, "--state", "state.db"], in: folder)
            try #require(result.status == 0, "\(result.stderr)")
        }
        return folder
    }

    @Test func planRefusesAMissingOrDirectorySecretFileAndCreatesNothing() throws {
        let folder = try Self.project()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("secrets/site_cert_key.pem")
        #expect(try CLI.run(["plan", "2", "--state", "state.db"], in: folder).status == 0)

        try FileManager.default.removeItem(at: file)
        let missing = try CLI.run(["plan", "2", "--state", "state.db"], in: folder)
        #expect(missing.status == 3)
        #expect(
            missing.stdout.contains(
                "secret site_cert_key: file ./secrets/site_cert_key.pem not found (used by front)"),
            "\(missing.stdout)")
        #expect(!FileManager.default.fileExists(atPath: file.path))

        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        let directory = try CLI.run(["plan", "2", "--state", "state.db"], in: folder)
        #expect(directory.status == 3)
        #expect(directory.stdout.contains("site_cert_key.pem is a directory (used by front)"))
    }

    /// From another folder, `compose.yml` is not the project's: the files are checked by hand.
    @Test func planElsewhereMakesTheCheckManual() throws {
        let folder = try Self.project()
        let elsewhere = try CLI.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        try FileManager.default.removeItem(
            at: folder.appendingPathComponent("secrets/site_cert_key.pem"))
        let state = folder.appendingPathComponent("state.db").path
        let result = try CLI.run(["plan", "2", "--state", state], in: elsewhere)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "check the secret files of 2 in its project folder: "
                    + "compose.yml is not found from here"))
        #expect(result.stdout.contains("$ test -f ./secrets/site_cert_key.pem"))
    }

    /// A migration's target resolves files in the folder of the import it descends from.
    @Test func theExampleUpgradeChecksItsSecretFilesInExamples() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["plan", "2025.10.1", "--state", state])
        #expect(result.stdout.contains("[check] secret files of 2025.10.1  PASS"))
        #expect(
            result.stdout.contains(
                "secret redis_password: file ./secrets/redis_password.txt is in place"))
    }

    /// `apply --compose FILE` plans for the stack beside FILE, wherever it was imported from.
    @Test func applyChecksTheFilesBesideItsComposeFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let elsewhere = try sandbox.run(["plan", "2025.10.1"])
        #expect(elsewhere.stdout.contains("Examples/compose.yml is not found from here"))

        try FileManager.default.removeItem(
            at: sandbox.folder.appendingPathComponent("secrets/redis_password.txt"))
        let result = try sandbox.run(["apply", "2025.10.1", "--yes", "--compose", sandbox.compose])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "secret redis_password: file ./secrets/redis_password.txt not found "
                    + "(used by redis_cache)"), "\(result.stderr)")
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }
}
