/// What to import: the files and the settings `docker compose` would take from its command line.
public struct ComposeImportRequest: Sendable {
    /// Compose files as the user gave them; the first is the base.
    ///
    /// Later files override it, as `docker compose -f a.yml -f b.yml` does. The first file's
    /// folder is the project folder.
    public var files: [String]
    /// The process environment; it wins over every env file.
    public var environment: [String: String]
    /// `--env-file` values; when not empty they replace the project's `.env`.
    ///
    /// Read in order, each over the ones before it (`--env-file a --env-file b`: `b` wins).
    public var envFiles: [String]
    /// `--profile` values; when empty, `COMPOSE_PROFILES` (environment, then `.env`) applies.
    public var profiles: [String]
    /// `-p`; else the top-level `name:`, else `COMPOSE_PROJECT_NAME`, else the project
    /// folder's name, lowercased with characters Compose refuses removed.
    public var projectName: String?

    public init(
        files: [String], environment: [String: String] = [:], envFiles: [String] = [],
        profiles: [String] = [], projectName: String? = nil
    ) {
        self.files = files
        self.environment = environment
        self.envFiles = envFiles
        self.profiles = profiles
        self.projectName = projectName
    }
}
