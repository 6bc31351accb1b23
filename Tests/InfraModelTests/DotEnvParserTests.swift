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
        #expect(throws: DotEnvParser.Failure.self) { try parse("BAD/KEY=1") }
        #expect(throws: DotEnvParser.Failure(line: 2, message: "unterminated quoted value")) {
            try parse("OK=1\nOPEN=\"never closed\n")
        }
    }

    @Test func expandsTheEscapesComposeExpandsInDoubleQuotes() throws {
        let values = try parse(
            #"""
            TAB="a\tb"
            NEWLINE="a\nb"
            BACKSLASH="a\\b"
            QUOTE="say \"hi\""
            DOLLAR="a\$HOME"
            UNICODE="caf\u00e9"
            OCTAL="\0101"
            OTHER="a\qb"
            SINGLE='it\'s \t'
            ENDS_IN_BACKSLASH="a\\" # comment
            """#, lookup: ["HOME": "/root"])
        #expect(values["TAB"] == "a\tb")
        #expect(values["NEWLINE"] == "a\nb")
        #expect(values["BACKSLASH"] == "a\\b")
        #expect(values["QUOTE"] == "say \"hi\"")
        #expect(values["DOLLAR"] == "a$HOME")
        #expect(values["UNICODE"] == #"caf\u00e9"#)
        #expect(values["OCTAL"] == "A")
        #expect(values["OTHER"] == #"a\qb"#)
        #expect(values["SINGLE"] == #"it's \t"#)
        #expect(values["ENDS_IN_BACKSLASH"] == "a\\")
    }

    @Test func acceptsTheKeysComposeAccepts() throws {
        let values = try parse("APP-NAME=a\nLIST[0]=b\nlog.level=c\n")
        #expect(values == ["APP-NAME": "a", "LIST[0]": "b", "log.level": "c"])
    }

    @Test func takesACommentOnlyAfterASpace() throws {
        let values = try parse("A=#not a comment\nB=x\t#kept\nC=x #dropped\n")
        #expect(values == ["A": "#not a comment", "B": "x\t#kept", "C": "x"])
    }

    @Test func readsWindowsLineEndings() throws {
        let entries = try DotEnvParser(text: "A=1\r\nB=\"two\"\r\n\r\nC\r\n", lookup: ["C": "3"])
            .parse()
        #expect(entries.map(\.key) == ["A", "B", "C"])
        #expect(entries.map(\.value) == ["1", "two", "3"])
        #expect(entries.map(\.line) == [1, 2, 4])
    }

    @Test func readsTheRawFormatAsWritten() throws {
        let text = "Q=\"x\"\nR=$HOME \n  # note\nS='a'#b\nBARE\nA:1\n"
        let entries = try DotEnvParser(text: text, lookup: ["BARE": "b"], format: .raw).parse()
        let values = Dictionary(entries.map { ($0.key, $0.value) }) { $1 }
        #expect(values == ["Q": "\"x\"", "R": "$HOME ", "S": "'a'#b", "BARE": "b"])
        #expect(entries.first { $0.key == "S" }?.line == 4)
    }
}
