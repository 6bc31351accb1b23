import InfraModel

/// A database whose image changes major version: a new major cannot read the
/// old one's data directory, so the plan dumps it, starts the new major on a
/// new data directory, restores the dump, and keeps the old data until the
/// operator confirms. A plain image change, an unpinned tag and a downgrade
/// are blocked; a version the plan cannot read becomes a manual check.
extension PlanBuilder {
    /// Engines whose data directory is tied to a major version.
    static let dataEngines: Set<String> = ["postgres", "mysql", "mariadb", "mongodb"]

    mutating func findDataMoves() {
        for db in toIndex.databases where Self.dataEngines.contains(db.engine) && !db.isPooler {
            guard motions[db.service] == .restart, let before = from.services[db.service],
                let after = to.services[db.service], before.image != after.image
            else { continue }
            checkMajorVersion(db, before, after)
        }
    }

    private mutating func checkMajorVersion(_ db: Database, _ before: Service, _ after: Service) {
        guard let image = after.image else { return }
        if image.isUnpinned {
            return addMajorCheck(
                db, .block,
                "image \(image) of \(db.service) is unpinned (implicit latest): "
                    + "the plan cannot tell which major version a pull brings; pin a major tag")
        }
        if image.digest == nil, image.majorVersion == nil, let tag = image.tag {
            // `postgres:alpine`, `mariadb:lts`: a variant or channel, not a version.
            return addMajorCheck(
                db, .block,
                "image \(image) of \(db.service) has a floating tag ('\(tag)' names no version): "
                    + "a pull may bring another major onto the old data; pin a major tag")
        }
        guard let majorAfter = image.majorVersion else { return addUnknownVersion(db, image) }
        guard
            let majorBefore = before.image?.majorVersion ?? from.databases[db.service]?.majorVersion
        else {
            return addUnknownRunningVersion(db, majorAfter)
        }
        guard majorBefore != majorAfter else { return checkSeriesDowngrade(db, before, after) }
        let change = "\(db.engine) \(majorBefore) -> \(majorAfter) of \(db.service)"
        guard majorAfter > majorBefore else {
            return addMajorCheck(
                db, .block,
                "\(change) is a downgrade: \(db.engine) \(majorAfter) "
                    + "cannot read the data of \(majorBefore); "
                    + "restore a dump taken before the upgrade instead"
            )
        }
        let problems = dataMoveProblems(db, before, after, majorBefore, majorAfter)
        guard problems.isEmpty else {
            return addMajorCheck(db, .block, problems.joined(separator: "; "))
        }
        dataMoves[db.service] = makeDataMove(db, before, after, majorBefore, majorAfter)
        addMajorCheck(
            db, .pass,
            "\(change): planned as dump, new data directory, restore; "
                + "the old data is kept until you delete it")
    }

    /// MySQL and MariaDB change their data dictionary between series of one
    /// major (8.0 -> 8.4, 10.6 -> 10.11) and neither starts an older series
    /// on it: a step back within the major is a downgrade too.
    private mutating func checkSeriesDowngrade(_ db: Database, _ before: Service, _ after: Service) {
        guard ["mysql", "mariadb"].contains(db.engine),
            let old = before.image?.minorVersion, let new = after.image?.minorVersion,
            new.major == old.major, new.minor < old.minor
        else { return }
        addMajorCheck(
            db, .block,
            "\(db.engine) \(old.major).\(old.minor) -> \(new.major).\(new.minor) of \(db.service) "
                + "is a downgrade: \(db.engine) cannot start an older series on the newer data "
                + "dictionary; restore a dump taken before the upgrade instead")
    }

    private func dataMoveProblems(
        _ db: Database, _ before: Service, _ after: Service, _ majorBefore: Int, _ majorAfter: Int
    ) -> [String] {
        var problems: [String] = []
        if !Commands.canDumpAll(engine: db.engine) {
            problems.append(
                "infraplan knows no dump command for \(db.engine), so it cannot move the data")
        }
        if Self.dataDirectory(of: before, db, major: majorBefore)
            == Self.dataDirectory(of: after, db, major: majorAfter)
        {
            problems.append(
                "a plain image change: \(db.engine) \(majorAfter) refuses the data directory "
                    + "of \(majorBefore); mount a new volume for \(majorAfter) "
                    + "(the plan then dumps \(majorBefore), restores into \(majorAfter) "
                    + "and keeps the old volume)")
        }
        return problems
    }

    /// Where the data of `db` lives for `major`: the mount holding the image's
    /// data directory (`PGDATA` when the service sets it), and the path below
    /// it. The same answer before and after means the new major would open the
    /// old data directory. PostgreSQL 18 images keep their data in
    /// `/var/lib/postgresql/18/docker`, a new directory even on the old volume.
    static func dataDirectory(of service: Service, _ db: Database, major: Int) -> String {
        let directory: String
        switch db.engine {
        case "postgres":
            // An 18 image on the old mount point finds the old data there (and refuses it).
            let legacy = "/var/lib/postgresql/data"
            let onLegacyMount = service.mountTargets.map(Service.normalizedPath).contains(legacy)
            directory = major >= 18 && !onLegacyMount ? "/var/lib/postgresql/\(major)/docker" : legacy
        case "mongodb": directory = "/data/db"
        default: directory = "/var/lib/mysql"
        }
        guard let held = service.mountHolding(directory) else { return "in the container" }
        return "\(held.source) \(held.below)"
    }

    private func makeDataMove(
        _ db: Database, _ before: Service, _ after: Service, _ majorBefore: Int, _ majorAfter: Int
    ) -> DataMove {
        let old = Set(before.namedVolumes)
        let freed = old.filter { toIndex.servicesByVolume[$0] == nil }.sorted()
        let shared = old.intersection(after.namedVolumes).sorted()
        return DataMove(
            database: db, fromMajor: majorBefore, toMajor: majorAfter, freedVolumes: freed,
            sharedVolumes: shared)
    }

    private mutating func addMajorCheck(_ db: Database, _ outcome: CheckOutcome, _ finding: String)
    {
        add(
            Step(
                id: "check:major:\(db.service)", kind: .check, entity: db.service,
                title: "major version of \(db.service)",
                reason: "the image of \(db.service) changes",
                details: [finding], outcome: outcome))
    }

    /// A digest without a tag, or a tag without a number: only the image can say.
    private mutating func addUnknownVersion(_ db: Database, _ image: ImageReference) {
        let what = image.tag == nil ? "digest-pinned image" : "image tag"
        warnings.append("cannot determine version of \(what) \(image) of \(db.service)")
        add(
            Step(
                id: "check:major:\(db.service)", kind: .manual, entity: db.service,
                title: "major version of \(db.service): check by hand",
                reason: "the image of \(db.service) changes and its reference names no version",
                details: [
                    "cannot determine version of \(what) \(image); if its major differs from the "
                        + "running one, the data must be dumped and restored"
                ],
                commands: Commands.inspectVersion(image), outcome: .manual))
    }

    private mutating func addUnknownRunningVersion(_ db: Database, _ majorAfter: Int) {
        add(
            Step(
                id: "check:major:\(db.service)", kind: .manual, entity: db.service,
                title: "major version of \(db.service): check by hand",
                reason: "the running version of \(db.service) is not known",
                details: [
                    "\(db.engine) \(majorAfter) needs a dump and restore "
                        + "if the running major differs"
                ],
                commands: [
                    Commands.compose("exec -T \(db.service) \(Self.versionCommand(db.engine))")
                ],
                outcome: .manual))
    }

    static func versionCommand(_ engine: String) -> String {
        switch engine {
        case "postgres": return "postgres --version"
        case "mongodb": return "mongod --version"
        default: return "mysqld --version"
        }
    }
}

/// The steps of a data move: dump after the clients stopped, restore before they start.
extension PlanBuilder {
    mutating func addDataMoveSteps() {
        for name in dataMoves.keys.sorted() {
            guard let move = dataMoves[name] else { continue }
            let user = credentials(of: move.database).user
            let file =
                "backups/\(name)-\(request.fromLabel)-\(move.database.engine)\(move.fromMajor).sql"
            addDump(move, user: user, file: file)
            addRestore(move, user: user, file: file)
            markDataMove(move, file: file)
            addOldDataFollowUp(move)
        }
    }

    private mutating func addDump(_ move: DataMove, user: String, file: String) {
        let db = move.database
        let id = "backup:\(db.service)"
        add(
            Step(
                id: id, kind: .backup, entity: db.service,
                title: "dump \(db.service) (\(db.engine) \(move.fromMajor)) to \(file)",
                reason:
                    "\(db.engine) \(move.toMajor) cannot read "
                    + "the data directory of \(move.fromMajor)",
                details: ["its clients are stopped first, so the dump holds everything they wrote"],
                commands: Commands.dumpAll(db, user: user, to: file) ?? [],
                inverse: StepInverse(kind: .backup, title: "keep \(file); it is the way back")))
        for client in fromGraph.neededBy(of: db.service) { edge(stopID(client), id) }
        edge(id, stopID(db.service))
    }

    private mutating func addRestore(_ move: DataMove, user: String, file: String) {
        let db = move.database
        let id = "restore:\(db.service)"
        add(
            Step(
                id: id, kind: .restore, entity: db.service,
                title: "restore \(file) into \(db.service) (\(db.engine) \(move.toMajor))",
                reason: "the new data directory starts empty",
                commands: Commands.restoreAll(db, user: user, from: file),
                inverse: StepInverse(
                    kind: .restore, title: "nothing to undo in the new data of \(db.service)",
                    details: ["the data of \(db.engine) \(move.fromMajor) is still where it was"])))
        edge(startID(db.service), id)
        for client in toGraph.neededBy(of: db.service) { edge(id, startID(client)) }
    }

    /// The start of the new major is irreversible in place; its inverse goes
    /// back to the old data, which the plan keeps.
    private mutating func markDataMove(_ move: DataMove, file: String) {
        let name = move.database.service
        guard let id = startID(name), var step = steps[id] else { return }
        step.isIrreversible = true
        step.details.append(
            "irreversible: \(move.database.engine) \(move.toMajor) starts on a new data "
                + "directory; its data comes from the dump")
        step.inverse?.title = "recreate \(name) as it was, on its old data"
        step.inverse?.details = [
            "writes made after the upgrade are lost; if the old data is gone, "
                + "restore \(file) into a fresh \(move.database.engine) \(move.fromMajor)"
        ]
        step.inverse?.isExact = false
        step.inverse?.restoresBackup = "backup:\(name)"
        steps[id] = step
    }

    private mutating func addOldDataFollowUp(_ move: DataMove) {
        let name = move.database.service
        let freed = move.freedVolumes.map { "docker volume rm \(dockerVolumeName($0, in: from))" }
        let shared = move.sharedVolumes.map { volume in
            "the data of \(move.database.engine) \(move.fromMajor) stays in volume \(volume) "
                + "next to the new data; delete it by hand once the upgrade is confirmed"
        }
        add(
            Step(
                id: "manual:old-data:\(name)", kind: .manual, entity: name,
                title:
                    "once \(name) runs well on \(move.database.engine) \(move.toMajor), "
                    + "delete the old data",
                reason: "the old data is the fastest way back; the plan keeps it until you confirm",
                details: shared, commands: freed))
        edge("verify:\(name)", "manual:old-data:\(name)")
    }
}
