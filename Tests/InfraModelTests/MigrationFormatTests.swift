import InfraModel
import Testing

/// The migration format's requirement forms and irreversible effects.
@Suite struct MigrationFormatTests {
    func read(_ body: String) throws -> Migration {
        let text = "format: 1\nversion: \"2\"\nbase: \"1\"\n" + body
        return try MigrationReader.read(bytes: Array(text.utf8), path: "m.yaml")
    }

    @Test(arguments: [
        ("version: \"2; rm -rf /\"\nbase: \"1\"\n", "m.yaml:2:10: error: 'version'"),
        ("version: \"2\"\nbase: \"../1\"\n", "m.yaml:3:7: error: 'base'"),
    ])
    func versionLabelsFollowTheLabelRule(header: String, place: String) throws {
        let text = "format: 1\n" + header
        do {
            _ = try MigrationReader.read(bytes: Array(text.utf8), path: "m.yaml")
            Issue.record("an unsafe label was accepted")
        } catch let error as InputError {
            #expect("\(error)".contains(place), "\(error)")
        }
    }

    @Test(arguments: [
        ("verify:\n  - {id: up, description: a, command: \"true\"}\n  - {id: up, description: b, command: \"true\"}\n",
         "m.yaml:6:10: error: duplicate verification id 'up' (first used at line 5)"),
        ("notes:\n  - {id: n, category: warning, text: a}\n  - id: n\n    category: warning\n    text: b\n",
         "m.yaml:6:9: error: duplicate note id 'n' (first used at line 5)"),
    ])
    func aDuplicateIdIsRefusedWhereItRepeats(body: String, place: String) throws {
        do {
            _ = try read(body)
            Issue.record("a duplicate id was accepted")
        } catch let error as InputError {
            #expect("\(error)" == place, "\(error)")
        }
    }

    @Test func aByteThatIsNotUTF8IsPlacedAtItsLine() {
        let bytes = Array("format: 1\nversion: \"2\"\nbase: \"1\"\ntitle: caf".utf8) + [0xE9, 0x0A]
        do {
            _ = try MigrationReader.read(bytes: bytes, path: "m.yaml")
            Issue.record("a migration that is not UTF-8 was read")
        } catch let error as InputError {
            #expect("\(error)".hasPrefix("m.yaml:4:11: error: the UTF-8 sequence"), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [
        ("scale_connections: {clients: [a], database: db, factor: 1e18}", "'factor' must be"),
        ("set_connections: {clients: [a], database: db, expected: 9223372036854775807}", "from 0 to 10000000"),
        ("set_connections: {clients: [a], database: db, expected: -5}", "from 0 to 10000000"),
        ("set_max_connections: {database: db, value: 0}", "from 1 to 10000000"),
        ("set_image: {services: [a], tag: \"bad tag!\"}", "is not an image tag"),
        ("set_image: {services: [a], tag: \"${EVIL}\"}", "is not an image tag"),
        ("set_image: {services: [a], image: \"UPPER/Case:@@\"}", "is not an image reference"),
        ("add_dependency: {services: [a], on: b, condition: whenever}", "'condition' must be one of"),
    ])
    func valuesNoServerOrRegistryTakesAreRefused(change: String, message: String) throws {
        let error = try #require(refusal(of: change))
        #expect(error.contains("m.yaml:5:"), "\(error)")
        #expect(error.contains(message), "\(error)")
    }

    /// The refusal of a migration made of one change, or nil (recorded) when it is accepted.
    func refusal(of change: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
        let text = "format: 1\nversion: \"2\"\nbase: \"1\"\nchanges:\n  - \(change)\n"
        do {
            _ = try MigrationReader.read(bytes: Array(text.utf8), path: "m.yaml")
            Issue.record("\(change) was accepted", sourceLocation: sourceLocation)
        } catch {
            return "\(error)"
        }
        return nil
    }

    @Test(arguments: [
        ("{services: [a], key: DATABASE_URL, value: \"postgres://u:canaryMIG@db/x\"}", "may not carry a secret value"),
        ("{services: [a], key: API_TOKEN, value: t0k3n}", "may not carry a secret value"),
        ("{services: [a], key: \"BAD KEY\", value: x}", "is not a variable name"),
    ])
    func setEnvironmentRefusesSecretsAndBadNames(body: String, message: String) throws {
        let error = try #require(refusal(of: "set_environment: \(body)"))
        #expect(error.contains(message), "\(error)")
        #expect(!error.contains("canaryMIG"))
    }

    @Test func requirementFormsAreRead() throws {
        let migration = try read(
            """
            requirements:
              - id: outposts
                match_version: {services: [proxy, ldap], of: server}
                reason: outposts follow the server.
              - id: path
                upgrade_path: {services: [server], through: ["2025.12"]}
                reason: one release at a time.
              - id: no-redis
                obsolete_environment: {services: [server], keys: ["REDIS_*"]}
                reason: Redis is gone.
            """)
        #expect(
            migration.requirements.map(\.rule) == [
                .matchesVersion(services: ["proxy", "ldap"], leaders: ["server"]),
                .upgradePath(services: ["server"], through: ["2025.12"]),
                .obsoleteEnvironment(services: ["server"], patterns: ["REDIS_*"]),
            ])
    }

    @Test func aRequirementWithTwoFormsIsRefused() throws {
        #expect(throws: InputError.self) {
            try read(
                """
                requirements:
                  - id: both
                    same_version: [a, b]
                    upgrade_path: {services: [a], through: ["2"]}
                    reason: two rules in one.
                """)
        }
    }

    @Test func sessionEffectsMayCarryAnUndoCommandSchemaMigrationsMayNot() throws {
        let effect = """
            irreversible:
              - id: e
                kind: KIND
                database: db
                services: [app]
                description: d
                undo: delete sessions
            """
        let sessions = try read(effect.replacingOccurrences(of: "KIND", with: "session_format"))
        #expect(sessions.irreversible.first?.undo == "delete sessions")
        #expect(sessions.irreversible.first?.needsRestore == false)
        #expect(throws: InputError.self) {
            try read(effect.replacingOccurrences(of: "KIND", with: "schema_migration"))
        }
    }

    @Test func anAddedDependencyThatClosesACycleIsRefusedAtItsChange() throws {
        let migration = try read(
            """
            changes:
              - set_image: {services: [web], tag: "1.37"}
              - add_dependency: {services: [db], on: web}
            """)
        var base = StackModel(project: "p")
        base.services.insert(Service(name: "web", image: ImageReference(parsing: "nginx:1.27")))
        base.services.insert(Service(name: "db", image: ImageReference(parsing: "postgres:16")))
        base.dependencies.insert(Dependency(from: "web", to: "db", kind: .dependsOn))
        do {
            _ = try migration.apply(to: base)
            Issue.record("a cycle was accepted")
        } catch let error as InputError {
            #expect(
                "\(error)"
                    == "m.yaml:6:5: error: add_dependency makes a dependency cycle: db -> web -> db")
        }
    }

    @Test func schemaMigrationsLeaveADowngradeBarrierInTheTarget() throws {
        let migration = try read(
            """
            changes:
              - set_image: {services: [app], tag: "2.0"}
            irreversible:
              - id: schema
                kind: schema_migration
                database: db
                services: [app]
                description: migrates.
            """)
        var base = StackModel(project: "p")
        base.services.insert(
            Service(name: "app", image: ImageReference(parsing: "example/app:1.0")))
        base.services.insert(Service(name: "db", image: ImageReference(parsing: "postgres:16")))
        base.databases.insert(Database(service: "db", engine: "postgres", maxConnections: 100))
        let target = try migration.apply(to: base)
        #expect(
            target.requirements["no-downgrade:schema"]?.rule
                == .noDowngrade(services: ["app"], version: "2.0", database: "db", effect: "schema")
        )
    }
}
