/// A fact a version demands of its environment, checked before a plan may run.
public struct Requirement: ModelEntity {
    public static let kind = EntityKind.requirement

    /// A stable id within the version (`postgres-tls`).
    public var id: String
    public var rule: RequirementRule
    /// Why the version needs it, in a sentence.
    public var reason: String
    public var source: String?

    public init(id: String, rule: RequirementRule, reason: String, source: String? = nil) {
        self.id = id
        self.rule = rule
        self.reason = reason
        self.source = source
    }

    public var key: String { id }
    public var displayName: String { id }
}

/// The typed rules a requirement can state.
public enum RequirementRule: Codable, Equatable, Sendable {
    /// The database must offer TLS at `minimumVersion` or better, or (when
    /// `orExtendedMasterSecret`) the Extended Master Secret extension (RFC 7627).
    case tls(database: String, minimumVersion: String, orExtendedMasterSecret: Bool)
    /// The database engine must be at least this version.
    case minimumEngineVersion(database: String, engine: String, version: String)
    /// These services must run the same image tag (an outpost and its server).
    case sameVersion(services: [String])
}

/// Text attached to a version: a breaking change, a follow-up or a warning.
public struct Note: ModelEntity {
    public static let kind = EntityKind.note

    public var id: String
    public var category: NoteCategory
    /// `high`, `medium` or `low`.
    public var impact: String
    public var text: String
    /// What the operator must do about it, when it needs a manual step.
    public var action: String?
    /// The services the note concerns.
    public var services: [String]
    public var source: String?

    public init(
        id: String, category: NoteCategory, impact: String, text: String, action: String? = nil,
        services: [String] = [], source: String? = nil
    ) {
        self.id = id
        self.category = category
        self.impact = impact
        self.text = text
        self.action = action
        self.services = services
        self.source = source
    }

    public var key: String { id }
    public var displayName: String { id }
}

public enum NoteCategory: String, Codable, Sendable, CaseIterable {
    /// Behaviour changes that can break something that worked.
    case breaking
    /// Work the operator must do by hand after the upgrade.
    case followUp = "follow_up"
    /// Something to watch; no action required.
    case warning
}
