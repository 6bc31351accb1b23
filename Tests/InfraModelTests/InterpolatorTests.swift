import Testing

@testable import InfraModel

/// Compose's variable substitution, form by form.
@Suite struct InterpolatorTests {
    let interpolator = Interpolator(variables: [
        "SET": "value", "EMPTY": "", "TAG": "v16", "NESTED": "${SET}",
    ])

    @Test(arguments: [
        ("plain text", "plain text"),
        ("$SET", "value"),
        ("${SET}", "value"),
        ("pre-${SET}-post", "pre-value-post"),
        ("$$SET", "$SET"),
        ("$${SET}", "${SET}"),
        ("${UNSET:-fallback}", "fallback"),
        ("${EMPTY:-fallback}", "fallback"),
        ("${EMPTY-fallback}", ""),
        ("${UNSET-fallback}", "fallback"),
        ("${SET:+alt}", "alt"),
        ("${EMPTY:+alt}", ""),
        ("${EMPTY+alt}", "alt"),
        ("${UNSET+alt}", ""),
        ("${UNSET:-${ALSO_UNSET:-deep}}", "deep"),
        ("${CUSTOM_TAG:-$TAG}", "v16"),
        ("image:${UNSET:-$TAG}-alpine", "image:v16-alpine"),
        ("${NESTED}", "${SET}"),
        ("a${SET}b${TAG}c", "avaluebv16c"),
    ])
    func substitutes(_ template: String, _ expected: String) throws {
        #expect(try interpolator.substitute(template).value == expected)
    }

    @Test func reportsUnsetVariablesWithoutDefault() throws {
        let output = try interpolator.substitute("$A and ${B} and ${C:-c} and ${SET}")
        #expect(output.value == " and  and c and value")
        #expect(output.unset == ["A", "B"])
    }

    @Test func refusesARequiredVariableWithItsMessage() {
        #expect(throws: Interpolator.Failure.required(name: "UNSET", message: "set it please")) {
            try interpolator.substitute("${UNSET:?set it please}")
        }
        #expect(throws: Interpolator.Failure.required(name: "EMPTY", message: "not empty")) {
            try interpolator.substitute("${EMPTY:?not empty}")
        }
        #expect(throws: Interpolator.Failure.required(name: "UNSET", message: "needed")) {
            try interpolator.substitute("${UNSET?needed}")
        }
    }

    @Test func acceptsAnEmptyValueForQuestionMarkWithoutColon() throws {
        #expect(try interpolator.substitute("${EMPTY?needed}").value == "")
    }

    @Test(arguments: ["cost: 5$", "${}", "${SET", "$1", "${SET:x}", "${9A}"])
    func refusesInvalidTemplates(_ template: String) {
        #expect(throws: Interpolator.Failure.invalid(template: template)) {
            try interpolator.substitute(template)
        }
    }
}
