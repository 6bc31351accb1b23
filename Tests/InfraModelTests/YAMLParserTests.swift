import Testing
@testable import InfraModel

@Suite struct YAMLParserTests {
    @Test func refusesNestingDeeperThanAnyRealFile() throws {
        let text = "x-deep: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        do {
            _ = try YAMLParser(text: text, file: "f.yml").parse()
            Issue.record("a 5,000-level nesting was read")
        } catch let error as YAMLError {
            #expect(error.message.contains("nesting deeper than 256 levels"))
            #expect(error.location.line == 1)
        }
        // A nesting real files use reads as ever.
        let usual = "a: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(try YAMLParser(text: usual, file: "f.yml").parse() != nil)
    }

    @Test func refusesAliasesThatExpandBeyondAMillionNodes() throws {
        var lines = ["x-0: &l0 [a, a, a, a, a, a, a, a, a, a]"]
        for level in 1...7 {
            let items = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("x-\(level): &l\(level) [\(items)]")
        }
        do {
            _ = try YAMLParser(text: lines.joined(separator: "\n"), file: "f.yml").parse()
            Issue.record("an alias bomb was read")
        } catch let error as YAMLError {
            #expect(error.message.contains("aliases expand to more than 1000000 nodes"))
            #expect(error.location.line == 6)
        }
        // Anchors used as compose files use them read as ever.
        let anchors = "x-env: &env {A: 1}\nservices:\n  a: {environment: *env}\n  b: {environment: *env}\n"
        #expect(try YAMLParser(text: anchors, file: "f.yml").parse()?["services"] != nil)
    }

    @Test func readsMappingsWithLocations() throws {
        let root = try #require(try YAMLParser(text: "a: 1\nb:\n  - x\n", file: "f.yml").parse())
        #expect(root["a"]?.scalar == "1")
        #expect(root["b"]?.sequence?.first?.scalar == "x")
        #expect(root["b"]?.start.line == 3)
    }

    @Test func refusesDuplicateKeys() throws {
        #expect(throws: YAMLError.self) {
            try YAMLParser(text: "a: 1\na: 2\n", file: "f.yml").parse()
        }
        do {
            _ = try YAMLParser(text: "a: 1\nb: 2\na: 3\n", file: "f.yml").parse()
        } catch let error as YAMLError {
            #expect(error.location.line == 3)
            #expect(error.location.column == 1)
            #expect(error.message.contains("duplicate key 'a'"))
        }
    }

    @Test func appliesMergeKeysWithExplicitKeysWinning() throws {
        let text = """
            base: &base {x: 1, y: 2}
            other: &other {y: 3, z: 4}
            child:
              <<: [*base, *other]
              x: 9
            """
        let root = try #require(try YAMLParser(text: text, file: "f.yml").parse())
        let child = try #require(root["child"])
        #expect(child["x"]?.scalar == "9")
        #expect(child["y"]?.scalar == "2")
        #expect(child["z"]?.scalar == "4")
    }

    @Test func refusesSeveralDocuments() {
        #expect(throws: YAMLError.self) {
            try YAMLParser(text: "a: 1\n---\nb: 2\n", file: "f.yml").parse()
        }
    }

    @Test func readsAnEmptyStreamAsNil() throws {
        #expect(try YAMLParser(text: "# nothing\n", file: "f.yml").parse() == nil)
    }

    @Test func reportsSyntaxErrorsWithTheirLocation() {
        do {
            _ = try YAMLParser(text: "a: [1, 2\nb: 3\n", file: "bad.yml").parse()
            Issue.record("expected an error")
        } catch let error as YAMLError {
            #expect(error.location.file == "bad.yml")
            #expect(error.location.line >= 1)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    static func bytes(_ before: String, _ bad: [UInt8], _ after: String) -> [UInt8] {
        Array(before.utf8) + bad + Array(after.utf8)
    }

    static let encodingErrors: [([UInt8], String)] = [
        (bytes("a: 1\nb: x", [0xFF], "y\n"), "f.yml:2:5: error: byte 0xFF is not UTF-8"),
        (bytes("a: \"caf\u{E9}", [0], "\"\n"), "f.yml:1:9: error: control character U+0000"),
        (
            bytes("a: 1\n# caf", [0xE9], "s\n"),
            "f.yml:2:6: error: the UTF-8 sequence starting with byte 0xE9"
        ),
        (bytes("a: x", [0xE2, 0x82], ""), "f.yml:1:5: error: the UTF-8 sequence starting with byte 0xE2"),
    ]

    /// libyaml gives an encoding error only as a byte offset; it is placed at its first byte.
    @Test(arguments: encodingErrors)
    func placesAnEncodingErrorAtItsByte(_ bytes: [UInt8], _ place: String) {
        do {
            _ = try YAMLParser(bytes: bytes, file: "f.yml").parse()
            Issue.record("a file that is not UTF-8 was read")
        } catch let error as YAMLError {
            #expect(error.diagnostic.description.hasPrefix(place), "\(error.diagnostic)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
