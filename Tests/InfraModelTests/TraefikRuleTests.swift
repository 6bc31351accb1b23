import Testing

@testable import InfraModel

/// Traefik rules: which hosts and paths they match.
@Suite struct TraefikRuleTests {
    @Test(arguments: [
        ("Host(`a.example.net`)", ["a.example.net"], [String]()),
        (
            "Host(`sso.example.net`) || Host(`auth.example.net`)",
            ["auth.example.net", "sso.example.net"], []
        ),
        ("Host(`a.example.net`, `B.example.net`)", ["a.example.net", "b.example.net"], []),
        ("Host(\"a.example.net\") && PathPrefix('/app1')", ["a.example.net"], ["/app1"]),
        (
            "(Host(`a.example.net`) || Host(`b.example.net`)) && !Path(`/admin`)",
            ["a.example.net", "b.example.net"], []
        ),
        ("Host(`a.example.net`) && !Host(`b.example.net`)", ["a.example.net"], []),
        ("HostSNI(`*`)", [], []),
        ("HostSNI(`db.example.net`)", ["db.example.net"], []),
        ("HostRegexp(`{sub:[a-z]+}.example.net`) && Path(`/`)", [], ["/"]),
        ("Headers(`X-Forwarded-Proto`, `https`) && Method(`GET`)", [], []),
        ("Path(`/`)", [], ["/"]),
    ])
    func findsHostsAndPaths(_ rule: String, _ hosts: [String], _ paths: [String]) throws {
        let parsed = try TraefikRule(parsing: rule)
        #expect(parsed.hosts == hosts)
        #expect(parsed.paths == paths)
    }

    @Test(arguments: [
        "Host(`a.example.net`",
        "Host(`a.example.net)",
        "Hots(`a.example.net`)",
        "Host(`a`) &&",
        "Host(`a`) & Path(`/`)",
        "Host()",
        "Host(`a`) Host(`b`)",
        "",
        "Host(``)",
        "Host(`a`, ``) && Path(`/`)",
    ])
    func refusesBrokenRules(_ rule: String) {
        #expect(throws: TraefikRule.ParseError.self) { try TraefikRule(parsing: rule) }
    }

    /// Traefik registers each matcher as written, lowercased, uppercased and in Title case.
    @Test(arguments: [
        ("host(`a.example.net`)", ["a.example.net"], [String]()),
        ("HOST(`a.example.net`) && PATHPREFIX(`/api`)", ["a.example.net"], ["/api"]),
        ("Host(`a.example.net`) && Pathprefix(`/api`)", ["a.example.net"], ["/api"]),
        ("pathprefix(`/api`) || path(`/`)", [], ["/", "/api"]),
        (
            "hostsni(`db.example.net`) || Hostheader(`b.example.net`)",
            [
                "b.example.net", "db.example.net",
            ], []
        ),
    ])
    func readsMatchersInEveryCaseTraefikAccepts(
        _ rule: String, _ hosts: [String], _ paths: [String]
    ) throws {
        let parsed = try TraefikRule(parsing: rule)
        #expect(parsed.hosts == hosts)
        #expect(parsed.paths == paths)
    }

    @Test(arguments: ["pathPrefix(`/api`)", "HOst(`a.example.net`)", "HostSni(`a`)"])
    func refusesCasesTraefikDoesNotRegister(_ rule: String) {
        #expect(throws: TraefikRule.ParseError.self) { try TraefikRule(parsing: rule) }
    }

    @Test func aLowercaseRuleInALabelGivesTheRoutesHostsAndPaths() throws {
        let result = try Compose.load(
            """
            services:
              web:
                image: nginx:1.27
                labels:
                  - traefik.http.routers.web.rule=host(`Web.example.net`) && Pathprefix(`/shop`)
            """)
        let route = try #require(result.model.routes["web"])
        #expect(route.hosts == ["web.example.net"])
        #expect(route.paths == ["/shop"])
    }

    @Test func refusesRulesNestedTooDeeply() {
        let rule =
            String(repeating: "(", count: 500) + "Host(`a`)" + String(repeating: ")", count: 500)
        #expect(throws: TraefikRule.ParseError.self) { try TraefikRule(parsing: rule) }
    }

    @Test func anUnparsableRuleIsRefusedAtItsLabel() throws {
        let error = try Compose.firstError(
            """
            services:
              web:
                image: nginx:1.27
                labels:
                  traefik.enable: "true"
                  traefik.http.routers.web.rule: Host(`web.example.net`
            """)
        #expect(error?.code == "invalid-rule")
        #expect(error?.message.hasPrefix("traefik router web: cannot parse rule") == true)
        #expect(error?.shortPlace == "compose.yml:6")
    }

    @Test func disabledServicesDefineNoRoutes() throws {
        let result = try Compose.load(
            """
            services:
              web:
                image: nginx:1.27
                labels:
                  - traefik.enable=false
                  - traefik.http.routers.web.rule=Host(`web.example.net`)
            """)
        #expect(result.model.routes.isEmpty)
    }

    /// With `exposedbydefault=false`, Traefik serves only containers labelled `traefik.enable=true`.
    @Test(arguments: [
        "command: [--api.dashboard=true, --providers.docker.exposedbydefault=false]",
        "command: traefik --providers.docker --providers.docker.exposedByDefault=false",
        "entrypoint: [traefik, \"--providers.docker.exposedbydefault=False\"]",
        "command: [\"sh -c 'traefik --providers.docker.exposedbydefault=false'\"]",
        "environment: {TRAEFIK_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT: \"false\"}",
    ])
    func routersOfContainersNotEnabledAreNotRoutesWhenTraefikExposesNothingByDefault(
        _ configuration: String
    ) throws {
        let result = try Compose.load(
            """
            services:
              traefik:
                image: traefik:v3.1
                \(configuration)
                labels:
                  - traefik.enable=true
                  - traefik.http.routers.dashboard.rule=Host(`traefik.example.net`)
                  - traefik.http.routers.dashboard.service=api@internal
              app:
                image: ghcr.io/example/app:1.2
                labels:
                  - traefik.enable=true
                  - traefik.http.routers.app.rule=Host(`app.example.net`)
              whoami:
                image: traefik/whoami:v1.10
                labels:
                  - traefik.http.routers.whoami.rule=Host(`whoami.example.net`)
            """)
        #expect(result.model.routes.map(\.router) == ["app", "dashboard"])
    }

    @Test func anExposedByDefaultTraefikServesEveryLabelledContainer() throws {
        let result = try Compose.load(
            """
            services:
              traefik:
                image: traefik:v3.1
                command: [--providers.docker.exposedbydefault=true]
                environment: {TRAEFIK_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT: "false"}
              whoami:
                image: traefik/whoami:v1.10
                labels:
                  - traefik.http.routers.whoami.rule=Host(`whoami.example.net`)
            """)
        #expect(result.model.routes.map(\.router) == ["whoami"])
    }

    @Test func routersOfOtherProvidersHaveNoBackend() throws {
        let result = try Compose.load(
            """
            services:
              traefik:
                image: traefik:v3.1
                labels:
                  - traefik.http.routers.dashboard.rule=Host(`traefik.example.net`)
                  - traefik.http.routers.dashboard.service=api@internal
                  - traefik.http.routers.dashboard.middlewares=auth, ratelimit
                  - traefik.http.routers.dashboard.tls=true
                  - traefik.http.routers.dashboard.priority=10
            """)
        let route = try #require(result.model.routes["dashboard"])
        #expect(route.backend == nil)
        #expect(route.proxyService == "api@internal")
        #expect(route.middlewares == ["auth", "ratelimit"])
        #expect(route.tls)
        #expect(route.priority == 10)
    }

    @Test func aRouterSendsToTheServiceThatDefinesItsTraefikService() throws {
        let result = try Compose.load(
            """
            services:
              proxy:
                image: traefik:v2.11
                labels:
                  traefik.http.routers.app.rule: Host(`app.example.net`)
                  traefik.http.routers.app.service: app-svc
              app:
                image: ghcr.io/example/app:1.2
                labels:
                  traefik.http.services.app-svc.loadbalancer.server.port: "8080"
            """)
        let route = try #require(result.model.routes["app"])
        #expect(route.definedBy == "proxy")
        #expect(route.backend == "app")
        #expect(route.port == 8080)
    }
}
