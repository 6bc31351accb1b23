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
