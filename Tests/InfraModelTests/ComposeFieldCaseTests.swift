import Foundation
import Testing

@testable import InfraModel

/// The reading parts of the field cases (`shared/cases/field-cases.md`), one kind of failure each.
@Suite struct ComposeFieldCaseTests {
    // MARK: B03 — a pooler added but not declared in depends_on

    static let pooledAuthentik = """
        services:
          postgresql:
            image: postgres:16-alpine
            healthcheck: {test: ["CMD-SHELL", "pg_isready -U authentik"], interval: 30s}
          pgbouncer:
            image: edoburu/pgbouncer:latest
            depends_on: {postgresql: {condition: service_healthy}}
            environment: {DB_HOST: postgresql, POOL_MODE: transaction, MAX_CLIENT_CONN: "500", DEFAULT_POOL_SIZE: "20"}
          server:
            image: ghcr.io/goauthentik/server:2026.5.4
            command: server
            environment:
              AUTHENTIK_POSTGRESQL__HOST: pgbouncer
              AUTHENTIK_POSTGRESQL__DISABLE_SERVER_SIDE_CURSORS: "true"
            depends_on: {postgresql: {condition: service_healthy}}
          worker:
            image: ghcr.io/goauthentik/server:2026.5.4
            command: worker
            environment: {AUTHENTIK_POSTGRESQL__HOST: pgbouncer}
            depends_on: {postgresql: {condition: service_healthy}}
        """

    @Test func b03FindsThePoolerInTheEnvironmentAndWarnsItIsUndeclared() throws {
        let result = try Compose.load(Self.pooledAuthentik)
        for client in ["server", "worker"] {
            let edge = result.model.dependencies[
                Dependency.Key(
                    from: client, to: "pgbouncer", kind: .environment,
                    detail: "AUTHENTIK_POSTGRESQL__HOST")]
            #expect(edge != nil, "\(client) -> pgbouncer")
        }
        let undeclared = result.warnings.filter { $0.code == "undeclared-dependency" }
        #expect(
            undeclared.map(\.message) == [
                "undeclared dependency: service server reaches pgbouncer through AUTHENTIK_POSTGRESQL__HOST "
                    + "but does not list it in depends_on",
                "undeclared dependency: service worker reaches pgbouncer through AUTHENTIK_POSTGRESQL__HOST "
                    + "but does not list it in depends_on",
            ])
        #expect(Set(result.model.dependents(of: "pgbouncer").map(\.from)) == ["server", "worker"])
        #expect(result.model.dependents(of: "postgresql").map(\.from).contains("pgbouncer"))
    }

    @Test func b03ReadsThePoolerAndWarnsAboutItsUnpinnedImage() throws {
        let result = try Compose.load(Self.pooledAuthentik)
        let pooler = try #require(result.model.databases["pgbouncer"])
        #expect(pooler.isPooler && pooler.upstream == "postgresql")
        #expect(pooler.poolSize == 20)
        #expect(pooler.maxConnections == 500)
        #expect(result.model.databases["postgresql"]?.maxConnections == 100)
        #expect(result.model.databases["postgresql"]?.isLimitAssumed == true)
        let unpinned = result.warnings.filter { $0.code == "unpinned-image" }.map(\.message)
        #expect(
            unpinned == ["unpinned image edoburu/pgbouncer:latest (latest) on service pgbouncer"])
    }

    // MARK: B09 — two files of one implicit project share a service

    @Test func b09SeesTheOtherFilesUseOfTheSharedRedis() throws {
        let fixture = try ComposeFixture([
            "stack/compose.yml": """
            services:
              redis_cache: {image: "redis:7.2-alpine"}
              authentik_server: {image: "ghcr.io/goauthentik/server:2025.8.4", depends_on: [redis_cache]}
              authentik_worker: {image: "ghcr.io/goauthentik/server:2025.8.4", depends_on: [redis_cache]}
            """,
            "stack/erpnext.yml": """
            services:
              erpnext_backend: {image: "frappe/erpnext:v15.38.0", environment: {REDIS_CACHE: "redis_cache:6379"}}
            """,
        ])
        defer { fixture.remove() }
        let result = try fixture.load(["stack/compose.yml", "stack/erpnext.yml"])
        #expect(result.model.project == "stack")
        let dependents = Set(result.model.dependents(of: "redis_cache").map(\.from))
        #expect(dependents == ["authentik_server", "authentik_worker", "erpnext_backend"])
        let edge = result.model.dependencies(of: "erpnext_backend").first
        #expect(edge?.kind == .environment && edge?.detail == "REDIS_CACHE")
        #expect(edge?.source?.hasSuffix("stack/erpnext.yml:2") == true)
    }

    static let authentikWithRedis = """
        services:
          redis_cache: {image: "redis:7.2-alpine"}
          authentik_server: {image: "ghcr.io/goauthentik/server:2025.8.4", depends_on: [redis_cache]}
        """
    static let erpnext = """
        services:
          erpnext_backend: {image: "frappe/erpnext:v15.38.0", environment: {REDIS_CACHE: "redis_cache:6379"}}
        """

    @Test func b09WarnsThatAnotherComposeFileSharesTheImplicitName() throws {
        let fixture = try ComposeFixture([
            "stack/compose.yml": Self.authentikWithRedis,
            "stack/docker-compose.erpnext.yml": Self.erpnext,
        ])
        defer { fixture.remove() }
        let result = try fixture.load(["stack/compose.yml"])
        let warning = try #require(result.warnings.first { $0.code == "shared-project-name" })
        #expect(
            warning.message == "two compose files share implicit project name \"stack\"; set name:")
        #expect(
            warning.note
                == "also in the project folder: docker-compose.erpnext.yml; run separately, "
                + "either file's '--remove-orphans' removes the other's containers")
        #expect(warning.shortPlace == "compose.yml:1")
    }

    /// B09 as the case gives it: `erpnext.yml` beside `compose.yml`, imported alone or
    /// together. Either file run alone is the same implicit project as the other.
    @Test func b09WarnsForAnyComposeFileBesideOrImportedWithIt() throws {
        let fixture = try ComposeFixture([
            "stack/compose.yml": Self.authentikWithRedis, "stack/erpnext.yml": Self.erpnext,
            "stack/notes.yml": "todo: [upgrade]\n",
        ])
        defer { fixture.remove() }
        for files in [["stack/compose.yml"], ["stack/compose.yml", "stack/erpnext.yml"]] {
            let result = try fixture.load(files)
            let warning = try #require(result.warnings.first { $0.code == "shared-project-name" })
            #expect(warning.note?.contains("erpnext.yml") == true)
            #expect(warning.note?.contains("notes.yml") == false)
        }
    }

    /// One reason each for staying quiet: the name is explicit, or the other file is an
    /// override Compose merges in.
    @Test(arguments: [
        ("name: erp\n", "docker-compose.yml", [String: String](), nil as String?),
        ("", "docker-compose.yml", ["COMPOSE_PROJECT_NAME": "erp"], nil),
        ("", "docker-compose.yml", [:], "erp"),
        ("", "compose.override.yml", [:], nil),
    ])
    func b09StaysQuietWhenTheNameIsNotShared(
        prefix: String, other: String, environment: [String: String], projectName: String?
    ) throws {
        let fixture = try ComposeFixture([
            "stack/compose.yml": prefix + Self.authentikWithRedis, "stack/\(other)": Self.erpnext,
        ])
        defer { fixture.remove() }
        let result = try fixture.load(
            ["stack/compose.yml"], environment: environment, projectName: projectName)
        #expect(!result.warnings.contains { $0.code == "shared-project-name" })
        let both = try fixture.load(
            ["stack/compose.yml", "stack/\(other)"], environment: environment,
            projectName: projectName)
        #expect(!both.warnings.contains { $0.code == "shared-project-name" })
    }

    @Test(arguments: [
        ("compose.yml", true), ("compose.yaml", true), ("docker-compose.yml", true),
        ("docker-compose-hs.yml", true), ("erpnext.compose.yaml", true),
        ("docker-compose.override.yml", false), ("compose.override.yaml", false),
        ("erpnext.yml", false), ("compose.json", false), ("docker-compose", false),
    ])
    func b09KnowsComposeFilesByName(name: String, isComposeFile: Bool) {
        #expect(SiblingComposeFiles.isComposeFileName(name) == isComposeFile)
    }

    // MARK: B11 — depends_on names a renamed service

    @Test func b11RefusesTheOldNameAndSuggestsTheNewOne() throws {
        let error = try Compose.firstError(
            """
            services:
              oj-judge:   {image: "registry.example.com/judge_server:1.6"}
              oj-backend: {image: "registry.example.com/oj_backend:1.6", depends_on: [judge-server]}
            """)
        #expect(error?.message == "service oj-backend depends on undefined service judge-server")
        #expect(error?.note == "did you mean oj-judge?")
        #expect(error?.shortPlace == "compose.yml:3")
    }

    // MARK: B12 — dependency cycle

    @Test func b12NamesTheCycleInOrderWithoutItsDependents() throws {
        let error = try Compose.firstError(
            """
            services:
              letsencrypt: {image: "certbot/certbot:v2.11.0", depends_on: [nginx]}
              nginx:       {image: "nginx:1.27-alpine", depends_on: [sentry_web]}
              sentry_web:  {image: "getsentry/sentry:24.8.0", depends_on: [letsencrypt]}
              sentry_cron: {image: "getsentry/sentry:24.8.0", depends_on: [sentry_web]}
            """)
        #expect(
            error?.message == "dependency cycle: letsencrypt -> nginx -> sentry_web -> letsencrypt")
        #expect(error?.shortPlace == "compose.yml:2")
    }

    @Test func b12RefusesASelfEdgeAsACycleOfOne() throws {
        let error = try Compose.firstError(
            """
            services:
              x: {image: "busybox:1.36", depends_on: [x]}
            """)
        #expect(error?.message == "dependency cycle: x -> x")
    }

    @Test func b12HandlesLongChainsWithoutRecursion() throws {
        let count = 5_000
        var text = "services:\n"
        for index in 0..<count {
            text +=
                "  s\(index): {image: \"busybox:1.36\", depends_on: [s\((index + 1) % count)]}\n"
        }
        let clock = ContinuousClock()
        var error: Diagnostic?
        let elapsed = try clock.measure { error = try Compose.firstError(text) }
        #expect(error?.code == "dependency-cycle")
        #expect(error?.message.hasPrefix("dependency cycle: s0 -> s1 -> s2 -> ") == true)
        #expect(elapsed < .seconds(60))
    }

    // MARK: B13 — required: false and profile-gated dependencies

    static let optionalDependency = """
        services:
          first:
            image: busybox:1.36
            profiles: [debug]
          second:
            image: busybox:1.36
            depends_on:
              first: {condition: service_completed_successfully, required: false}
        x-infraplan: {compose_version: "2.19.1"}
        """

    @Test func b13KeepsTheOptionalEdgeSoftAndWarnsAboutOldCompose() throws {
        let result = try Compose.load(Self.optionalDependency)
        #expect(result.model.services["first"]?.isActive == false)
        #expect(result.model.services["second"]?.isActive == true)
        let edge = try #require(result.model.dependencies(of: "second").first)
        #expect(edge.to == "first" && !edge.isRequired)
        #expect(edge.condition == "service_completed_successfully")
        let version = result.warnings.filter { $0.code == "compose-version" }
        #expect(version.count == 1)
        #expect(
            version.first?.message.contains("depends_on.required needs docker compose >= 2.20")
                == true)
        #expect(version.first?.message.contains("second") == true)
        #expect(
            result.warnings.contains {
                $0.code == "skipped-dependency" && $0.message.contains("first")
            })
    }

    @Test func b13RefusesARequiredDependencyOnAnInactiveService() throws {
        let error = try Compose.firstError(
            """
            services:
              first: {image: busybox:1.36, profiles: [debug]}
              second:
                image: busybox:1.36
                depends_on:
                  first: {condition: service_completed_successfully}
            """)
        #expect(
            error?.message == "service second depends on inactive service first (profiles debug)")
        #expect(error?.shortPlace == "compose.yml:6")
    }

    @Test func b13AcceptsTheDependencyWhenTheProfileIsOn() throws {
        let result = try Compose.load(Self.optionalDependency, profiles: ["debug"])
        #expect(result.model.services.filter { $0.isActive }.count == 2)
        #expect(!result.warnings.contains { $0.code == "skipped-dependency" })
    }

    // MARK: B15 — a file secret that does not exist

    static let missingSecret = """
        services:
          front: {image: "nginx:1.27-alpine", secrets: [site_cert_key]}
        secrets:
          site_cert_key: {file: ./secrets/site_cert_key.pem}
        """

    /// Compose itself only warns here (the corpus cases follow it), so infraplan warns, naming
    /// the secret, the file and who uses it, and never creates the path.
    @Test func b15WarnsAboutTheMissingSecretFileAndCreatesNothing() throws {
        let fixture = try ComposeFixture(["compose.yml": Self.missingSecret])
        defer { fixture.remove() }
        let result = try fixture.load()
        let warning = result.warnings.first { $0.code == "missing-file" }
        #expect(
            warning?.message
                == "secret site_cert_key: file ./secrets/site_cert_key.pem not found (used by front)"
        )
        #expect(warning?.shortPlace == "compose.yml:4")
        #expect(!FileManager.default.fileExists(atPath: fixture.path("secrets")))
        #expect(
            result.model.secrets["site_cert_key"]?.origin == .file("./secrets/site_cert_key.pem"))
    }

    @Test func b15RefusesADirectoryInPlaceOfTheSecretFile() throws {
        let fixture = try ComposeFixture([
            "compose.yml": Self.missingSecret, "secrets/site_cert_key.pem/x": "",
        ])
        defer { fixture.remove() }
        let error = fixture.refusal()?.diagnostics.first
        #expect(
            error?.message
                == "secret site_cert_key: file ./secrets/site_cert_key.pem is a directory")
    }

    // MARK: B17 — a `$` in a .env password taken for a variable

    @Test func b17RefusesAPasswordWhoseDollarInterpolatedNothing() throws {
        let error = try Compose.firstError(
            #"services: {app: {image: "registry.example.com/app:2.1", environment: {DB_PASSWORD: "${DB_PASSWORD}"}}}"#,
            extra: [".env": "DB_PASSWORD=s3cret$abc9\n"])
        #expect(error?.code == "password-interpolation")
        #expect(error?.message.contains("DB_PASSWORD") == true)
        #expect(error?.message.contains("abc9") == true)
        #expect(error?.shortPlace == ".env:1")
    }

    @Test func b17WarnsForOtherKeysAndShowsTheEffectiveValue() throws {
        let result = try Compose.load(
            #"services: {app: {image: "registry.example.com/app:2.1", environment: {GREETING: "${GREETING}"}}}"#,
            extra: [".env": "GREETING=hello$name\n"])
        let warning = result.warnings.first { $0.code == "env-file-dollar" }
        #expect(warning?.message.contains("GREETING") == true)
        #expect(warning?.message.contains("effective value differs from literal") == true)
        let entry = result.model.environment[EnvironmentEntry.Key(service: "app", name: "GREETING")]
        #expect(entry?.value == .literal("hello"))
        #expect(entry?.origin == .interpolated)
    }

    @Test(arguments: ["DB_PASSWORD=s3cret$$abc9", "DB_PASSWORD='s3cret$abc9'"])
    func b17AcceptsAnEscapedOrSingleQuotedDollar(_ line: String) throws {
        let result = try Compose.load(
            #"services: {app: {image: "registry.example.com/app:2.1", environment: {DB_PASSWORD: "${DB_PASSWORD}"}}}"#,
            extra: [".env": line + "\n"])
        #expect(!result.warnings.contains { $0.code.hasPrefix("env-file") })
        let entry = result.model.environment[
            EnvironmentEntry.Key(service: "app", name: "DB_PASSWORD")]
        #expect(entry?.value == .redacted)
        let json = String(decoding: try JSONEncoder().encode(result.model), as: UTF8.self)
        #expect(!json.contains("s3cret"))
    }

    @Test func b17UnsetVariablesWarnRequiredOnesRefuseDefaultsAreQuiet() throws {
        let result = try Compose.load(
            """
            services:
              app:
                image: registry.example.com/app:2.1
                environment: {MODE: "${MODE}", LEVEL: "${LEVEL:-info}"}
            """)
        let unset = result.warnings.filter { $0.code == "unset-variable" }
        #expect(
            unset.map(\.message) == [
                "variable MODE is not set (used in services.app.environment.MODE); using an empty string"
            ])
        #expect(
            result.model.environment[EnvironmentEntry.Key(service: "app", name: "LEVEL")]?.value
                == .literal("info"))
        let error = try Compose.firstError(
            """
            services:
              app:
                image: registry.example.com/app:2.1
                environment: {TOKEN: "${API_TOKEN:?set API_TOKEN in .env}"}
            """)
        #expect(
            error?.message
                == "required variable API_TOKEN is missing a value: set API_TOKEN in .env")
        #expect(error?.shortPlace == "compose.yml:4")
    }

    // MARK: B19 — a declared env_file that does not exist

    static let envFileServices = """
        services:
          api:    {image: "registry.example.com/api:0.9", env_file: .env}
          worker: {image: "registry.example.com/api:0.9", env_file: .env}
          web:    {image: "registry.example.com/web:0.9", env_file: [{path: .env, required: REQUIRED}]}
        """

    @Test func b19RefusesOnceNamingEveryServiceAndTheExample() throws {
        let error = try Compose.firstError(
            Self.envFileServices.replacingOccurrences(of: "REQUIRED", with: "true"),
            extra: [".env.example": "API_URL=http://api:8080\n"])
        #expect(error?.message.hasPrefix("env_file ") == true)
        #expect(error?.message.hasSuffix(".env not found (api, worker, web)") == true)
        #expect(error?.note?.hasSuffix(".env.example exists; copy it to create the file") == true)
        #expect(error?.shortPlace == "compose.yml:2")
    }

    @Test func b19AcceptsOptionalEnvFiles() throws {
        let text = Self.envFileServices.replacingOccurrences(of: "REQUIRED", with: "false")
            .replacingOccurrences(
                of: "env_file: .env}", with: "env_file: [{path: .env, required: false}]}")
        let result = try Compose.load(text)
        #expect(result.model.serviceNames == ["api", "web", "worker"])
    }

    // MARK: B20 — one router name with different rules in several services

    @Test func b20RefusesARouterDefinedDifferentlyByTwoServices() throws {
        let error = try Compose.firstError(
            """
            services:
              netdata:
                image: netdata/netdata:v1.47.0
                labels: ["traefik.http.routers.netdata.rule=Host(`netdata.example.com`)"]
              pihole:
                image: pihole/pihole:2024.07.0
                labels:
                  - "traefik.http.routers.netdata.rule=Host(`pihole.example.com`)"
                  - "traefik.http.routers.pihole.rule=Host(`pihole.example.com`)"
            """)
        #expect(
            error?.message
                == "traefik router netdata defined by netdata and pihole with different rule")
        #expect(error?.shortPlace == "compose.yml:8")
    }

    @Test func b20WarnsAboutTwoRoutersForOneHost() throws {
        let result = try Compose.load(
            """
            services:
              netdata:
                image: netdata/netdata:v1.47.0
                labels:
                  - "traefik.http.routers.netdata.rule=Host(`netdata.example.com`)"
                  - "traefik.http.routers.dash.rule=Host(`pihole.example.com`)"
              pihole:
                image: pihole/pihole:2024.07.0
                labels: ["traefik.http.routers.pihole.rule=Host(`pihole.example.com`)"]
            """)
        let warning = result.warnings.first { $0.code == "duplicate-route-host" }
        #expect(
            warning?.message
                == "duplicate Host pihole.example.com: routers dash (netdata) and pihole (pihole) "
                + "match it without priority")
        #expect(result.model.routes["netdata"]?.hosts == ["netdata.example.com"])
        #expect(result.model.routes["netdata"]?.backend == "netdata")
    }

    // MARK: B22 — a router names a Traefik service by an outdated generated name

    @Test func b22RefusesTheStaleGeneratedNameAndSuggestsTheCurrentOne() throws {
        let error = try Compose.firstError(
            """
            name: geor
            services:
              static:
                image: nginx:1.27-alpine
                labels: ["traefik.enable=true"]
              proxy_routes:
                image: traefik/whoami:v1.10
                labels:
                  - "traefik.http.routers.static.rule=PathPrefix(`/static`)"
                  - "traefik.http.routers.static.service=static-docker@docker"
            """)
        #expect(
            error?.message
                == "router static references traefik service static-docker@docker, which nothing defines"
        )
        #expect(error?.note == "did you mean static-geor@docker?")
    }

    @Test func b22AcceptsTheGeneratedNameAndFindsTheBackend() throws {
        let result = try Compose.load(
            """
            name: geor
            services:
              static:
                image: nginx:1.27-alpine
                labels: ["traefik.enable=true"]
              proxy_routes:
                image: traefik/whoami:v1.10
                labels:
                  - "traefik.http.routers.static.rule=PathPrefix(`/static`)"
                  - "traefik.http.routers.static.service=static-geor@docker"
            """)
        let route = try #require(result.model.routes["static"])
        #expect(route.definedBy == "proxy_routes")
        #expect(route.backend == "static")
        #expect(route.paths == ["/static"])
        #expect(route.proxyService == "static-geor@docker")
    }

    // MARK: B24 — an untagged database image

    @Test func b24WarnsAboutAnUnpinnedStatefulDatabase() throws {
        let result = try Compose.load(
            """
            services:
              db:
                image: postgres
                volumes: ["./data/db:/var/lib/postgresql/data"]
            x-infraplan: {observed: {db: {running_version: "11.5"}}}
            """)
        let warning = result.warnings.first { $0.code == "unpinned-image" }
        #expect(
            warning?.message
                == "unpinned image postgres (implicit latest) on stateful service db (has volume)")
        #expect(warning?.shortPlace == "compose.yml:3")
        #expect(result.model.databases["db"]?.version == "11.5")
        #expect(result.model.services["db"]?.image?.isUnpinned == true)
    }
}
