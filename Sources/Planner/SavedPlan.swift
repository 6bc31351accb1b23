import InfraModel

/// A plan bound to the state it was made from: what `plan --out` writes and
/// what the state keeps for `apply`.
///
/// The checksum covers the plan, the state's identity and its serial, so a
/// file edited by hand, a plan for another state file, and a plan made before
/// the state moved are all refused.
public struct SavedPlan: Codable, Equatable, Sendable {
    public static let formatVersion = 1

    public var formatVersion: Int
    public var stateID: String
    public var stateSerial: Int
    public var createdAt: String
    public var plan: Plan
    public var checksum: String

    private enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case stateID = "state_id"
        case stateSerial = "state_serial"
        case createdAt = "created_at"
        case plan, checksum
    }

    public init(plan: Plan, stateID: String, stateSerial: Int, createdAt: String) throws {
        self.formatVersion = Self.formatVersion
        self.stateID = stateID
        self.stateSerial = stateSerial
        self.createdAt = createdAt
        self.plan = plan
        self.checksum = ""
        self.checksum = try computeChecksum()
    }

    /// The digest of everything but the checksum itself.
    public func computeChecksum() throws -> String {
        let plan = try JSONCoding.encode(self.plan)
        return Checksum.sha256("infraplan-plan/\(formatVersion)\n\(stateID)\n\(stateSerial)\n\(plan)")
    }

    /// Reads a saved plan and checks its format and checksum.
    ///
    /// - Parameter origin: where the text comes from, for messages (`'upgrade.json'`).
    /// - Throws: `UpgradeError.notAPlan` for text that is not a saved plan,
    ///   `.planAltered` for another format or a checksum that does not match.
    public static func decode(_ text: String, origin: String) throws -> SavedPlan {
        let saved: SavedPlan
        do {
            saved = try JSONCoding.decode(SavedPlan.self, from: text)
        } catch let error as DecodingError {
            throw UpgradeError.notAPlan(origin: origin, reason: reason(error, text: text))
        }
        guard saved.formatVersion == formatVersion else {
            throw UpgradeError.planAltered("\(origin) has plan format \(saved.formatVersion); this infraplan reads \(formatVersion)")
        }
        guard try saved.computeChecksum() == saved.checksum else {
            throw UpgradeError.planAltered("\(origin) does not match its checksum \(saved.checksum.prefix(12))")
        }
        return saved
    }

    /// Why text did not decode, in a few words: Foundation's own description
    /// is a dump of coding paths meant for programmers.
    static func reason(_ error: DecodingError, text: String) -> String {
        if text.allSatisfy(\.isWhitespace) { return "the file is empty" }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "it is not JSON"
        case .keyNotFound(let key, let context):
            return "it has no '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context),
            .dataCorrupted(let context):
            return "'\(path(context.codingPath))' has the wrong type or value"
        @unknown default:
            return "it does not have the shape of a plan"
        }
    }

    /// `plan.steps[3].id` from a coding path.
    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }
}
