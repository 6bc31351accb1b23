import InfraModel

/// A database's connection budget before and after a change.
///
/// Each client is charged its expected connections; a pooler between clients
/// and the database is charged at its pool size instead of its clients'
/// connections (which count against the pooler's own budget). The total is
/// compared with `max_connections` less the connections reserved for
/// superusers: 80 % warns, 100 % blocks.
public struct ConnectionBudget: Codable, Equatable, Sendable {
    public struct Line: Codable, Equatable, Sendable {
        public var client: String
        public var before: Int?
        public var after: Int?
        /// `declared`, `assumed`, `probed` or `pool` (a pooler's pool size).
        public var origin: String

        /// `authentik: 8 -> 12 (+4, +50 %)`; `(new)`, `(gone)` or `(unchanged)` otherwise.
        public var text: String {
            let origin = self.origin == "declared" ? "" : ", \(self.origin)"
            switch (before, after) {
            case (let old?, let new?) where old == new:
                return "\(client): \(new) (unchanged\(origin))"
            case (let old?, let new?):
                return "\(client): \(old) -> \(new) (\(Self.change(from: old, to: new))\(origin))"
            case (nil, let new?): return "\(client): \(new) (new\(origin))"
            case (let old?, nil): return "\(client): \(old) -> 0 (gone)"
            case (nil, nil): return "\(client): 0"
            }
        }

        /// `+4, +50 %`; the percentage is left out when there was nothing before.
        static func change(from old: Int, to new: Int) -> String {
            let delta = new - old
            let sign = delta >= 0 ? "+" : ""
            guard old != 0 else { return "\(sign)\(delta)" }
            let percent = Int((Double(delta) * 100 / Double(old)).rounded())
            return "\(sign)\(delta), \(sign)\(percent) %"
        }
    }

    public var database: String
    public var engine: String
    public var lines: [Line]
    public var totalBefore: Int
    public var totalAfter: Int
    public var maxBefore: Int
    public var maxAfter: Int
    public var reserved: Int
    /// True when `max_connections` is the engine default, not read from anywhere.
    public var isLimitAssumed: Bool

    public static let warnRatio = 0.8

    public var usableAfter: Int { max(0, maxAfter - reserved) }

    /// The share of usable connections in use after the change.
    public var ratioAfter: Double {
        usableAfter == 0 ? 1 : Double(totalAfter) / Double(usableAfter)
    }

    public var outcome: CheckOutcome {
        if ratioAfter >= 1 { return .block }
        if ratioAfter >= Self.warnRatio || isLimitAssumed { return .warn }
        return .pass
    }

    /// `68/100 -> 72/100`: the totals against `max_connections`.
    public var totals: String { "\(totalBefore)/\(maxBefore) -> \(totalAfter)/\(maxAfter)" }

    /// `68/100 -> 72/100 max_connections (97 usable after 3 reserved, 74 %)`.
    public var summary: String {
        let percent = Int((ratioAfter * 100).rounded())
        var text =
            "\(totals) max_connections "
            + "(\(usableAfter) usable after \(reserved) reserved, \(percent) %)"
        if isLimitAssumed { text += "; max_connections assumed (engine default), not declared" }
        return text
    }

    /// The budget of `database` in two versions; nil when it is a database in neither.
    ///
    /// Builds an index of each model; a caller with many databases should keep
    /// indexes and use the internal overload, which is linear in the clients.
    public static func compute(
        database: String, before: StackModel, after: StackModel
    ) -> ConnectionBudget? {
        compute(database: database, before: ModelIndex(before), after: ModelIndex(after))
    }

    static func compute(
        database: String, before: ModelIndex, after: ModelIndex
    ) -> ConnectionBudget? {
        guard let engineAfter = after.model.databases[database] ?? before.model.databases[database]
        else {
            return nil
        }
        let engineBefore = before.model.databases[database] ?? engineAfter
        let charged = charges(for: database, in: before)
        let chargedAfter = charges(for: database, in: after)
        let clients = Set(charged.keys).union(chargedAfter.keys).sorted()
        let lines = clients.map { client in
            Line(
                client: client, before: charged[client]?.0, after: chargedAfter[client]?.0,
                origin: chargedAfter[client]?.1 ?? charged[client]?.1 ?? "declared")
        }
        return ConnectionBudget(
            database: database, engine: engineAfter.engine, lines: lines,
            totalBefore: charged.values.reduce(0) { $0 + $1.0 },
            totalAfter: chargedAfter.values.reduce(0) { $0 + $1.0 },
            maxBefore: engineBefore.maxConnections, maxAfter: engineAfter.maxConnections,
            reserved: engineAfter.reservedConnections, isLimitAssumed: engineAfter.isLimitAssumed)
    }

    /// Each client's charge on `database`: its estimate, or a pooler's pool
    /// size, for each of its containers (`deploy.replicas`, `scale`).
    private static func charges(
        for database: String, in index: ModelIndex
    ) -> [String: (Int, String)] {
        func containers(_ service: String) -> Int {
            max(1, index.model.services[service]?.replicas ?? 1)
        }
        var result: [String: (Int, String)] = [:]
        for estimate in index.connectionsByDatabase[database] ?? [] {
            result[estimate.client] = (
                estimate.expected * containers(estimate.client), estimate.origin.rawValue
            )
        }
        for pooler in index.poolersByUpstream[database] ?? [] {
            result[pooler.service] = ((pooler.poolSize ?? 0) * containers(pooler.service), "pool")
        }
        return result
    }
}
