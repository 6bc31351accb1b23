import Foundation
import InfraModel
import Testing

@testable import Planner

/// Field case B15: a secret's file must be a regular file when the target still
/// mounts it; Compose only warns, and then mounts a directory it created.
@Suite struct FieldCaseSecretFileTests {
    /// B15's input: `front` receives `site_cert_key` from `./secrets/site_cert_key.pem`.
    static func front(_ tag: String) -> StackModel {
        var model = StackModel(project: "site")
        model.services.insert(
            Service(name: "front", image: ImageReference(parsing: "nginx:\(tag)")))
        model.secrets.insert(
            Secret(name: "site_cert_key", origin: .file("./secrets/site_cert_key.pem")))
        model.secretGrants.insert(SecretGrant(service: "front", secret: "site_cert_key"))
        return model
    }

    /// A project folder holding `files` (relative path → text; a trailing `/` makes a folder).
    struct Folder {
        let path: String

        init(_ files: [String] = []) throws {
            path =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("b15-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true)
            for file in files {
                let url = URL(fileURLWithPath: path).appendingPathComponent(file)
                try FileManager.default.createDirectory(
                    at: file.hasSuffix("/") ? url : url.deletingLastPathComponent(),
                    withIntermediateDirectories: true)
                if !file.hasSuffix("/") {
                    try "not a real secret\n".write(to: url, atomically: true, encoding: .utf8)
                }
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    static func plan(
        _ from: StackModel, _ to: StackModel, folder: ProjectFolder?, migration: Migration? = nil
    ) throws -> Plan {
        try Planner.makePlan(
            PlanRequest(
                fromLabel: "1", from: from, toLabel: "2", to: to, migration: migration,
                fromFolder: folder, toFolder: folder))
    }

    @Test func aMissingFileBlocksThePlanNamingSecretPathAndUsers() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let plan = try Self.plan(
            Self.front("1.26"), Self.front("1.27"), folder: .found(folder.path))
        #expect(
            plan.blockers == [
                "secret files of 2: secret site_cert_key: file ./secrets/site_cert_key.pem "
                    + "not found (used by front)"
            ])
        #expect(try plan.step("check:secret-files").outcome == .block)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/secrets"))
    }

    @Test func aDirectoryInPlaceOfTheFileBlocksThePlan() throws {
        let folder = try Folder(["secrets/site_cert_key.pem/"])
        defer { folder.remove() }
        let plan = try Self.plan(
            Self.front("1.26"), Self.front("1.27"), folder: .found(folder.path))
        #expect(
            plan.blockers == [
                "secret files of 2: secret site_cert_key: file ./secrets/site_cert_key.pem "
                    + "is a directory (used by front)"
            ])
    }

    @Test func aRegularFilePassesAndTheCheckComesFirst() throws {
        let folder = try Folder(["secrets/site_cert_key.pem"])
        defer { folder.remove() }
        let plan = try Self.plan(
            Self.front("1.26"), Self.front("1.27"), folder: .found(folder.path))
        let check = try plan.step("check:secret-files")
        #expect(check.outcome == .pass && !plan.isBlocked)
        #expect(
            check.details == ["secret site_cert_key: file ./secrets/site_cert_key.pem is in place"])
        #expect(try plan.position("check:secret-files") < plan.position("restart:front"))
    }

    /// An absolute path is checked where it is, not in the project folder.
    @Test func anAbsolutePathIsCheckedAsItIs() throws {
        let secrets = try Folder(["site.pem"])
        let project = try Folder()
        defer { secrets.remove(); project.remove() }
        var target = Self.front("1.27")
        target.secrets.insert(
            Secret(name: "site_cert_key", origin: .file(secrets.path + "/site.pem")))
        let plan = try Self.plan(Self.front("1.26"), target, folder: .found(project.path))
        #expect(!plan.isBlocked, "\(plan.blockers)")
    }

    @Test func aTargetThatChangesNothingIsStillRefusedWithoutItsFile() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let blocked = try Self.plan(
            Self.front("1.27"), Self.front("1.27"), folder: .found(folder.path))
        #expect(blocked.isBlocked)
        let complete = try Folder(["secrets/site_cert_key.pem"])
        defer { complete.remove() }
        let empty = try Self.plan(
            Self.front("1.27"), Self.front("1.27"), folder: .found(complete.path))
        #expect(empty.isEmpty)
    }

    /// The project folder is unknown from here: the check becomes a manual step
    /// with the commands to run in that folder.
    @Test func anUnknownFolderMakesTheCheckManual() throws {
        let plan = try Self.plan(
            Self.front("1.26"), Self.front("1.27"),
            folder: .notFound(composeFile: "site/compose.yml"))
        let step = try plan.step("check:secret-files")
        #expect(step.kind == .manual && !plan.isBlocked)
        #expect(step.title.contains("site/compose.yml is not found from here"))
        #expect(step.commands == ["test -f ./secrets/site_cert_key.pem"])
    }

    @Test func modelsNotReadFromFilesAreNotChecked() throws {
        let plan = try Self.plan(Self.front("1.26"), Self.front("1.27"), folder: nil)
        #expect(!plan.steps.contains { $0.id == "check:secret-files" })
    }

    /// In `S0`, a missing file of the secret the upgrade removes is only a warning.
    ///
    /// The upgrade revokes `redis_password` from both authentik services and
    /// removes it; `authentik_secret_key` stays, and its file still counts.
    @Test func theReferenceUpgradeOnlyWarnsAboutTheSecretItRemoves() throws {
        let folder = try Folder(["secrets/authentik_secret_key.txt"])
        defer { folder.remove() }
        let migration = try FieldStack.migration(FieldStack.upgradeYAML)
        let target = try migration.apply(to: FieldStack.s0())
        let plan = try Self.plan(
            FieldStack.s0(), target, folder: .found(folder.path), migration: migration)
        #expect(!plan.isBlocked, "\(plan.blockers)")
        #expect(try plan.step("remove:secret:redis_password").kind == .remove)
        #expect(
            plan.warnings.contains(
                "secret redis_password: file ./secrets/redis_password.txt not found; "
                    + "the plan removes the secret"))

        try FileManager.default.removeItem(
            atPath: folder.path + "/secrets/authentik_secret_key.txt")
        let blocked = try Self.plan(
            FieldStack.s0(), target, folder: .found(folder.path), migration: migration)
        #expect(
            blocked.blockers == [
                "secret files of 2: secret authentik_secret_key: file "
                    + "./secrets/authentik_secret_key.txt not found "
                    + "(used by authentik_server, authentik_worker)"
            ])
    }

    /// `originPath` joins the imported files with spaces; the inputs tell where one ends.
    @Test func theFirstComposeFileOfAnImportIsFoundDespiteSpaces() {
        let record = VersionRecord(
            label: "1", project: "site", createdAt: "2026-01-01T00:00:00Z", originKind: .import,
            originPath: "my stack/compose.yml my stack/override.yml", originSHA256: "",
            inputs: [
                InputDigest(path: "my stack/.env", sha256: ""),
                InputDigest(path: "my stack/compose.yml", sha256: ""),
                InputDigest(path: "my stack/override.yml", sha256: ""),
            ])
        #expect(ProjectFolder.firstComposeFile(of: record) == "my stack/compose.yml")
        #expect(ProjectFolder.locate(record) == .notFound(composeFile: "my stack/compose.yml"))
    }
}
