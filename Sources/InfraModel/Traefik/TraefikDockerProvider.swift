/// What a Traefik service's static configuration says about its Docker provider.
///
/// Traefik reads its static configuration from the first source it finds: a
/// configuration file, else its command-line flags, else its `TRAEFIK_`
/// environment variables. infraplan reads the last two from the service's
/// `entrypoint` and `command` (flattened as a shell would, so
/// `sh -c 'traefik --…'` counts) and its effective environment. Flags are
/// matched without regard to case and may be written with one or two dashes;
/// a boolean flag alone means true, as Traefik's flag parser reads it.
///
/// A configuration file inside the image or a mounted volume is not read
/// (infraplan never opens bind-mounted files), so a Traefik configured only
/// there counts as exposing containers by default, Traefik's own default.
enum TraefikDockerProvider {
    static let exposedByDefaultFlag = "providers.docker.exposedbydefault"
    static let exposedByDefaultVariable = "TRAEFIK_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT"

    /// The `providers.docker.exposedByDefault` the service sets, or nil when it sets none.
    static func exposedByDefault(
        of service: ComposeService, environment: [ResolvedVariable]
    ) -> Bool? {
        let words = Self.words(of: (service.entrypoint ?? []) + (service.command ?? []))
        // Flags are Traefik's configuration as soon as it has any; its environment is not read.
        guard !words.contains(where: { $0.hasPrefix("--") }) else { return flag(in: words) }
        let variable = environment.last { $0.key.uppercased() == exposedByDefaultVariable }
        return variable?.value.flatMap(TraefikLabels.parseBool)
    }

    /// The value of the flag in `words`; the last one wins, as in Traefik's flag parser.
    static func flag(in words: [String]) -> Bool? {
        var found: Bool?
        for word in words where word.hasPrefix("-") {
            let option = word.drop { $0 == "-" }
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.first?.lowercased() == exposedByDefaultFlag else { continue }
            found = parts.count == 2 ? TraefikLabels.parseBool(parts[1]) : true
        }
        return found
    }

    /// The words of a command, with the script of a `sh -c '…'` split into words too.
    static func words(of command: [String]) -> [String] {
        command.flatMap(ShellWords.split).flatMap { word in
            word.contains(where: \.isWhitespace) ? ShellWords.split(word) : [word]
        }
    }
}
