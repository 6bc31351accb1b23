/// The result of editing a compose file to follow a plan.
public struct ComposeEdit: Equatable, Sendable {
    /// The whole edited text.
    public var text: String
    /// One line per change made, in file order, with the services it is for:
    /// `compose.yml:67 image …:2025.8.4 -> …:2025.10.1 (authentik_server)`.
    public var summary: [String]

    public init(text: String, summary: [String]) {
        self.text = text
        self.summary = summary
    }
}

/// One replacement of a byte range of the file, and on whose behalf it is made.
struct TextEdit {
    /// Bytes replaced.
    var range: Range<Int>
    var replacement: String
    /// The character offset of the YAML node the edit is about: nodes reached
    /// through an alias share their anchor's offset, which is how sharing shows.
    var nodeOffset: Int
    /// The services the plan makes this change for.
    var services: Set<String>
    /// For the summary and messages, without the services:
    /// `remove environment AUTHENTIK_REDIS__HOST`.
    var what: String
    /// The collection the edit deletes an entry of, when it is a service's own.
    var container: ContainerRef?
}

/// A service's collection (`environment`, `secrets`, `depends_on`) an edit
/// deletes from: when every entry goes, the whole key goes instead, as an
/// empty `depends_on:` would read as null.
struct ContainerRef {
    /// The collection node's character offset: its identity.
    var offset: Int
    /// How many entries it has.
    var size: Int
    /// The bytes of the `key: collection` pair in the service; nil when it
    /// cannot be deleted as whole lines.
    var parentRange: Range<Int>?
    var parentWhat: String
}
