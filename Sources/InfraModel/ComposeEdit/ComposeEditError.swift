/// Why a compose file cannot be edited to follow a plan without rewriting it.
///
/// infraplan changes only the lines a plan changes; where that is impossible
/// it refuses and leaves the file alone, and the message says what to edit by
/// hand.
public struct ComposeEditError: Error, CustomStringConvertible, Sendable {
    /// The compose file.
    public var file: String
    /// The line concerned, when there is one.
    public var line: Int?
    /// Lowercase; what cannot be done and why.
    public var reason: String

    public init(file: String, line: Int? = nil, _ reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): cannot edit surgically: \(reason); edit the file by hand, "
            + "or apply without --compose"
    }
}
