import Foundation

/// Variables that decide what an interpolated value becomes.
///
/// An image written as `server:${AUTHENTIK_TAG:-2025.8.4}` takes the default
/// only while `AUTHENTIK_TAG` is unset. Once the environment or the `.env`
/// beside the file sets it, editing the default changes nothing Compose
/// sees, so the editor refuses and names where the variable is set.
extension ComposeEditor {
    /// The variables set for a compose file at `path`, each with where it is
    /// set: the process environment wins over the `.env` beside the file, as
    /// in Compose.
    public static func variablesSet(besideFile path: String, environment: [String: String])
        -> [String: String]
    {
        var set: [String: String] = [:]
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let dotEnv = FilePath.resolve(".env", against: folder)
        if FileSystem.isFile(dotEnv), let data = FileManager.default.contents(atPath: dotEnv),
            let entries = try? DotEnvParser(text: String(decoding: data, as: UTF8.self), lookup: [:])
                .parse()
        {
            for entry in entries { set[entry.key] = "\(dotEnv):\(entry.line)" }
        }
        for name in environment.keys { set[name] = "the environment" }
        return set
    }

    /// Names of the variables `text` interpolates (`$NAME`, `${NAME…}`), in
    /// order of appearance; `$$` is a literal dollar and names nothing.
    static func interpolatedNames(_ text: String) -> [String] {
        let characters = Array(text.unicodeScalars)
        var names: [String] = []
        var index = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || (c.isASCII && c.properties.isAlphabetic) }
        func isName(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }
        while index < characters.count {
            guard characters[index] == "$", index + 1 < characters.count else {
                index += 1
                continue
            }
            var cursor = index + 1
            if characters[cursor] == "$" {
                index = cursor + 1
                continue
            }
            if characters[cursor] == "{" { cursor += 1 }
            let start = cursor
            if cursor < characters.count, isNameStart(characters[cursor]) {
                while cursor < characters.count, isName(characters[cursor]) { cursor += 1 }
                names.append(String(String.UnicodeScalarView(characters[start..<cursor])))
            }
            index = max(cursor, index + 1)
        }
        return names
    }

    /// The refusal for an interpolated value whose variable is set, or nil.
    func setVariableProblem(in written: String, service: String, line: Int) -> ComposeEditError? {
        for name in Self.interpolatedNames(written) {
            guard let origin = variables[name] else { continue }
            return ComposeEditError(
                file: file, line: line,
                "the image of '\(service)' is '\(written)' and \(origin) sets \(name), "
                    + "so a new default would not change it; change \(name) there")
        }
        return nil
    }
}
