import Foundation
import Testing

/// Every `--json` output validates against its schema in `Schemas/`, checked by a real
/// JSON Schema validator (Python's `jsonschema`, Debian package `python3-jsonschema`).
///
/// The tests fail, never skip, when the validator is missing, so that a machine without it
/// cannot pass them; `.ci/run` installs it.
@Suite struct JSONSchemaTests {
    static let python = "/usr/bin/python3"
    static let validator = CLI.packageRoot.appendingPathComponent("Scripts/validate-json").path

    /// Validates `document` against `Schemas/<name>.schema.json`; nil when valid, else the errors.
    static func problems(_ document: String, against name: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            return "\(python) is missing; install python3 and python3-jsonschema"
        }
        let schema = CLI.packageRoot.appendingPathComponent("Schemas/\(name).schema.json").path
        let result = try SystemTool.run(python, [validator, schema], input: document)
        if result.status == 2 { return "the validator is missing: \(result.stderr)" }
        return result.status == 0 ? nil : result.stdout + result.stderr
    }

    /// The commands whose help offers `--json`.
    static func jsonCommands() throws -> [String] {
        try CommandLineHelpTests.commands().filter {
            try CommandLineHelpTests.options(of: $0).contains("--json")
        }
    }

    @Test func everyJSONOutputValidatesAndStartsWithItsFormatVersion() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [(String, [String])] = [
            ("plan", ["plan", "2025.10.1"]), ("impact", ["impact", "redis_cache"]),
            ("impact", ["impact", "authentik_server"]), ("versions", ["versions"]),
            ("show", ["show"]), ("log", ["log"]), ("diff", ["diff", "2025.8.4", "2025.8.4"]),
        ]
        #expect(try CLI.run(["apply", "2025.10.1", "--yes", "--state", state]).status == 0)
        #expect(try CLI.run(["rollback", "--state", state]).status == 0)
        outputs += [
            ("diff", ["diff", "2025.8.4", "2025.10.1"]),
            ("diff", ["diff", "2025.10.1", "2025.8.4"]),
            ("show", ["show", "2025.10.1"]), ("log", ["log"]), ("versions", ["versions"]),
            ("plan", ["plan", "2025.10.1"]),
        ]
        #expect(
            Set(outputs.map(\.0)) == Set(try Self.jsonCommands()),
            "a --json command has no schema test")
        for (schema, arguments) in outputs {
            let result = try CLI.run(arguments + ["--json", "--state", state])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let object =
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            #expect(
                object?["format_version"] as? Int == 1,
                "\(arguments) has no top-level format_version")
            let problems = try Self.problems(result.stdout, against: schema)
            #expect(
                problems == nil, "\(arguments.joined(separator: " ")) --json: \(problems ?? "")")
        }
    }

    @Test func theValidatorRejectsADocumentThatBreaksTheSchema() throws {
        let (folder, state) = try CLI.exampleStateCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try CLI.run(["plan", "2025.10.1", "--json", "--state", state]).stdout
        let broken = plan.replacingOccurrences(
            of: "\"kind\" : \"restart\"", with: "\"kind\" : \"reboot\"")
        #expect(broken != plan)
        let problems = try #require(try Self.problems(broken, against: "plan"))
        #expect(problems.contains("'reboot' is not one of"), "\(problems)")
    }

    @Test func everySchemaIsTestedAndDeclaresDraft202012() throws {
        let folder = CLI.packageRoot.appendingPathComponent("Schemas")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".json")
        }
        let tested = Set(
            try Self.jsonCommands().map { "\($0).schema.json" } + ["model.schema.json"])
        #expect(Set(files) == tested)
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let schema = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(schema?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            #expect(schema?["$id"] as? String == "https://infraplan.example/schemas/\(file)")
        }
    }
}
