import Testing

@testable import InfraModel

/// Where each variable's value comes from: env files, the process environment, the project.
@Suite struct ComposeEnvironmentTests {
    func env(_ result: ComposeImport, _ service: String, _ key: String) -> EnvironmentEntry? {
        result.model.environment[EnvironmentEntry.Key(service: service, name: key)]
    }

    @Test func anEnvFileKeepsItsOwnValuesOverTheShellAndDotEnv() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              app: {image: "alpine:3.20", env_file: app.env}
              db2: {image: "postgres:16"}
            """,
            "app.env": """
            HOME=/srv/app
            TZ=Europe/Berlin
            DB_HOST=db2
            FROM_SHELL
            GREETING=hello-${REGION}
            """,
            ".env": "TZ=UTC\nREGION=eu\n",
        ])
        defer { fixture.remove() }
        let result = try fixture.load(
            environment: ["DB_HOST": "localhost", "HOME": "/root", "FROM_SHELL": "shell"])
        #expect(env(result, "app", "HOME")?.value == .literal("/srv/app"))
        #expect(env(result, "app", "TZ")?.value == .literal("Europe/Berlin"))
        #expect(env(result, "app", "DB_HOST")?.value == .literal("db2"))
        #expect(env(result, "app", "FROM_SHELL")?.value == .literal("shell"))
        #expect(env(result, "app", "GREETING")?.value == .literal("hello-eu"))
        let edge = result.model.dependencies[
            Dependency.Key(from: "app", to: "db2", kind: .environment, detail: "DB_HOST")]
        #expect(edge?.source?.hasSuffix("app.env:3") == true)
    }

    @Test func aRawEnvFileKeepsItsValuesAsWritten() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              app:
                image: "alpine:3.20"
                env_file: [{path: app.env, format: raw}, plain.env]
            """,
            "app.env": "QUOTED=\"x\"\nHASH=$2y$10$abc\n",
            "plain.env": "ESCAPED=\"a\\$HOME\"\n",
        ])
        defer { fixture.remove() }
        let result = try fixture.load(environment: ["HOME": "/root"])
        #expect(env(result, "app", "QUOTED")?.value == .literal("\"x\""))
        #expect(env(result, "app", "HASH")?.value == .literal("$2y$10$abc"))
        #expect(env(result, "app", "ESCAPED")?.value == .literal("a$HOME"))
        #expect(!result.warnings.contains { $0.code == "env-file-dollar" })
    }

    @Test func aLaterEnvFileInterpolatesWithTheEarlierOnes() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              app: {image: "alpine:3.20", env_file: [base.env, app.env]}
            """,
            "base.env": "SITE=shop\n",
            "app.env": "URL=https://${SITE}.example.net\n",
        ])
        defer { fixture.remove() }
        let result = try fixture.load(environment: ["SITE": "shell"])
        #expect(env(result, "app", "URL")?.value == .literal("https://shop.example.net"))
    }
}

/// Several env files for interpolation: each one over the ones before it.
@Suite struct ComposeEnvFileOrderTests {
    @Test func aLaterEnvFileOverridesAnEarlierOne() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              app: {image: "busybox:${TAG}", environment: {MODE: "${MODE}", URL: "${URL}"}}
            """,
            "first.env": "TAG=1.35\nMODE=first\n",
            "second.env": "TAG=1.36\nURL=${MODE}.example.net\n",
        ])
        defer { fixture.remove() }
        let result = try fixture.load(envFiles: ["first.env", "second.env"])
        let entry = { (key: String) in
            result.model.environment[EnvironmentEntry.Key(service: "app", name: key)]?.value
        }
        #expect(result.model.services["app"]?.image?.tag == "1.36")
        #expect(entry("MODE") == .literal("first"))
        #expect(entry("URL") == .literal("first.example.net"))
    }

    @Test func anIncludedProjectsEnvFilesAreReadInOrderToo() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            include:
              - path: sub/app.yml
                env_file: [sub/first.env, sub/second.env]
            services: {}
            """,
            "sub/app.yml": "services:\n  app: {image: \"busybox:${TAG}\"}\n",
            "sub/first.env": "VERSION=1.36\nTAG=1.35\n",
            "sub/second.env": "TAG=${VERSION}\n",
        ])
        defer { fixture.remove() }
        #expect(try fixture.load().model.services["app"]?.image?.tag == "1.36")
    }
}

/// `COMPOSE_PROJECT_NAME` as interpolation sees it: the project's name unless the environment sets it.
@Suite struct ComposeProjectNameVariableTests {
    static let file = """
        services:
          app:
            image: busybox:1.36
            labels: {project: "${COMPOSE_PROJECT_NAME}"}
            environment: [COMPOSE_PROJECT_NAME]
        """

    func project(_ result: ComposeImport) -> String? {
        result.model.services["app"]?.labels["project"]
    }

    @Test func isTheDeclaredNameTheFlagOrTheFolder() throws {
        let fixture = try ComposeFixture([
            "named/compose.yml": "name: my-stack\n" + Self.file,
            "Plain Folder/compose.yml": Self.file,
        ])
        defer { fixture.remove() }
        let named = try fixture.load(["named/compose.yml"])
        #expect(project(named) == "my-stack")
        #expect(!named.warnings.contains { $0.code == "unset-variable" })
        let entry = named.model.environment[
            EnvironmentEntry.Key(service: "app", name: "COMPOSE_PROJECT_NAME")]
        #expect(entry?.value == .literal("my-stack"))
        #expect(project(try fixture.load(["named/compose.yml"], projectName: "given")) == "given")
        #expect(project(try fixture.load(["Plain Folder/compose.yml"])) == "plainfolder")
    }

    @Test func keepsTheValueTheEnvironmentSets() throws {
        let fixture = try ComposeFixture(["compose.yml": "name: declared\n" + Self.file])
        defer { fixture.remove() }
        let result = try fixture.load(environment: ["COMPOSE_PROJECT_NAME": "from_env"])
        #expect(result.model.project == "from_env")
        #expect(project(result) == "from_env")
    }
}

/// Compose interpolates values only: a mapping key is read as written.
@Suite struct ComposeKeyInterpolationTests {
    @Test func anEnvironmentKeyKeepsItsDollarLiterally() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              app:
                image: busybox:1.36
                environment: {"${K}": v, FROM_VALUE: "${K}"}
            """
        ])
        defer { fixture.remove() }
        let result = try fixture.load(environment: ["K": "real"])
        let entry = { (key: String) in
            result.model.environment[EnvironmentEntry.Key(service: "app", name: key)]
        }
        #expect(entry("${K}")?.value == .literal("v"))
        #expect(entry("real") == nil)
        #expect(entry("FROM_VALUE")?.value == .literal("real"))
    }

    @Test func aServiceKeyWithADollarIsAnInvalidServiceName() throws {
        let fixture = try ComposeFixture([
            "compose.yml":
                "services:\n  app: {image: busybox:1.36}\n  \"${NAME}\": {image: busybox:1.36}\n"
        ])
        defer { fixture.remove() }
        let error = try #require(fixture.refusal(environment: ["NAME": "web"]))
        #expect(error.diagnostics.count == 1)
        let first = try #require(error.diagnostics.first)
        #expect(first.code == "invalid-name")
        #expect(
            first.description
                == "\(fixture.path("compose.yml")):3:3: error: invalid service name '${NAME}'; "
                + "use only letters, digits, '.', '_' and '-'; "
                + "compose does not interpolate keys, so '$' stays in the name")
    }

    @Test(arguments: [
        ("services:\n  web app: {image: busybox:1.36}\n", "service", "web app", "compose.yml:2"),
        ("services: {}\nvolumes:\n  data/db: {}\n", "volume", "data/db", "compose.yml:3"),
        (
            "services: {}\nsecrets:\n  \"db:pass\": {file: p.txt}\n", "secret", "db:pass",
            "compose.yml:3"
        ),
        ("services: {}\nconfigs:\n  \"\": {file: c.txt}\n", "config", "", "compose.yml:3"),
    ])
    func refusesNamesComposeDoesNotAllow(
        _ text: String, _ kind: String, _ name: String, _ place: String
    ) throws {
        let error = try Compose.firstError(text)
        #expect(error?.code == "invalid-name")
        #expect(
            error?.message
                == "invalid \(kind) name '\(name)'; use only letters, digits, '.', '_' and '-'")
        #expect(error?.shortPlace == place)
    }
}
