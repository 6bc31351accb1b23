/// How `apply --execute` runs a plan's commands.
public struct RunbookOptions: Sendable {
    /// The default limit per step: long enough for an image pull or a dump of
    /// a few gigabytes, short enough that a hung command does not hold the
    /// lock for a night.
    public static let defaultTimeoutSeconds = 900

    /// Seconds each step's commands may take together before they are stopped.
    public var timeoutSeconds: Int
    /// Run the inverses of the steps that ran when a step fails (`--no-rollback` turns it off).
    public var rollsBackOnFailure: Bool
    /// The environment commands get (infraplan's own, plus `COMPOSE_FILE` with `--compose`).
    public var environment: [String: String]
    /// Where commands run: the compose file's folder, else the current folder.
    public var directory: String

    public init(
        timeoutSeconds: Int = defaultTimeoutSeconds, rollsBackOnFailure: Bool = true,
        environment: [String: String], directory: String
    ) {
        self.timeoutSeconds = timeoutSeconds
        self.rollsBackOnFailure = rollsBackOnFailure
        self.environment = environment
        self.directory = directory
    }
}
