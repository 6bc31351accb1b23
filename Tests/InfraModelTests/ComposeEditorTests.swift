import Testing

@testable import InfraModel

/// The compose editor changes exactly the lines a plan changes, or refuses.
@Suite struct ComposeEditorTests {
    static let file = """
        # café ☕ — a comment with multi-byte characters before every edit
        services:
          web:
            image: "nginx:1.27"   # pinned on purpose
            environment:
              - KEEP=1
              - DROP=2   # goes
              - 'QUOTED=3'
            depends_on: [db, cache]
            secrets:
              - keep
              - source: drop_me
                target: /run/secrets/x
          worker:
            image: nginx:1.27
            environment:
              KEEP: "1"
              DROP: two
            depends_on:
              - db
              - cache
          db:
            image: postgres:16
          cache:
            image: redis:7
        x-infraplan:
          connections:
            web: {db: 4}

        """

    static func service(_ name: String, _ image: String) -> AnyEntity {
        .service(Service(name: name, image: ImageReference(parsing: image)))
    }

    static func environment(_ service: String, _ name: String, _ value: String) -> AnyEntity {
        .environment(EnvironmentEntry(service: service, name: name, value: .literal(value)))
    }

    static func dependsOn(_ from: String, _ to: String) -> AnyEntity {
        .dependency(Dependency(from: from, to: to, kind: .dependsOn))
    }

    @Test func mapAndListFormsFlowListsAndLongSyntaxKeepEverythingElse() throws {
        let changes: [ModelChange] = [
            .modify(Self.service("web", "nginx:1.27"), Self.service("web", "nginx:1.28")),
            .remove(Self.environment("web", "DROP", "2")),
            .remove(Self.dependsOn("web", "cache")),
            .remove(.secretGrant(SecretGrant(service: "web", secret: "drop_me"))),
            .remove(Self.environment("worker", "DROP", "two")),
            .remove(Self.dependsOn("worker", "cache")),
            .modify(
                .connection(
                    ConnectionEstimate(
                        client: "web", database: "db", expected: 4, origin: .declared)),
                .connection(
                    ConnectionEstimate(
                        client: "web", database: "db", expected: 6, origin: .declared))),
            .add(
                .note(
                    Note(id: "n", category: .warning, impact: "low", text: "not for compose files"))
            ),
        ]
        let edit = try ComposeEditor(text: Self.file, file: "compose.yml").edit(applying: changes)
        let expected = Self.file
            .replacingOccurrences(of: "\"nginx:1.27\"", with: "\"nginx:1.28\"")
            .replacingOccurrences(of: "      - DROP=2   # goes\n", with: "")
            .replacingOccurrences(of: "[db, cache]", with: "[db]")
            .replacingOccurrences(
                of: "      - source: drop_me\n        target: /run/secrets/x\n", with: ""
            )
            .replacingOccurrences(of: "      DROP: two\n", with: "")
            .replacingOccurrences(of: "      - db\n      - cache\n", with: "      - db\n")
            .replacingOccurrences(of: "{db: 4}", with: "{db: 6}")
        #expect(edit.text == expected)
        #expect(edit.summary.first == "compose.yml:4 image nginx:1.27 -> nginx:1.28 (web)")
        #expect(edit.summary.count == 7)
    }

    @Test func aSecretMountedTwiceLosesOnlyTheMountThePlanRemoves() throws {
        let text = """
            services:
              app:
                image: nginx:1.27
                secrets:
                  - cert
                  - source: cert
                    target: /etc/ssl/app.pem
            secrets:
              cert: {file: ./cert.pem}

            """
        let grant = SecretGrant(service: "app", secret: "cert", target: "/etc/ssl/app.pem")
        let edit = try ComposeEditor(text: text, file: "c.yml").edit(applying: [
            .remove(.secretGrant(grant))
        ])
        #expect(
            edit.text
                == text.replacingOccurrences(
                    of: "      - source: cert\n        target: /etc/ssl/app.pem\n", with: ""))
    }

    @Test func anchorSharedByEveryServiceThatLosesTheKeyIsEditedOnce() throws {
        let text = """
            x-env: &env
              A: "1"
              DROP: x
            services:
              one:
                image: app:1
                environment:
                  <<: *env
              two:
                image: app:1
                environment:
                  <<: *env

            """
        let edit = try ComposeEditor(text: text, file: "c.yml").edit(applying: [
            .remove(Self.environment("one", "DROP", "x")),
            .remove(Self.environment("two", "DROP", "x")),
        ])
        #expect(edit.text == text.replacingOccurrences(of: "  DROP: x\n", with: ""))
        #expect(edit.summary == ["c.yml:3 remove environment DROP (one, two)"])
    }

    @Test func anchorSharedWithAServiceThatKeepsTheKeyIsRefused() throws {
        let text = """
            x-env: &env
              DROP: x
            services:
              one: {image: "app:1", environment: {<<: *env, OWN: y}}
              two: {image: "app:1", environment: {<<: *env}}

            """
        let error = #expect(throws: ComposeEditError.self) {
            try ComposeEditor(text: text, file: "c.yml").edit(applying: [
                .remove(Self.environment("one", "DROP", "x"))
            ])
        }
        #expect(
            error?.description
                == "c.yml:2: cannot edit surgically: 'remove environment DROP' would change text "
                + "shared through an anchor with 'two', "
                + "but the plan makes that change only for 'one'; "
                + "edit the file by hand, or apply without --compose")
    }

    @Test func serviceLosingEveryInheritedKeyLosesItsEnvironmentNotTheAnchor() throws {
        let text = """
            x-env: &env
              DROP: x
            services:
              one: {image: "app:1", environment: {<<: *env}}
              two: {image: "app:1", environment: {<<: *env}}

            """
        let edit = try ComposeEditor(text: text, file: "c.yml").edit(applying: [
            .remove(Self.environment("one", "DROP", "x"))
        ])
        #expect(
            edit.text
                == text.replacingOccurrences(
                    of: "\"app:1\", environment: {<<: *env}}\n  two", with: "\"app:1\"}\n  two"))
    }

    @Test func removingTheLastEntryRemovesTheKey() throws {
        let text =
            "services:\n  web:\n    image: app:1\n    depends_on:\n      cache:\n"
            + "        condition: service_healthy\n    restart: always\n"
            + "  cache:\n    image: redis:7\n"
        let edit = try ComposeEditor(text: text, file: "c.yml").edit(applying: [
            .remove(Self.dependsOn("web", "cache"))
        ])
        #expect(
            edit.text
                == "services:\n  web:\n    image: app:1\n    restart: always\n"
                + "  cache:\n    image: redis:7\n"
        )
    }

    @Test func interpolatedTagChangesItsDefault() throws {
        let text = "services:\n  web:\n    image: ${IMG:-ghcr.io/app}:${TAG:-1.27}\n"
        let edit = try ComposeEditor(text: text, file: "c.yml").edit(applying: [
            .modify(
                Self.service("web", "ghcr.io/app:1.27"), Self.service("web", "ghcr.io/app:1.28"))
        ])
        #expect(edit.text == "services:\n  web:\n    image: ${IMG:-ghcr.io/app}:${TAG:-1.28}\n")
    }

    @Test func keyThatAMergeKeyBringsBackIsRefused() throws {
        let text = """
            x-env: &env
              DROP: inherited
            services:
              web:
                image: app:1
                environment:
                  <<: *env
                  DROP: own
                  OTHER: kept

            """
        let error = #expect(throws: ComposeEditError.self) {
            try ComposeEditor(text: text, file: "c.yml").edit(applying: [
                .remove(Self.environment("web", "DROP", "own"))
            ])
        }
        #expect(error?.reason == "after the edit, environment DROP of web is still there")
    }

    @Test func changesTheEditorDoesNotWriteAreRefused() throws {
        let error = #expect(throws: ComposeEditError.self) {
            try ComposeEditor(text: Self.file, file: "compose.yml").edit(applying: [
                .add(Self.environment("web", "NEW", "1"))
            ])
        }
        #expect(
            error?.reason
                == "the plan adds environment 'web.NEW', "
                + "which infraplan does not write into compose files"
        )
    }
}
