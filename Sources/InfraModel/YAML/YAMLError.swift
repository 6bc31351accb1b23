/// A YAML document that could not be read.
public struct YAMLError: Error, CustomStringConvertible, Sendable {
    public var location: SourceLocation
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// The same failure as a diagnostic for the renderer.
    public var diagnostic: Diagnostic {
        .error("yaml", message, at: location)
    }

    public var description: String { "\(location): error: \(message)" }
}
