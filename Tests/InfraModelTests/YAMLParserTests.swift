import Testing
@testable import InfraModel

@Suite struct YAMLParserTests {
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
}
