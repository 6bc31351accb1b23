/// A canonical text dump of the state, for comparing two state files.
extension ModelStore {
    /// Every version's label, lineage, origin and facts, and the current version,
    /// one line each in a fixed order.
    ///
    /// Creation times, the state's random identity, saved plans and history are
    /// left out: two files made by the same commands from the same inputs give
    /// the same dump, whenever they were made.
    public func canonicalDump() throws -> String {
        var lines = ["schema \(StateSchema.currentVersion)"]
        for version in try versions() {
            let inputs = version.inputs.map { "\($0.path)=\($0.sha256)" }.joined(separator: ",")
            lines.append(
                "version \(version.label) parent=\(version.parent ?? "-") project=\(version.project) "
                    + "origin=\(version.originKind.rawValue):\(version.originPath)@\(version.originSHA256) "
                    + "inputs=[\(inputs)]\(version.isCurrent ? " current" : "")")
            let rows = try db.query(
                """
                SELECT e.kind, e.key, e.body FROM entities e JOIN versions v ON v.id = e.version_id
                WHERE v.label = ? ORDER BY e.kind, e.key
                """, [.text(version.label)])
            for row in rows {
                lines.append("  \(row.text("kind")) \(row.text("key")) \(row.text("body"))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
