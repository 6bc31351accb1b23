import Testing

@testable import InfraModel

/// Every refusal of the importer: the code, the file and line of the first error, and its wording.
@Suite struct ComposeErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String]
        var code: String
        var place: String
        var message: String
        var environment: [String: String] = [:]
        var projectName: String?
        var testDescription: String { name }
    }

    static let image = "image: busybox:1.36"

    static let cases: [Case] = [
        Case(
            name: "yaml syntax",
            files: ["compose.yml": "services:\n  web:\n    image: [unclosed\n"],
            code: "yaml", place: "compose.yml:4", message: "flow sequence"),
        Case(
            name: "duplicate key",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    \(image)\n"],
            code: "yaml", place: "compose.yml:4", message: "duplicate key 'image'"),
        Case(
            name: "two documents", files: ["compose.yml": "services: {}\n---\nservices: {}\n"],
            code: "yaml", place: "compose.yml:2", message: "more than one YAML document"),
        Case(
            name: "empty file", files: ["compose.yml": "# nothing here\n"],
            code: "empty-file", place: "compose.yml:1", message: "is empty"),
        Case(
            name: "not a mapping", files: ["compose.yml": "- web\n"],
            code: "not-a-mapping", place: "compose.yml:1", message: "must be a mapping, not a list"),
        Case(
            name: "unknown service key",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    imag: x\n"],
            code: "unknown-key", place: "compose.yml:4",
            message: "unknown key 'imag' in service web"),
        Case(
            name: "unknown top-level key", files: ["compose.yml": "services: {}\nservice: {}\n"],
            code: "unknown-key", place: "compose.yml:2",
            message: "unknown key 'service' in the top level"),
        Case(
            name: "wrong type",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    ports: {a: 1}\n"],
            code: "wrong-type", place: "compose.yml:4",
            message: "services.web.ports must be a list, not a mapping"),
        Case(
            name: "wrong nested type",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    healthcheck:\n      test: {a: b}\n"
            ],
            code: "wrong-type", place: "compose.yml:5",
            message: "services.web.healthcheck.test must be"),
        Case(
            name: "null service", files: ["compose.yml": "services:\n  web:\n"],
            code: "null-service", place: "compose.yml:2", message: "service web is empty"),
        Case(
            name: "neither image nor build",
            files: ["compose.yml": "services:\n  web:\n    restart: always\n"],
            code: "no-image", place: "compose.yml:2",
            message: "service web has neither image nor build"),
        Case(
            name: "links to an undefined service",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    links: [\"db:database\"]\n"
            ],
            code: "undefined-service", place: "compose.yml:4",
            message: "service web links to undefined service db"),
        Case(
            name: "volumes_from an undefined service",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    volumes_from: [data:ro]\n"
            ],
            code: "undefined-service", place: "compose.yml:4",
            message: "service web takes volumes from undefined service data"),
        Case(
            name: "optional dependency on an undefined service",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    depends_on:\n      ghost: {condition: service_started, required: false}\n"
            ],
            code: "undefined-service", place: "compose.yml:5",
            message: "service web depends on undefined service ghost"),
        Case(
            name: "healthcheck test without CMD",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    healthcheck:\n      test: [curl, -f, http://localhost]\n"
            ],
            code: "invalid-healthcheck", place: "compose.yml:5",
            message: "healthcheck.test must start with CMD, CMD-SHELL or NONE, not 'curl'"),
        Case(
            name: "two services with one container_name",
            files: [
                "compose.yml":
                    "services:\n  a:\n    \(image)\n    container_name: app\n  b:\n    \(image)\n    container_name: app\n"
            ],
            code: "duplicate-container-name", place: "compose.yml:7",
            message: "service b sets container_name app, which service a already uses"),
        Case(
            name: "network_mode of an undefined service",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    network_mode: service:vpn\n"
            ],
            code: "undefined-service", place: "compose.yml:4",
            message: "service web shares the network of undefined service vpn"),
        Case(
            name: "undeclared secret",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    secrets: [db_pass]\n"],
            code: "undefined-resource", place: "compose.yml:4",
            message: "service web uses secret db_pass"),
        Case(
            name: "undeclared config in long syntax",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    configs:\n      - source: nginx\n        target: /etc/nginx.conf\n"
            ],
            code: "undefined-resource", place: "compose.yml:5",
            message: "service web uses config nginx"),
        Case(
            name: "undeclared network",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    networks: [front]\nnetworks:\n  frontend: {}\n"
            ],
            code: "undefined-resource", place: "compose.yml:4",
            message: "service web uses network front"),
        Case(
            name: "undeclared named volume",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    volumes: [\"data:/data\"]\n"
            ],
            code: "undefined-resource", place: "compose.yml:4",
            message: "service web uses volume data"),
        Case(
            name: "invalid volume",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    volumes: [\"a:b:c:d\"]\n"],
            code: "invalid-volume", place: "compose.yml:4", message: "too many colons"),
        Case(
            name: "container_name with replicas",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    container_name: web\n    deploy: {replicas: 2}\n"
            ],
            code: "container-name-replicas", place: "compose.yml:4",
            message: "container_name with 2 replicas"),
        Case(
            name: "network_mode with networks",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    network_mode: host\n    networks: [default]\n"
            ],
            code: "network-mode-conflict", place: "compose.yml:4",
            message: "both network_mode and networks"),
        Case(
            name: "invalid interpolation",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    command: echo costs 5$\n"],
            code: "invalid-interpolation", place: "compose.yml:4",
            message: "invalid interpolation format"),
        Case(
            name: "env file syntax",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    env_file: web.env\n",
                "web.env": "OK=1\nBAD KEY=2\n",
            ],
            code: "env-file-syntax", place: "web.env:2", message: "cannot contain a space"),
        Case(
            name: "missing include",
            files: ["compose.yml": "include:\n  - other.yml\nservices: {}\n"],
            code: "include-missing", place: "compose.yml:2", message: "other.yml not found"),
        Case(
            name: "include cycle",
            files: [
                "compose.yml": "include: [a.yml]\nservices: {}\n",
                "a.yml": "include:\n  - compose.yml\n",
            ],
            code: "include-cycle", place: "a.yml:2", message: "compose.yml includes itself"),
        Case(
            name: "include conflict",
            files: [
                "compose.yml": "include: [a.yml]\nservices:\n  web: {\(image)}\n",
                "a.yml": "services:\n  web: {\(image)}\n",
            ],
            code: "include-conflict", place: "a.yml:2", message: "service web from included file"),
        Case(
            name: "missing extends file",
            files: [
                "compose.yml": "services:\n  web:\n    extends: {file: base.yml, service: web}\n"
            ],
            code: "extends-file-missing", place: "compose.yml:3",
            message: "base.yml, which does not exist"),
        Case(
            name: "extends an undefined service",
            files: ["compose.yml": "services:\n  base: {\(image)}\n  web:\n    extends: bsae\n"],
            code: "extends-undefined", place: "compose.yml:4",
            message: "service web extends undefined service bsae"),
        Case(
            name: "extends cycle",
            files: ["compose.yml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n"],
            code: "extends-cycle", place: "compose.yml:3", message: "extends cycle: a -> b -> a"),
        Case(
            name: "x-infraplan unknown key",
            files: [
                "compose.yml":
                    "services:\n  db: {image: postgres:16}\nx-infraplan:\n  database: {}\n"
            ],
            code: "unknown-key", place: "compose.yml:4",
            message: "unknown key 'database' in x-infraplan"),
        Case(
            name: "x-infraplan unknown service",
            files: [
                "compose.yml":
                    "services:\n  db: {image: postgres:16}\nx-infraplan:\n  databases:\n    dbb: {max_connections: 5}\n"
            ],
            code: "infraplan-unknown-service", place: "compose.yml:5",
            message: "names dbb, which is not a service"),
        Case(
            name: "x-infraplan wrong type",
            files: [
                "compose.yml":
                    "services:\n  db: {image: postgres:16}\nx-infraplan:\n  databases:\n    db: {max_connections: many}\n"
            ],
            code: "wrong-type", place: "compose.yml:5",
            message: "max_connections must be an integer"),
        Case(
            name: "x-infraplan unknown engine",
            files: [
                "compose.yml":
                    "services:\n  db: {image: postgres:16}\nx-infraplan:\n  databases:\n    db: {engine: oracle}\n"
            ],
            code: "invalid-value", place: "compose.yml:5", message: "invalid value 'oracle'"),
        Case(
            name: "x-infraplan connection to a non-database",
            files: [
                "compose.yml":
                    "services:\n  db: {image: postgres:16}\n  web: {\(image)}\nx-infraplan:\n  connections:\n    db: {web: 3}\n"
            ],
            code: "infraplan-invalid", place: "compose.yml:6", message: "web is not a database"),
        Case(
            name: "x-infraplan connection count beyond any server",
            files: [
                "compose.yml":
                    "services:\n  db: {image: postgres:16}\n  web: {\(image)}\nx-infraplan:\n  connections:\n    web: {db: 9223372036854775807}\n"
            ],
            code: "invalid-value", place: "compose.yml:6", message: "expected from 0 to 10000000"),
        Case(
            name: "x-infraplan reserving the whole limit",
            files: [
                "compose.yml":
                    "services:\n  db: {image: postgres:16}\nx-infraplan:\n  databases:\n    db: {max_connections: 10, reserved_connections: 10}\n"
            ],
            code: "invalid-value", place: "compose.yml:5",
            message: "expected fewer than max_connections (10)"),
        Case(
            name: "depends_on condition Compose does not know",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    depends_on:\n      cache: {condition: bogus}\n  cache: {\(image)}\n"
            ],
            code: "invalid-value", place: "compose.yml:5",
            message:
                "services.web.depends_on.cache.condition has invalid value 'bogus'; expected one of "
                + "service_started, service_healthy, service_completed_successfully"),
        Case(
            name: "depends_on required that is not a boolean",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    depends_on:\n      cache: {condition: service_started, required: maybe}\n  cache: {\(image)}\n"
            ],
            code: "invalid-value", place: "compose.yml:5",
            message: "services.web.depends_on.cache.required has invalid value 'maybe'"),
        Case(
            name: "depends_on restart that is a number",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    depends_on:\n      cache: {condition: service_started, restart: 5}\n  cache: {\(image)}\n"
            ],
            code: "wrong-type", place: "compose.yml:5",
            message: "services.web.depends_on.cache.restart must be a boolean, not a number"),
        Case(
            name: "depends_on long form without condition",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    depends_on:\n      cache: {}\n  cache: {\(image)}\n"
            ],
            code: "missing-key", place: "compose.yml:5",
            message: "services.web.depends_on.cache must set 'condition'"),
        Case(
            name: "depends_on list naming a service twice",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    depends_on:\n      - cache\n      - cache\n  cache: {\(image)}\n"
            ],
            code: "duplicate-item", place: "compose.yml:6",
            message: "services.web.depends_on lists 'cache' more than once"),
        Case(
            name: "restart that is no restart policy",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    restart: sometimes\n"],
            code: "invalid-restart", place: "compose.yml:4",
            message:
                "service web: restart 'sometimes' is not a restart policy; "
                + "use no, always, on-failure[:N] or unless-stopped"),
        Case(
            name: "restart on-failure with a count that is no number",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    restart: on-failure:x\n"],
            code: "invalid-restart", place: "compose.yml:4",
            message: "restart 'on-failure:x' is not a restart policy"),
        Case(
            name: "deploy.replicas that is no integer",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    deploy:\n      replicas: many\n"
            ],
            code: "invalid-value", place: "compose.yml:5",
            message: "services.web.deploy.replicas has invalid value 'many'; expected an integer"),
        Case(
            name: "healthcheck.test that is a number",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    healthcheck:\n      test: 5\n"
            ],
            code: "wrong-type", place: "compose.yml:5",
            message: "services.web.healthcheck.test must be a string or a list, not a number"),
        Case(
            name: "port that is no port",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    ports: [notaport]\n"],
            code: "invalid-port", place: "compose.yml:4",
            message:
                "service web has invalid port 'notaport': container port 'notaport' is not a port "
                + "(0-65535) or a range of ports"),
        Case(
            name: "host port out of range",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    ports: [\"99999:80\"]\n"],
            code: "invalid-port", place: "compose.yml:4",
            message: "host port '99999' is not a port (0-65535) or a range of ports"),
        Case(
            name: "port ranges of different lengths",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    ports: [\"8000-8005:9000-9001\"]\n"
            ],
            code: "invalid-port", place: "compose.yml:4",
            message: "host ports 8000-8005 and container ports 9000-9001 differ in number"),
        Case(
            name: "port with a bad address",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    ports: [\"localhost:80:80\"]\n"
            ],
            code: "invalid-port", place: "compose.yml:4",
            message: "'localhost' is not an IP address"),
        Case(
            name: "port with an unknown protocol",
            files: ["compose.yml": "services:\n  web:\n    \(image)\n    ports: [\"80/http\"]\n"],
            code: "invalid-port", place: "compose.yml:4",
            message: "protocol 'http' is not tcp, udp or sctp"),
        Case(
            name: "long-syntax port target that is no port",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    ports:\n      - target: abc\n        published: \"8080\"\n"
            ],
            code: "invalid-port", place: "compose.yml:5",
            message:
                "service web has invalid port 'target: abc': not a port from 1 to 65535"),
        Case(
            name: "long-syntax volume of an unknown type",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    volumes:\n      - type: weird\n        target: /data\n"
            ],
            code: "invalid-value", place: "compose.yml:5",
            message:
                "services.web.volumes[0].type has invalid value 'weird'; expected one of bind, "
                + "volume, tmpfs, npipe, image, cluster"),
        Case(
            name: "long-syntax volume without a type",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    volumes:\n      - target: /data\n"
            ],
            code: "missing-key", place: "compose.yml:5",
            message: "services.web.volumes[0] must set 'type'"),
        Case(
            name: "secret without a source",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    secrets: [token]\nsecrets:\n  token:\n    name: api-token\n"
            ],
            code: "secret-source", place: "compose.yml:6",
            message: "secret token has no source; set one of file, environment or external"),
        Case(
            name: "secret with two sources",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    secrets: [token]\nsecrets:\n  token:\n    file: ./token.txt\n    environment: TOKEN\n"
            ],
            code: "secret-source", place: "compose.yml:8",
            message:
                "secret token sets file and environment; set only one of file, environment or "
                + "external"),
        Case(
            name: "external secret that also names a file",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    secrets: [token]\nsecrets:\n  token:\n    file: ./token.txt\n    external: true\n"
            ],
            code: "secret-source", place: "compose.yml:8",
            message: "secret token sets file and external"),
        Case(
            name: "config with two sources",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\nconfigs:\n  site:\n    content: hello\n    file: ./site.conf\n"
            ],
            code: "secret-source", place: "compose.yml:7",
            message:
                "config site sets content and file; set only one of file, environment, content or "
                + "external"),
        Case(
            name: "YAML tag Compose does not know",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    environment:\n      MODE: !foo fast\n"
            ],
            code: "unknown-tag", place: "compose.yml:5",
            message: "unknown YAML tag '!foo'; compose knows only !reset and !override"),
        Case(
            name: "declared project name Compose refuses",
            files: ["compose.yml": "name: My_App\nservices:\n  web: {\(image)}\n"],
            code: "invalid-project-name", place: "compose.yml:1",
            message:
                "invalid project name 'My_App' (name:): it must contain only lowercase letters, "
                + "digits, dashes and underscores, and start with a letter or digit"),
        Case(
            name: "COMPOSE_PROJECT_NAME in .env that Compose refuses",
            files: [
                "compose.yml": "services:\n  web: {\(image)}\n",
                ".env": "TAG=1\nCOMPOSE_PROJECT_NAME=Stack.One\n",
            ],
            code: "invalid-project-name", place: ".env:2",
            message: "invalid project name 'Stack.One' (COMPOSE_PROJECT_NAME)"),
        Case(
            name: "COMPOSE_PROJECT_NAME in the environment that Compose refuses",
            files: ["compose.yml": "services:\n  web: {\(image)}\n"],
            code: "invalid-project-name", place: "-",
            message: "invalid project name 'Shop' (COMPOSE_PROJECT_NAME)",
            environment: ["COMPOSE_PROJECT_NAME": "Shop"]),
        Case(
            name: "project name on the command line that Compose refuses",
            files: ["compose.yml": "name: fine\nservices:\n  web: {\(image)}\n"],
            code: "invalid-project-name", place: "-",
            message: "invalid project name '_shop' (-p)", projectName: "_shop"),
        Case(
            name: "Traefik rule with an empty host",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    labels:\n      - traefik.http.routers.web.rule=Host(``)\n"
            ],
            code: "invalid-rule", place: "compose.yml:5",
            message:
                "traefik router web: cannot parse rule 'Host(``)': Host has an empty argument "
                + "at character 6"),
        Case(
            name: "Traefik server port that is no port",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    labels:\n      traefik.http.routers.web.rule: Host(`a.example.net`)\n      traefik.http.services.x.loadbalancer.server.port: notaport\n"
            ],
            code: "invalid-traefik-port", place: "compose.yml:6",
            message:
                "traefik service x: loadbalancer.server.port 'notaport' is not a port from 1 to "
                + "65535"),
        Case(
            name: "x-infraplan compose_version that is no version",
            files: [
                "compose.yml":
                    "services:\n  web: {\(image)}\nx-infraplan:\n  compose_version: banana\n"
            ],
            code: "invalid-value", place: "compose.yml:4",
            message:
                "x-infraplan.compose_version has invalid value 'banana'; expected a docker compose "
                + "version such as 2.20.3"),
        Case(
            name: "x-infraplan TLS version that TLS does not have",
            files: [
                "compose.yml":
                    "services:\n  db: {image: postgres:16}\nx-infraplan:\n  databases:\n    db:\n      tls: {min_version: \"9.9\"}\n"
            ],
            code: "invalid-value", place: "compose.yml:6",
            message:
                "x-infraplan.databases.db.tls.min_version has invalid value '9.9'; expected a TLS "
                + "version, one of 1.0, 1.1, 1.2, 1.3"),
        Case(
            name: "x-infraplan TLS version that is a word",
            files: [
                "compose.yml":
                    "services:\n  db: {image: postgres:16}\nx-infraplan:\n  databases:\n    db:\n      tls:\n        max_version: banana\n"
            ],
            code: "invalid-value", place: "compose.yml:7",
            message: "tls.max_version has invalid value 'banana'"),
        Case(
            name: "env_file format Compose does not know",
            files: [
                "compose.yml":
                    "services:\n  web:\n    \(image)\n    env_file:\n      - path: web.env\n        format: yaml\n",
                "web.env": "A=1\n",
            ],
            code: "env-file-format", place: "compose.yml:6",
            message: "unknown format 'yaml'; compose reads only raw and its own"),
        Case(
            name: "NUL byte in a compose file",
            files: ["compose.yml": "services:\n  web:\n    image: \"busy\u{0}box\"\n"],
            code: "yaml", place: "compose.yml:3",
            message: "control character U+0000 is not allowed; the file must be UTF-8 text"),
        Case(
            name: "env file line that is neither KEY=value nor a bare key",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    env_file: web.env\n",
                "web.env": "OK=1\nBAD KEY\n",
            ],
            code: "env-file-syntax", place: "web.env:2",
            message: "web.env: key 'BAD KEY' cannot contain a space"),
        Case(
            name: "env file whose last line has a space in its key and no newline",
            files: [
                "compose.yml": "services:\n  web:\n    \(image)\n    env_file: web.env\n",
                "web.env": "OK=1\n\nNOT A KEY",
            ],
            code: "env-file-syntax", place: "web.env:3",
            message: "key 'NOT A KEY' cannot contain a space"),
    ]

    @Test(arguments: cases)
    func refusesAtTheRightPlace(_ errorCase: Case) throws {
        let fixture = try ComposeFixture(errorCase.files)
        defer { fixture.remove() }
        let error = fixture.refusal(
            environment: errorCase.environment, projectName: errorCase.projectName)
        let first = try #require(error?.diagnostics.first)
        #expect(first.code == errorCase.code, "\(first)")
        #expect(first.shortPlace == errorCase.place, "\(first)")
        #expect(first.message.contains(errorCase.message), "\(first)")
        #expect(first.severity == .error)
        // Only a name given on the command line or in the environment has no file to point at.
        #expect(first.description.contains(first.location == nil ? "error: " : ": error: "))
    }

    @Test func aMissingComposeFileIsNamed() throws {
        let fixture = try ComposeFixture([:])
        defer { fixture.remove() }
        let first = fixture.refusal(["nowhere.yml"])?.diagnostics.first
        #expect(first?.code == "unreadable-file")
        #expect(first?.message.hasSuffix("nowhere.yml: no such file") == true)
    }

    @Test func everyErrorIsReportedSortedByLocation() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              a:
                image: busybox:1.36
                depends_on: [missing]
              b:
                restart: always
              c:
                image: busybox:1.36
                secrets: [nope]
            """
        ])
        defer { fixture.remove() }
        let places = fixture.refusal()?.diagnostics.map(\.shortPlace)
        #expect(places == ["compose.yml:4", "compose.yml:5", "compose.yml:9"])
    }

    @Test func aHealthcheckTestIsRefusedAtItsFirstWord() throws {
        let fixture = try ComposeFixture([
            "compose.yml": """
            services:
              web:
                image: nginx:1.27
                healthcheck: {test: ["curl -f http://localhost"], interval: 10s}
              off:
                image: nginx:1.27
                profiles: [debug]
                healthcheck: {test: [wget, localhost]}
              ok:
                image: nginx:1.27
                healthcheck: {test: [NONE]}
            """
        ])
        defer { fixture.remove() }
        let diagnostics = try #require(fixture.refusal()?.diagnostics)
        #expect(
            diagnostics.map(\.description) == [
                "\(fixture.path("compose.yml")):4:26: error: service web: healthcheck.test must "
                    + "start with CMD, CMD-SHELL or NONE, not 'curl -f http://localhost'; "
                    + "start the list with CMD to run a program or CMD-SHELL to run a shell command"
            ])
    }

    @Test func suggestsANearName() throws {
        let first = try Compose.firstError(
            """
            services:
              web: {image: busybox:1.36, networks: [fronted]}
            networks:
              frontend: {}
            """)
        #expect(first?.note == "did you mean frontend?")
    }

    @Test func acceptsTheValuesComposeAccepts() throws {
        let result = try Compose.load(
            """
            services:
              a: {image: busybox:1.36, restart: "on-failure:5", deploy: {replicas: "3"}}
              b: {image: !!str busybox:1.36, restart: "", scale: 2, healthcheck: {test: [CMD, "true"]}}
              c: {image: busybox:1.36, restart: none, depends_on: {a: {condition: service_started, required: "yes"}}}
              d: {image: busybox:1.36, restart: unless-stopped, depends_on: [a, b], dns: !reset []}
              e:
                image: busybox:1.36
                ports:
                  - "8000-8010:8000-8010"
                  - "127.0.0.1:8080:80/udp"
                  - "[::1]:8081:81/TCP"
                  - 9000
                  - ":8082:82"
                  - "9100-9110:91"
                  - "0.0.0.0::83/sctp"
                  - {target: 84, published: "8084-8086", protocol: tcp}
              db: {image: "postgres:16"}
            secrets:
              outside: {external: true}
              named: {external: {name: elsewhere}}
              plugin: {driver: vault, driver_opts: {path: x}}
              env: {environment: HOME}
            configs:
              inline: {content: hello}
              off: {file: ./x.conf, external: false}
            x-infraplan:
              compose_version: v2.29.1-desktop.1
              databases:
                db: {tls: {min_version: TLSv1.2, max_version: "1.3"}}
            """)
        #expect(result.model.services.count == 6)
        #expect(result.model.databases["db"]?.tls.minimumVersion == "1.2")
    }
}
