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
    public static func decode(_ text: String, origin: String) throws -> SavedPlan {
        let saved: SavedPlan
        do {
            saved = try JSONCoding.decode(SavedPlan.self, from: text)
        } catch {
            throw UpgradeError.planAltered("\(origin) is not a saved infraplan plan (\(error))")
        }
        guard saved.formatVersion == formatVersion else {
            throw UpgradeError.planAltered("\(origin) has plan format \(saved.formatVersion); this infraplan reads \(formatVersion)")
        }
        guard try saved.computeChecksum() == saved.checksum else {
            throw UpgradeError.planAltered("\(origin) does not match its checksum \(saved.checksum.prefix(12))")
        }
        return saved
    }
}
