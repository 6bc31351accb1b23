import Testing

@testable import InfraModel

/// The `.env` format Compose reads.
@Suite struct DotEnvParserTests {
    func parse(_ text: String, lookup: [String: String] = [:]) throws -> [String: String] {
        let entries = try DotEnvParser(text: text, lookup: lookup).parse()
        return Dictionary(entries.map { ($0.key, $0.value) }) { $1 }
    }

    @Test func readsPlainQuotedAndExportedValues() throws {
        let values = try parse(
            """
            # a comment
            PLAIN=value
            export EXPORTED=yes
            SPACED = trimmed   # trailing comment
            HASH=abc#def
            DOUBLE="two\\nlines"
            SINGLE='kept $AS \\n is'
            COLON: yaml style
            EMPTY=
            """)
        #expect(values["PLAIN"] == "value")
        #expect(values["EXPORTED"] == "yes")
        #expect(values["SPACED"] == "trimmed")
        #expect(values["HASH"] == "abc#def")
        #expect(values["DOUBLE"] == "two\nlines")
        #expect(values["SINGLE"] == "kept $AS \\n is")
        #expect(values["COLON"] == "yaml style")
        #expect(values["EMPTY"] == "")
    }

    @Test func interpolatesEarlierVariablesAndTheLookup() throws {
        let values = try parse(
            """
            HOST=db
            URL=postgres://${HOST}:5432/${NAME:-app}
            FROM_OUTSIDE=${OUTER}
            """, lookup: ["OUTER": "outer"])
        #expect(values["URL"] == "postgres://db:5432/app")
        #expect(values["FROM_OUTSIDE"] == "outer")
    }

    @Test func theFileKeepsItsValuesAndTheLookupFillsBareKeys() throws {
        let values = try parse(
            "TAG=file\nBARE\nMISSING\n", lookup: ["TAG": "process", "BARE": "from-env"])
        #expect(values["TAG"] == "file")
        #expect(values["BARE"] == "from-env")
        #expect(values["MISSING"] == nil)
    }

    @Test func recordsLinesAndUnsetReferences() throws {
        let entries = try DotEnvParser(text: "\n\nPASSWORD=s3cret$abc9\n", lookup: [:]).parse()
        #expect(entries.first?.line == 3)
        #expect(entries.first?.value == "s3cret")
        #expect(entries.first?.rawValue == "s3cret$abc9")
        #expect(entries.first?.unset == ["abc9"])
    }

    @Test func refusesBadKeysAndUnclosedQuotes() {
        #expect(throws: DotEnvParser.Failure.self) { try parse("BAD-KEY=1") }
        #expect(throws: DotEnvParser.Failure(line: 2, message: "unterminated quoted value")) {
            try parse("OK=1\nOPEN=\"never closed\n")
        }
    }
}
