import Foundation
import Testing

/// Plans between two imports of a stack's own compose files, as an operator
/// makes them when a vendor ships a new compose file.
@Suite struct TwoImportPlanTests {
    /// Imports each text as a version, in order, and returns the folder and state.
    func imported(_ versions: [(String, String)]) throws -> (URL, String) {
        let folder = try CLI.temporaryDirectory()
        let state = folder.appendingPathComponent("state.db").path
        for (label, text) in versions {
            let file = folder.appendingPathComponent("\(label).yml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let result = try CLI.run(
                ["import", file.path, "--as", label, "--state", state, "-p", "site"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
        }
        try CLI.run(["apply", versions[0].0, "--yes", "--state", state], in: folder)
        return (folder, state)
    }

    @Test func removingAServiceOthersStillNameAsAHostIsBlocked() throws {
        let old = """
            services:
              mysql: {image: "mysql:8.4", volumes: ["db:/var/lib/mysql"]}
              wp:
                image: wordpress:6.6
                environment: {WORDPRESS_DB_HOST: "mysql:3306"}
              pma:
                image: phpmyadmin:5.2
                environment: [PMA_HOST=mysql]
            volumes: {db: {}}
            """
        let new = """
            services:
              wp:
                image: wordpress:6.6
                environment: {WORDPRESS_DB_HOST: "mysql:3306"}
              pma:
                image: phpmyadmin:5.2
                environment: [PMA_HOST=mysql]
            """
        let (folder, state) = try imported([("v1", old), ("v2", new)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try CLI.run(["plan", "v2", "--state", state], in: folder)
        #expect(plan.status == 3, "\(plan.stdout)\(plan.stderr)")
        #expect(
            plan.stdout.contains(
                "mysql is removed, but pma (environment PMA_HOST), wp (environment WORDPRESS_DB_HOST) "
                    + "still name it as a host"), "\(plan.stdout)")
    }

    @Test func valuesFromTheFileNeverRunAsCommands() throws {
        let old = """
            services:
              db:
                image: postgres:16
                environment: {POSTGRES_USER: "u; touch PWNED #", POSTGRES_DB: "$$(touch PWNED2)"}
              app: {image: "app:1", depends_on: [db], environment: {DB_HOST: db}}
            x-infraplan:
              connections: {app: {db: 5}}
            """
        let new = old.replacingOccurrences(of: "postgres:16", with: "postgres:17")
            .replacingOccurrences(of: "db: 5", with: "db: 6")
        let (folder, state) = try imported([("v1", old), ("v2", new)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try CLI.run(["plan", "v2", "--state", state], in: folder)
        #expect(
            plan.stdout.contains("psql -U 'u; touch PWNED #' -d '$(touch PWNED2)' -Atc"),
            "\(plan.stdout)")
        #expect(!plan.stdout.contains("-U u; touch"))
        #expect(!plan.stdout.contains("-d $(touch"))
    }

    @Test func commandsSeeTheProjectAsTheImportDid() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state.db").path
        let files = [
            "stack.yml": "services:\n  cache: {image: \"redis:7.2\"}\n"
                + "  debug: {image: \"busybox:1.36\", profiles: [debug]}\n",
            "erp.yml": "services:\n  erp: {image: \"frappe/erpnext:v15.1.0\", "
                + "environment: {REDIS_CACHE: \"redis://cache:6379\"}}\n",
            "erp2.yml": "services:\n  erp: {image: \"frappe/erpnext:v15.2.0\", "
                + "environment: {REDIS_CACHE: \"redis://cache:6379\"}}\n",
        ]
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        for (label, second) in [("v1", "erp.yml"), ("v2", "erp2.yml")] {
            let result = try CLI.run(
                ["import", "stack.yml", second, "--as", label, "-p", "site", "--profile", "debug",
                 "--state", state], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let plan = try CLI.run(["plan", "v2", "--state", state], in: folder)
        #expect(plan.status == 0, "\(plan.stderr)")
        let flags = "-f stack.yml -f erp2.yml -p site --profile debug"
        #expect(plan.stdout.contains("$ docker compose \(flags) pull erp"), "\(plan.stdout)")
        #expect(
            plan.stdout.contains(
                "$ docker compose -f stack.yml -f erp.yml -p site --profile debug config "
                    + "--no-interpolate > backups/compose-v1.yml"), "\(plan.stdout)")
        // The rollback starts the saved configuration of v1, under the same project.
        #expect(
            plan.stdout.contains(
                "$ docker compose -p site --profile debug --project-directory . "
                    + "-f backups/compose-v1.yml up -d --no-deps --force-recreate erp"),
            "\(plan.stdout)")
        #expect(!plan.stdout.contains("$ docker compose pull"))
    }
}

/// B06 target B: a hand edit that moves the server and worker but not the outposts.
@Suite struct VersionSkewTests {
    static let stack = """
        x-env: &env {AUTHENTIK_POSTGRESQL__HOST: db, AUTHENTIK_POSTGRESQL__NAME: authentik}
        services:
          db: {image: "postgres:16"}
          authentik_server: {image: "ghcr.io/goauthentik/server:2025.8.4", command: server, environment: *env}
          authentik_worker: {image: "ghcr.io/goauthentik/server:2025.8.4", command: worker, environment: *env}
          authentik_proxy:
            image: ghcr.io/goauthentik/proxy:2025.8.4
            environment: {AUTHENTIK_HOST: https://auth.example.com}
          authentik_ldap:
            image: ghcr.io/goauthentik/ldap:2025.8.4
            environment: {AUTHENTIK_HOST: https://auth.example.com}
          cache_a: {image: "redis:7.2.4"}
          cache_b: {image: "redis:7.2.4"}
        """

    func plan(_ edit: (String) -> String) throws -> CLI.Result {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state.db").path
        for (label, text) in [("old", Self.stack), ("new", edit(Self.stack))] {
            let file = folder.appendingPathComponent("\(label).yml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            #expect(try CLI.run(["import", file.path, "--as", label, "--state", state]).status == 0)
        }
        return try CLI.run(["plan", "new", "--state", state], in: folder)
    }

    @Test func outpostsLeftBehindAreAWarningNamingEveryVersion() throws {
        let result = try plan { $0.replacingOccurrences(of: "server:2025.8.4", with: "server:2025.10.1") }
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "the target runs authentik_ldap 2025.8.4, authentik_proxy 2025.8.4, "
                    + "authentik_server 2025.10.1, authentik_worker 2025.10.1"), "\(result.stdout)")
    }

    @Test func aServerAheadOfItsWorkerIsBlocked() throws {
        let result = try plan {
            $0.replacingOccurrences(
                of: "authentik_server: {image: \"ghcr.io/goauthentik/server:2025.8.4\"",
                with: "authentik_server: {image: \"ghcr.io/goauthentik/server:2025.10.1\"")
        }
        #expect(result.status == 3, "\(result.stdout)")
        #expect(result.stdout.contains("authentik_server 2025.10.1, authentik_worker 2025.8.4"))
    }

    @Test func independentInstancesOfALibraryImageMayDiffer() throws {
        let result = try plan { $0.replacingOccurrences(of: "cache_b: {image: \"redis:7.2.4\"}", with: "cache_b: {image: \"redis:7.2.5\"}") }
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.contains("version skew"))
    }
}

/// A project renamed between two versions is a new project to Compose.
@Suite struct ProjectRenameTests {
    @Test func aNewProjectNameIsBlockedNamingTheVolumesLeftBehind() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state.db").path
        for (label, name) in [("1", "geor"), ("2", "docker")] {
            let text = "name: \(name)\nservices:\n  web: {image: \"nginx:1.27\", volumes: [\"static:/srv\"]}\nvolumes: {static: {}}\n"
            let file = folder.appendingPathComponent("v\(label).yml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            #expect(try CLI.run(["import", file.path, "--as", label, "--state", state]).status == 0)
        }
        let plan = try CLI.run(["plan", "2", "--state", state], in: folder)
        #expect(plan.status == 3, "\(plan.stdout)")
        #expect(plan.stdout.contains("the project name changes from geor to docker"))
        #expect(plan.stdout.contains("geor_static -> docker_static"), "\(plan.stdout)")
        let diff = try CLI.run(["diff", "1", "2", "--state", state], in: folder)
        #expect(diff.stdout.hasPrefix("~ project geor -> docker"), "\(diff.stdout)")
    }
}
