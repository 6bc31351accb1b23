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
    /// `services` (outposts, workers) must run the same image tag as `leaders`
    /// (the server), and are started after them when both move.
    case matchesVersion(services: [String], leaders: [String])
    /// Each service must already run at least every version in `through`
    /// before it may move to this version: the releases whose migrations this
    /// one assumes (`2025.12` before `2026.2`). Compared at the precision written.
    case upgradePath(services: [String], through: [String])
    /// Environment keys (glob patterns, `*` a wildcard) this version no longer
    /// reads; a key left behind is reported as obsolete, not refused.
    case obsoleteEnvironment(services: [String], patterns: [String])
    /// Once `services` ran `version`, an older image cannot run on `database`
    /// without restoring a backup taken before: `effect` (an irreversible
    /// effect's id) changed its data. Made by `Migration.apply(to:)` from the
    /// migration's irreversible schema and data migrations.
    case noDowngrade(services: [String], version: String, database: String, effect: String)

    /// Every service the rule names, in the order written.
    public var services: [String] {
        switch self {
        case .tls, .minimumEngineVersion: return []
        case .sameVersion(let services): return services
        case .matchesVersion(let services, let leaders): return leaders + services
        case .upgradePath(let services, _), .obsoleteEnvironment(let services, _):
            return services
        case .noDowngrade(let services, _, _, _): return services
        }
    }

    /// The database the rule names, if it names one.
    public var database: String? {
        switch self {
        case .tls(let database, _, _), .minimumEngineVersion(let database, _, _):
            return database
        case .noDowngrade(_, _, let database, _): return database
        case .sameVersion, .matchesVersion, .upgradePath, .obsoleteEnvironment: return nil
        }
    }
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
