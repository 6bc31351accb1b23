import Foundation

/// The variables a project interpolates with, and the profiles they switch on.
///
/// Compose reads the project's `.env` (or the `--env-file` files instead,
/// each in order and over the ones before it), then lets the process
/// environment win over all of them.
/// A `.env` value whose `$` referenced a variable set nowhere is warned about
/// (it silently became empty), and refused when the key names a password or
/// another secret, because the credential in use is then not the one written.
struct ProjectEnvironment {
    var variables: [String: String]
    var profiles: [String]
    /// Where each variable an env file set, and the process environment did not, is written.
    var locations: [String: SourceLocation] = [:]

    /// Reads the project's env files through `loader`, which records them and their problems.
    static func load(
        _ request: ComposeImportRequest, directory: String, loader: inout ComposeLoader
    ) -> ProjectEnvironment {
        var paths = request.envFiles
        let defaultFile = FilePath.resolve(".env", against: directory)
        if paths.isEmpty, FileSystem.isFile(defaultFile) { paths = [defaultFile] }

        var values: [String: String] = [:]
        var locations: [String: SourceLocation] = [:]
        for path in paths {
            let lookup = values.merging(request.environment) { $1 }
            guard let entries = loader.readEnvFile(path, lookup: lookup, referencedAt: nil) else {
                continue
            }
            for entry in entries {
                values[entry.key] = entry.value
                locations[entry.key] = SourceLocation(file: path, line: entry.line, column: 1)
                // The process environment replaces this value, so what `$` made of it is moot.
                guard request.environment[entry.key] == nil else { continue }
                checkDollar(entry, in: path, diagnostics: &loader.diagnostics)
            }
        }
        let variables = values.merging(request.environment) { $1 }
        for key in request.environment.keys { locations[key] = nil }
        return ProjectEnvironment(
            variables: variables, profiles: profiles(request, variables), locations: locations)
    }

    /// `--profile` values, else `COMPOSE_PROFILES` split at commas.
    static func profiles(_ request: ComposeImportRequest, _ variables: [String: String]) -> [String]
    {
        if !request.profiles.isEmpty { return request.profiles }
        let listed = variables["COMPOSE_PROFILES"] ?? ""
        return listed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func checkDollar(
        _ entry: DotEnvParser.Entry, in path: String, diagnostics: inout ComposeDiagnostics
    ) {
        guard !entry.unset.isEmpty, !entry.isFromLookup else { return }
        let location = SourceLocation(file: path, line: entry.line, column: 1)
        if EnvironmentValue.isSensitive(key: entry.key) {
            diagnostics.report(
                .passwordDollar(file: path, key: entry.key, variables: entry.unset), at: location)
        } else {
            diagnostics.report(
                .dollarInEnvFile(file: path, key: entry.key, variables: entry.unset), at: location)
        }
    }
}
