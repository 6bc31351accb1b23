import InfraModel

/// Evaluates a version's requirements against what the model knows.
public enum Prerequisite {
    /// The verdict on one requirement, with what was found and, when it cannot
    /// be decided, the exact command to decide it.
    public struct Verdict: Codable, Equatable, Sendable {
        public var outcome: CheckOutcome
        public var finding: String
        public var command: String?
        /// One line per finding worth a warning (an obsolete key), for the plan's warnings.
        public var warnings: [String] = []
    }

    /// Judges `requirement` on one model, as if nothing moved.
    public static func evaluate(_ requirement: Requirement, in model: StackModel) -> Verdict {
        evaluate(requirement, from: model, to: model)
    }

    /// Judges `requirement` on the move from `from` to `to`.
    ///
    /// Most rules are about the target alone; an upgrade path and a downgrade
    /// barrier compare the versions each service runs before and after.
    public static func evaluate(
        _ requirement: Requirement, from: StackModel, to: StackModel
    ) -> Verdict {
        switch requirement.rule {
        case .tls(let database, let minimum, let ems):
            return evaluateTLS(database: database, minimum: minimum, orEMS: ems, in: to)
        case .minimumEngineVersion(let database, let engine, let version):
            return evaluateEngine(database: database, engine: engine, minimum: version, in: to)
        case .sameVersion(let services):
            return VersionRules.sameVersion(services, in: to)
        case .matchesVersion(let services, let leaders):
            return VersionRules.matchesVersion(services, leaders: leaders, in: to)
        case .upgradePath(let services, let through):
            return VersionRules.upgradePath(services, through: through, from: from, to: to)
        case .obsoleteEnvironment(let services, let patterns):
            return obsoleteEnvironment(services, patterns, requirement.reason, in: to)
        case .noDowngrade(let services, let version, let database, let effect):
            return VersionRules.noDowngrade(
                services, version: version, database: database, effect: effect, from: from, to: to)
        }
    }

    /// TLS 1.3 needs PostgreSQL 12 or later (`ssl_max_protocol_version` and
    /// OpenSSL 1.1.1 arrived with it), and a server that does not cap the
    /// protocol below it. Every PostgreSQL with OpenSSL 1.1.1+ offers EMS.
    private static func evaluateTLS(
        database: String, minimum: String, orEMS: Bool, in model: StackModel
    ) -> Verdict {
        guard let db = model.databases[database] else {
            return Verdict(
                outcome: .block, finding: "'\(database)' is not a known database", command: nil)
        }
        let probe =
            "docker compose exec -T \(database) sh -c "
            + "'openssl s_client -connect localhost:5432 -starttls postgres -tls1_3 </dev/null'"
        guard db.engine == "postgres", let major = db.majorVersion else {
            return Verdict(
                outcome: .manual,
                finding: "engine or version of '\(database)' unknown; check TLS \(minimum) by hand",
                command: probe)
        }
        if let cap = db.tls.maximumVersion, versionLess(cap, minimum) && !orEMS {
            return Verdict(
                outcome: .block,
                finding: "ssl_max_protocol_version is \(cap), below TLS \(minimum)", command: nil)
        }
        if major >= 12 {
            let state =
                db.tls.isEnabled == false
                ? " (TLS is off on this server; clients connect without it)" : ""
            return Verdict(
                outcome: .pass,
                finding:
                    "PostgreSQL \(major) offers TLS \(minimum)\(orEMS ? " and Extended Master Secret" : "")\(state)",
                command: nil)
        }
        return Verdict(
            outcome: orEMS ? .manual : .block,
            finding: "PostgreSQL \(major) predates TLS 1.3 support; "
                + (orEMS
                    ? "check that its OpenSSL offers Extended Master Secret"
                    : "upgrade PostgreSQL first"),
            command: orEMS ? probe.replacingOccurrences(of: "-tls1_3", with: "-tls1_2") : nil)
    }

    private static func evaluateEngine(
        database: String, engine: String, minimum: String, in model: StackModel
    ) -> Verdict {
        guard let db = model.databases[database], let version = db.version else {
            return Verdict(
                outcome: .manual,
                finding: "version of '\(database)' unknown; \(engine) \(minimum) or later needed",
                command: "docker compose exec -T \(database) postgres --version")
        }
        return versionLess(version, minimum)
            ? Verdict(
                outcome: .block, finding: "\(engine) \(version) is older than \(minimum)",
                command: nil)
            : Verdict(
                outcome: .pass, finding: "\(engine) \(version) is at least \(minimum)", command: nil
            )
    }

    /// Keys the version no longer reads: a warning per key left behind, never a block.
    private static func obsoleteEnvironment(
        _ services: [String], _ patterns: [String], _ reason: String, in model: StackModel
    ) -> Verdict {
        let wanted = Set(services)
        let left = model.environment.filter { entry in
            wanted.contains(entry.service) && patterns.contains { Glob.matches($0, entry.name) }
        }
        guard !left.isEmpty else {
            return Verdict(
                outcome: .pass, finding: "no key matches \(patterns.joined(separator: ", "))")
        }
        let keys = left.map { "\($0.service).\($0.name)" }
        return Verdict(
            outcome: .warn, finding: "obsolete key \(keys.joined(separator: ", "))", command: nil,
            warnings: keys.map { "obsolete key \($0): \(reason)" })
    }

    /// Compares dotted version numbers numerically (`1.2 < 1.3`, `9.6 < 12`).
    static func versionLess(_ a: String, _ b: String) -> Bool {
        let left = a.trimmingPrefix("TLSv").split(separator: ".").map { Int($0) ?? 0 }
        let right = b.trimmingPrefix("TLSv").split(separator: ".").map { Int($0) ?? 0 }
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : 0
            let r = index < right.count ? right[index] : 0
            if l != r { return l < r }
        }
        return false
    }
}
