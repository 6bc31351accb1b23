import Foundation
import Testing

@testable import InfraModel

/// The Compose features the importer reads, each on a small file.
@Suite struct ComposeFeatureTests {
    func env(_ result: ComposeImport, _ service: String, _ key: String) -> EnvironmentEntry? {
        result.model.environment[EnvironmentEntry.Key(service: service, name: key)]
    }

    // MARK: Several files

    @Test func laterFilesOverrideWithComposeMergeRules() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              web:
                image: nginx:1.26
                command: ["nginx", "-g", "daemon off;"]
                environment: {A: "1", B: "2"}
                labels: [one=1]
                ports: ["80:80"]
                volumes: ["data:/data", "./conf:/etc/nginx"]
                depends_on: [db]
              db: {image: "postgres:16", environment: {POSTGRES_PASSWORD: secret, KEEP: "yes"}}
            volumes: {data: {}}
            """,
            "override.yml": """
            services:
              web:
                image: nginx:1.27
                command: nginx-debug
                environment: ["B=3", "C=4"]
                labels: {two: "2"}
                ports: ["443:443"]
                volumes: ["./other:/etc/nginx"]
                depends_on: {cache: {condition: service_started}}
              cache: {image: "redis:7.2"}
              db:
                environment:
                  POSTGRES_PASSWORD: !reset null
                ports: !override ["5432:5432"]
            """,
        ])
        defer { fixture.remove() }
        let result = try fixture.load(["compose.yml", "override.yml"])
        let web = try #require(result.model.services["web"])
        #expect(web.image?.tag == "1.27")
        #expect(web.command == ["nginx-debug"])
        #expect(web.labels == ["one": "1", "two": "2"])
        #expect(web.ports == ["80:80", "443:443"])
        #expect(web.volumes == ["data:/data", "./other:/etc/nginx"])
        #expect(env(result, "web", "A")?.value == .literal("1"))
        #expect(env(result, "web", "B")?.value == .literal("3"))
        #expect(env(result, "web", "C")?.value == .literal("4"))
        #expect(Set(result.model.dependencies(of: "web").map(\.to)) == ["cache", "db"])
        #expect(env(result, "db", "POSTGRES_PASSWORD") == nil)
        #expect(env(result, "db", "KEEP")?.value == .literal("yes"))
        #expect(result.model.services["db"]?.ports == ["5432:5432"])
        #expect(result.inputs.count == 2)
    }

    @Test func anOverriddenEntryKeepsTheLineOfTheFileThatWroteIt() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              app:
                image: busybox:1.36
                environment:
                  DB_HOST: ${DB_HOST:-}
                  LEVEL: info
                depends_on:
                  db: {condition: service_started}
              db: {image: "postgres:16"}
            """,
            "overrides/x.yaml": """
            services:
              app:
                environment:
                  DB_HOST: db
                depends_on:
                  db: {condition: service_healthy}
              db:
                healthcheck: {test: [CMD, pg_isready]}
            """,
        ])
        defer { fixture.remove() }
        let result = try fixture.load(["compose.yml", "overrides/x.yaml"])
        let source = { (key: String) in
            result.model.environment[EnvironmentEntry.Key(service: "app", name: key)]?.source
        }
        #expect(source("DB_HOST")?.hasSuffix("overrides/x.yaml:4") == true)
        #expect(source("LEVEL")?.hasSuffix("/compose.yml:6") == true)
        let edges = result.model.dependencies(of: "app")
        let startup = edges.first { $0.kind == .dependsOn }
        #expect(startup?.condition == "service_healthy")
        #expect(startup?.source?.hasSuffix("overrides/x.yaml:6") == true)
        let hidden = edges.first { $0.kind == .environment }
        #expect(hidden?.source?.hasSuffix("overrides/x.yaml:4") == true)
    }

    @Test func anExtendingServiceKeepsTheLineOfItsOwnEntries() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              web:
                extends: {file: common/base.yml, service: app}
                environment: {ROLE: web}
            """,
            "common/base.yml": """
            services:
              app:
                image: ghcr.io/example/app:2.0
                environment: {ROLE: base, LEVEL: info}
            """,
        ])
        defer { fixture.remove() }
        let result = try fixture.load()
        let source = { (key: String) in
            result.model.environment[EnvironmentEntry.Key(service: "web", name: key)]?.source
        }
        #expect(source("ROLE")?.hasSuffix("/compose.yml:4") == true)
        #expect(source("LEVEL")?.hasSuffix("common/base.yml:4") == true)
    }

    // MARK: extends and include

    @Test func extendsAnotherFileResolvingItsPathsAgainstItsFolder() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              web:
                extends: {file: common/base.yml, service: app}
                environment: {ROLE: web}
              worker:
                extends: web
                command: worker
            """,
            "common/base.yml": """
            services:
              app:
                image: ghcr.io/example/app:2.0
                env_file: app.env
                environment: {ROLE: base, LEVEL: info}
            """,
            "common/app.env": "FROM_FILE=yes\n",
        ])
        defer { fixture.remove() }
        let result = try fixture.load()
        #expect(result.model.serviceNames == ["web", "worker"])
        #expect(env(result, "web", "ROLE")?.value == .literal("web"))
        #expect(env(result, "worker", "ROLE")?.value == .literal("web"))
        #expect(env(result, "worker", "LEVEL")?.value == .literal("info"))
        #expect(env(result, "web", "FROM_FILE")?.origin == .envFile(fixture.path("common/app.env")))
        #expect(result.model.services["worker"]?.command == ["worker"])
        #expect(
            result.inputs.map { FilePath.baseName(of: $0.path) } == [
                "app.env", "base.yml", "compose.yml",
            ])
    }

    @Test func bindSourcesOfExtendedAndIncludedFilesResolveAgainstTheirFolder() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            include: [sub/other.yml]
            services:
              web:
                extends: {file: common/base.yml, service: app}
                volumes: ["./logs:/var/log/nginx"]
            """,
            "common/base.yml": """
            services:
              app:
                image: nginx:1.27
                volumes:
                  - ./conf:/etc/nginx:ro
                  - {type: bind, source: ./html, target: /usr/share/nginx/html}
            """,
            "common/conf/nginx.conf": "events {}\n",
            "common/html/index.html": "hello\n",
            "sub/other.yml": """
            services:
              other:
                image: busybox:1.36
                volumes:
                  - {type: bind, source: state, target: /state}
                  - ../shared:/shared
            """,
            "sub/state/seen": "1\n",
            "shared/readme": "shared\n",
        ])
        defer { fixture.remove() }
        let result = try fixture.load()
        #expect(
            result.model.services["web"]?.volumes == [
                "./common/conf:/etc/nginx:ro", "./common/html:/usr/share/nginx/html",
                "./logs:/var/log/nginx",
            ])
        #expect(
            result.model.services["other"]?.volumes == ["./sub/state:/state", "./shared:/shared"])
        #expect(!result.warnings.contains { $0.code == "missing-bind-source" })
    }

    @Test func includedFilesAreProjectsOfTheirOwn() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            include:
              - path: [sub/a.yml]
                env_file: sub/extra.env
              - sub/b.yml
            services:
              main: {image: "busybox:1.36", networks: [shared]}
            networks: {shared: {}}
            """,
            "sub/a.yml":
                "services:\n  a: {image: \"busybox:${A_TAG}\", env_file: a.env, networks: [shared]}\n",
            "sub/a.env": "IN_A=1\n",
            "sub/extra.env": "A_TAG=1.36\n",
            "sub/b.yml": "services:\n  b: {image: \"busybox:${B_TAG}\"}\n",
            "sub/.env": "B_TAG=1.35\n",
        ])
        defer { fixture.remove() }
        let result = try fixture.load()
        #expect(result.model.serviceNames == ["a", "b", "main"])
        #expect(result.model.services["a"]?.image?.tag == "1.36")
        #expect(result.model.services["b"]?.image?.tag == "1.35")
        #expect(env(result, "a", "IN_A")?.value == .literal("1"))
    }

    // MARK: Profiles, project name, environment sources

    static let profiled = """
        services:
          always: {image: "busybox:1.36"}
          debug: {image: "busybox:1.36", profiles: [debug]}
          tools: {image: "busybox:1.36", profiles: [tools, all]}
        """

    @Test func profilesComeFromTheFlagThenTheEnvironmentThenDotEnv() throws {
        let fixture = try ComposeFixture([
            "compose.yml": Self.profiled, ".env": "COMPOSE_PROFILES=tools\n",
        ])
        defer { fixture.remove() }
        func active(_ result: ComposeImport) -> [String] {
            result.model.services.filter { $0.isActive }.map(\.name)
        }
        #expect(active(try fixture.load()) == ["always", "tools"])
        #expect(
            active(try fixture.load(environment: ["COMPOSE_PROFILES": "debug"])) == [
                "always", "debug",
            ])
        #expect(
            active(try fixture.load(profiles: ["debug", "tools"])) == ["always", "debug", "tools"])
        #expect(active(try fixture.load(profiles: ["*"])) == ["always", "debug", "tools"])
        let inactive = try fixture.load(profiles: ["none"]).model.services["debug"]
        #expect(inactive?.isActive == false && inactive?.profiles == ["debug"])
    }

    @Test func projectNameFollowsComposePrecedence() throws {
        let fixture = try ComposeFixture([
            "My_Stack.v2/compose.yml": "name: declared\nservices: {}\n",
            "Other Dir/compose.yml": "services: {}\n",
        ])
        defer { fixture.remove() }
        #expect(
            try fixture.load(["My_Stack.v2/compose.yml"], projectName: "given").model.project
                == "given")
        #expect(
            try fixture.load(
                ["My_Stack.v2/compose.yml"], environment: ["COMPOSE_PROJECT_NAME": "fromenv"]
            )
            .model.project == "fromenv")
        #expect(try fixture.load(["My_Stack.v2/compose.yml"]).model.project == "declared")
        #expect(try fixture.load(["Other Dir/compose.yml"]).model.project == "otherdir")
    }

    @Test func theProcessEnvironmentWinsAndEnvFilesReplaceDotEnv() throws {
        let fixture = try ComposeFixture([
            "compose.yml":
                "services:\n  app: {image: \"busybox:${TAG:-none}\", environment: [PASSED, MODE]}\n",
            ".env": "TAG=from-dotenv\nMODE=dotenv\n",
            "other.env": "TAG=from-other\n",
        ])
        defer { fixture.remove() }
        #expect(try fixture.load().model.services["app"]?.image?.tag == "from-dotenv")
        #expect(
            try fixture.load(environment: ["TAG": "process"]).model.services["app"]?.image?.tag
                == "process")
        let other = try fixture.load(environment: ["PASSED": "through"], envFiles: ["other.env"])
        #expect(other.model.services["app"]?.image?.tag == "from-other")
        #expect(env(other, "app", "PASSED")?.value == .literal("through"))
        #expect(env(other, "app", "PASSED")?.origin == .interpolated)
        #expect(env(other, "app", "MODE")?.value == .passthrough)
    }

    // MARK: Short and long syntax

    @Test func readsLongSyntaxForms() throws {
        let result = try Compose.load(
            """
            services:
              web:
                image: nginx:1.27
                command: sh -c 'echo "hello world" && nginx'
                entrypoint: ["/docker-entrypoint.sh"]
                healthcheck: {test: curl -f http://localhost, interval: 10s, retries: 3}
                ports:
                  - {target: 80, published: 8080, protocol: tcp}
                  - 443
                volumes:
                  - {type: bind, source: ., target: /srv, read_only: true}
                  - {type: tmpfs, target: /tmp}
                  - /anonymous
                networks:
                  front: {aliases: [www]}
                secrets:
                  - {source: cert, target: server.pem}
                configs: [nginx]
                labels: {tier: web}
                deploy: {replicas: 2, restart_policy: {condition: any}}
            networks: {front: {}}
            secrets:
              cert: {environment: CERT_PEM}
            configs:
              nginx: {content: "server {}"}
            """)
        let web = try #require(result.model.services["web"])
        #expect(web.command == ["sh", "-c", "echo \"hello world\" && nginx"])
        #expect(web.entrypoint == ["/docker-entrypoint.sh"])
        #expect(
            web.healthcheck
                == Healthcheck(
                    test: ["CMD-SHELL", "curl -f http://localhost"], interval: "10s", retries: 3))
        #expect(web.ports == ["8080:80/tcp", "443"])
        #expect(web.volumes == [".:/srv:ro", "/tmp", "/anonymous"])
        #expect(web.networks == ["front"])
        #expect(web.configs == ["nginx"])
        #expect(web.replicas == 2)
        #expect(web.restart == "always")
        #expect(result.model.secretGrants.sorted.first?.target == "/run/secrets/server.pem")
        #expect(result.model.secrets["cert"]?.origin == .environment("CERT_PEM"))
    }

    @Test func aSecretGrantedTwiceKeepsBothMounts() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              app:
                image: nginx:1.27
                secrets: [cert, {source: cert, target: /etc/ssl/app.pem}]
            secrets:
              cert: {file: ./cert.pem}
            """,
            "cert.pem": "not a real certificate\n",
        ])
        defer { fixture.remove() }
        let model = try fixture.load().model
        #expect(model.secretGrants.map(\.target) == ["/etc/ssl/app.pem", "/run/secrets/cert"])

        // The state keeps both, since each grant is its own fact.
        let store = try ModelStore(path: fixture.path("state.db"), create: true)
        let record = VersionRecord(
            label: "v1", project: model.project, createdAt: "2026-01-01T00:00:00Z",
            originKind: .import, originPath: "compose.yml", originSHA256: "-")
        try store.write(movesModel: true) {
            try store.insertVersion(record, model: model, makeCurrent: true)
        }
        #expect(try store.model("v1").secretGrants == model.secretGrants)
    }

    @Test func secretContentIsNeverKept() throws {
        let result = try Compose.load(
            """
            services:
              app: {image: "busybox:1.36", secrets: [inline, outside]}
            secrets:
              inline: {content: "canary-inline-4411"}
              outside: {external: true, name: vault_key}
            """)
        #expect(result.model.secrets["inline"]?.origin == .inlineContent)
        #expect(result.model.secrets["outside"]?.origin == .external("vault_key"))
        let json = String(decoding: try JSONEncoder().encode(result.model), as: UTF8.self)
        #expect(!json.contains("canary-inline-4411"))
    }

    @Test func environmentFromFilesIsClassifiedAndInlineWins() throws {
        let result = try Compose.load(
            "services:\n  app:\n    image: busybox:1.36\n    env_file: app.env\n    environment: [LEVEL=debug]\n",
            extra: [
                "app.env":
                    "LEVEL=info\nAPI_TOKEN=canary-token-9d\nDB_URL=postgres://app:canary-pw-31@db:5432/app\n"
            ])
        #expect(env(result, "app", "LEVEL")?.value == .literal("debug"))
        #expect(env(result, "app", "LEVEL")?.origin == .inline)
        #expect(env(result, "app", "API_TOKEN")?.value == .redacted)
        #expect(env(result, "app", "API_TOKEN")?.source?.hasSuffix("app.env:2") == true)
        let json = String(decoding: try JSONEncoder().encode(result.model), as: UTF8.self)
        #expect(!json.contains("canary-token-9d") && !json.contains("canary-pw-31"))
    }

    // MARK: Dependencies Compose does not see

    @Test(arguments: [
        ("DB_HOST", "db"),
        ("DATABASE_URL", "postgres://user:pw@db:5432/app"),
        ("JDBC_URL", "jdbc:postgresql://db:5432/app"),
        ("CACHE", "db:6379"),
        ("BROKERS", "kafka:9092,db:9092"),
    ])
    func findsHostsInEnvironmentValues(_ key: String, _ value: String) throws {
        let result = try Compose.load(
            """
            services:
              db: {image: "postgres:16"}
              kafka: {image: "apache/kafka:3.8.0"}
              app: {image: "busybox:1.36", environment: {\(key): "\(value)"}}
            """)
        let edge = result.model.dependencies[
            Dependency.Key(from: "app", to: "db", kind: .environment, detail: key)]
        #expect(edge != nil)
        #expect(edge?.source?.hasSuffix("compose.yml:4") == true)
    }

    @Test func aBareWordUnderAnUnrelatedKeyIsNotAHost() throws {
        let result = try Compose.load(
            """
            services:
              redis: {image: "redis:7.2"}
              app: {image: "busybox:1.36", environment: {CACHE_BACKEND_KIND: redis, SITE: app}}
            """)
        #expect(result.model.dependencies.isEmpty)
    }

    // MARK: Databases

    @Test func readsLimitsFromDatabaseCommands() throws {
        let result = try Compose.load(
            """
            services:
              pg: {image: "postgres:17.2", command: "postgres -c max_connections=250 -c superuser_reserved_connections=5"}
              my: {image: "mysql:8.4", command: ["--max-connections=300"]}
              maria: {image: "mariadb:11", shm_size: 1g}
              cache: {image: "valkey/valkey:8", command: ["valkey-server", "--maxclients", "500"]}
              pool:
                image: bitnami/pgbouncer:1.23
                environment: {DATABASE_URL: "postgres://u:p@pg:5432/app", PGBOUNCER_DEFAULT_POOL_SIZE: "40"}
            """)
        let databases = result.model.databases
        #expect(databases["pg"]?.maxConnections == 250 && databases["pg"]?.reservedConnections == 5)
        #expect(databases["my"]?.maxConnections == 300 && databases["my"]?.engine == "mysql")
        #expect(
            databases["maria"]?.isLimitAssumed == true && databases["maria"]?.maxConnections == 151)
        #expect(databases["cache"]?.engine == "valkey" && databases["cache"]?.maxConnections == 500)
        #expect(databases["pool"]?.upstream == "pg" && databases["pool"]?.poolSize == 40)
        let implicit = result.warnings.filter { $0.code == "implicit-limits" }.map(\.message)
        #expect(
            implicit == [
                "implicit mariadb limits on maria: max_connections not set (max_connections assumed 151)"
            ])
    }

    @Test func implicitPostgresLimitsNameTheUnsetSettings() throws {
        let result = try Compose.load("services:\n  db: {image: \"postgres:16\"}\n")
        let warning = result.warnings.first { $0.code == "implicit-limits" }
        #expect(
            warning?.message
                == "implicit postgres limits on db: max_connections and shm_size not set "
                + "(max_connections assumed 100)")
        #expect(result.model.databases["db"]?.isLimitAssumed == true)
    }

    @Test func declaredFactsFillWhatTheCommandDoesNotSay() throws {
        let result = try Compose.load(
            """
            services:
              db: {image: "ghcr.io/example/custom-pg:3"}
              app: {image: "busybox:1.36"}
            x-infraplan:
              databases:
                db: {engine: postgres, version: "15", max_connections: 40, tls: {enabled: true, min_version: "1.3"}}
              connections:
                app: {db: 10}
                batch_jobs: {db: 5}
            """)
        let database = try #require(result.model.databases["db"])
        #expect(
            database.engine == "postgres" && database.version == "15"
                && database.maxConnections == 40)
        #expect(database.tls == TLSSettings(isEnabled: true, minimumVersion: "1.3"))
        #expect(result.model.connections.map(\.client) == ["app", "batch_jobs"])
        #expect(result.model.connections.map(\.expected) == [10, 5])
    }

    // MARK: Warnings

    @Test func warnsAboutObsoleteAndUncheckedThings() throws {
        let result = try Compose.load(
            """
            version: "3.8"
            services:
              app: {image: "busybox:1.36", depends_on: {db: {condition: service_healthy}}}
              db: {image: "postgres:16", command: postgres -c max_connections=50}
            volumes:
              old: {external: {name: legacy}}
            """)
        let codes = result.warnings.map(\.code)
        #expect(codes.contains("obsolete-version"))
        #expect(codes.contains("obsolete-key"))
        #expect(codes.contains("healthcheck-missing"))
        #expect(result.warnings.map(\.severity).allSatisfy { $0 == .warning })
        #expect(result.warnings == result.warnings.sorted(by: Diagnostic.ordered))
        #expect(result.model.volumes["old"]?.isExternal == true)
        #expect(result.model.volumes["old"]?.externalName == "legacy")
    }
}

/// Smaller reading rules: implicit networks, aliases, label files, optional dependencies.
@Suite struct ComposeReadingRuleTests {
    /// The service lists `default`, as `docker compose config` does; the model's networks stay
    /// the declared ones.
    @Test func servicesWithoutNetworksJoinTheDefaultNetwork() throws {
        let result = try Compose.load("services:\n  app: {image: \"busybox:1.36\"}\n")
        #expect(result.model.services["app"]?.networks == ["default"])
        #expect(result.model.networks.isEmpty)
    }

    @Test func aNetworkAliasIsAHostOfItsService() throws {
        let result = try Compose.load(
            """
            services:
              prosody:
                image: jitsi/prosody:stable-9753
                networks: {meet: {aliases: [xmpp.meet.jitsi]}}
              web:
                image: jitsi/web:stable-9753
                networks: [meet]
                environment: {XMPP_SERVER: xmpp.meet.jitsi}
            networks: {meet: {}}
            """)
        let edge = result.model.dependencies(of: "web").first
        #expect(
            edge?.to == "prosody" && edge?.kind == .environment && edge?.detail == "XMPP_SERVER")
    }

    @Test func labelFilesAddLabelsThatInlineLabelsOverride() throws {
        let result = try Compose.load(
            "services:\n  app:\n    image: busybox:1.36\n    label_file: app.labels\n    labels: [tier=web]\n",
            extra: ["app.labels": "tier=batch\nteam=ops\n"])
        #expect(result.model.services["app"]?.labels == ["tier": "web", "team": "ops"])
        #expect(result.inputs.contains { $0.path.hasSuffix("app.labels") })
    }

    @Test func aMissingLabelFileIsRefused() throws {
        let error = try Compose.firstError(
            "services:\n  app:\n    image: busybox:1.36\n    label_file: [gone.labels]\n")
        #expect(error?.message.contains("gone.labels") == true)
        #expect(error?.shortPlace == "compose.yml:4")
    }

    /// Compose skips an optional dependency only on a service its profiles disable.
    @Test func anOptionalDependencyOnAnUndefinedServiceIsRefused() throws {
        let error = try Compose.firstError(
            """
            services:
              app:
                image: busybox:1.36
                depends_on: {ghost: {condition: service_started, required: false}}
            """)
        #expect(error?.message == "service app depends on undefined service ghost")
        #expect(error?.shortPlace == "compose.yml:4")
    }

    @Test func aStrTagKeepsAPlainScalarAString() throws {
        let result = try Compose.load(
            "services:\n  app: {image: \"busybox:1.36\", restart: !!str no}\n")
        #expect(result.model.services["app"]?.restart == "no")
    }
}

/// Secrets passed through interpolation into places the model keeps as written.
@Suite struct SensitiveInterpolationTests {
    @Test func sensitiveVariablesAreHiddenWhereverTheyLand() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              cache:
                image: redis:7.2
                command: [redis-server, --requirepass, "${REDIS_PASSWORD:?set it}"]
                healthcheck:
                  test: redis-cli -a ${REDIS_PASSWORD} ping
              app:
                image: app:1
                command: app --token=${API_TOKEN:-default-tok-77} --cache redis://:${REDIS_PASSWORD}@cache
                environment:
                  CONN: ${REDIS_PASSWORD}
                  TAG: ${APP_TAG:-v1}
            """,
            ".env": "REDIS_PASSWORD=devpass-canary\n",
        ])
        defer { fixture.remove() }
        let result = try fixture.load()
        let encoded = try JSONCoding.encode(result.model)
        for canary in ["devpass-canary", "default-tok-77"] {
            #expect(!encoded.contains(canary), "\(canary) reached the model")
        }
        let cache = try #require(result.model.services.first { $0.name == "cache" })
        #expect(cache.command == ["redis-server", "--requirepass", "<redacted>"])
        let conn = result.model.environment[EnvironmentEntry.Key(service: "app", name: "CONN")]
        #expect(conn?.value == .redacted)
        let tag = result.model.environment[EnvironmentEntry.Key(service: "app", name: "TAG")]
        #expect(tag?.value == .literal("v1"))
    }

    @Test func anEnvFileValueThatInterpolatesASecretKeepsItOut() throws {
        let fixture = try ComposeFixture([
            "compose.yml": "services:\n  app: {image: \"app:1\", env_file: app.env}\n",
            "app.env": "OPTS=-Dpw=${DB_PASSWORD} -Dhost=db\n",
            ".env": "DB_PASSWORD=envfile-canary-3\n",
        ])
        defer { fixture.remove() }
        let result = try fixture.load()
        #expect(!(try JSONCoding.encode(result.model)).contains("envfile-canary-3"))
        let opts = result.model.environment[EnvironmentEntry.Key(service: "app", name: "OPTS")]
        #expect(opts?.value == .literal("-Dpw=<redacted> -Dhost=db"))
    }
}

/// `container:NAME` references to a service of the project by its container name.
@Suite struct ContainerNameReferenceTests {
    @Test func aContainerOfTheProjectIsADependencyByItsService() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              gluetun: {image: "qmcgaw/gluetun:v3.39", container_name: vpn}
              qbit: {image: "lscr.io/linuxserver/qbittorrent:4.6.7", network_mode: "container:vpn"}
              backup: {image: "busybox:1.36", volumes_from: ["container:vpn:ro"]}
              other: {image: "busybox:1.36", network_mode: "container:elsewhere"}
            """
        ])
        defer { fixture.remove() }
        let model = try fixture.load().model
        #expect(model.dependencies(of: "qbit").map(\.to) == ["gluetun"])
        #expect(model.dependencies(of: "qbit").first?.kind == .networkMode)
        #expect(model.dependencies(of: "backup").map(\.kind) == [.volumesFrom])
        #expect(model.dependencies(of: "other").isEmpty)
    }
}
