import Foundation
import InfraModel

/// The state transitions of the tool: resolving a target, applying a plan,
/// rolling it back. Each write is one transaction of the state store.
public struct Upgrade {
    public let store: ModelStore
    public let catalog: MigrationCatalog

    public init(store: ModelStore, catalog: MigrationCatalog) {
        self.store = store
        self.catalog = catalog
    }

    /// What `plan TARGET` plans: the current version against TARGET.
    ///
    /// TARGET is a version in the state, or a migration file whose base is the
    /// current version. A version the state already holds that came from a
    /// migration is made again from its file, which must not have changed.
    ///
    /// - Parameter composeFile: the compose file the plan is for (`apply --compose`);
    ///   its folder is then the project folder of both versions, instead of the
    ///   folders their imports recorded.
    /// - Throws: `StoreError.unknownVersion` when TARGET is neither;
    ///   `UpgradeError` when the migration does not apply to the current version.
    public func request(for target: String, composeFile: String? = nil) throws -> PlanRequest {
        var request = try recordedRequest(for: target)
        request.fromComposeArguments =
            try importRecord(of: request.fromLabel)?.composeArguments ?? []
        request.toComposeArguments =
            try importRecord(of: request.migration?.base ?? request.toLabel)?.composeArguments ?? []
        if let composeFile {
            request.fromFolder = ProjectFolder.containing(composeFile)
            request.toFolder = request.fromFolder
        }
        return request
    }

    /// The request with the project folders the versions' imports recorded.
    private func recordedRequest(for target: String) throws -> PlanRequest {
        try verifyMigrations()
        let current = try store.requireCurrentVersion()
        let currentModel = try store.model(current.label)
        let stored = try store.version(target)
        let migration = try catalog.migration(for: target)
        let fromFolder = try projectFolder(of: current.label)
        if let stored, stored.originKind == .import || migration == nil {
            return PlanRequest(
                fromLabel: current.label, from: currentModel, toLabel: target,
                to: try store.model(target), fromFolder: fromFolder,
                toFolder: try projectFolder(of: target))
        }
        guard let migration else {
            let known = try store.versions().map(\.label) + catalog.availableVersions()
            throw StoreError.unknownVersion(target, known: Array(Set(known)))
        }
        if let stored, stored.originSHA256 != migration.sha256 {
            throw UpgradeError.migrationEdited(path: migration.path, version: target)
        }
        if stored != nil, target == current.label {
            // Already there, as `terraform plan` on an applied change: nothing to do.
            return PlanRequest(
                fromLabel: current.label, from: currentModel, toLabel: target, to: currentModel,
                fromFolder: fromFolder, toFolder: fromFolder)
        }
        let baseModel: StackModel
        if migration.base == current.label {
            baseModel = currentModel
        } else if stored != nil, try store.version(migration.base) != nil,
            try store.model(migration.base) == currentModel
        {
            baseModel = currentModel
        } else if stored != nil {
            // Back to an older version, or across from another line: the state's
            // copy is the target, and its downgrade barriers decide.
            return PlanRequest(
                fromLabel: current.label, from: currentModel, toLabel: target,
                to: try store.model(target), fromFolder: fromFolder,
                toFolder: try projectFolder(of: target))
        } else {
            throw UpgradeError.wrongBase(
                migration: migration.path, base: migration.base, current: current.label)
        }
        let targetModel = try migration.apply(to: baseModel)
        return PlanRequest(
            fromLabel: current.label, from: currentModel, toLabel: target, to: targetModel,
            migration: migration, fromFolder: fromFolder,
            toFolder: try projectFolder(of: migration.base))
    }

    /// The project folder of a version: that of the import it descends from.
    ///
    /// A version made by a migration keeps its base's compose files, so its
    /// parents are followed back to an import. nil when none is found.
    func projectFolder(of label: String) throws -> ProjectFolder? {
        try importRecord(of: label).map(ProjectFolder.locate)
    }

    /// The import a version descends from: itself, or its migrations' first base.
    func importRecord(of label: String) throws -> VersionRecord? {
        var next: String? = label
        var seen: Set<String> = []
        while let name = next, seen.insert(name).inserted, let record = try store.version(name) {
            if record.originKind == .import { return record }
            next = record.parent
        }
        return nil
    }
}

extension Upgrade {
    /// Refuses migration files that changed under the state.
    ///
    /// Two checks, as Atlas and Flyway make them: the folder must match its
    /// `infraplan.sum` when it has one, and every migration a version of the
    /// state was made from must still have the digest it had then.
    ///
    /// - Returns: false when the folder has no sum file (nothing to verify there).
    /// - Throws: `MigrationSumError`, or `UpgradeError.migrationEdited` naming the file.
    @discardableResult
    public func verifyMigrations() throws -> Bool {
        // Applied migrations first: their edit is the graver finding.
        try verifyAppliedMigrations()
        return try MigrationSum.verify(directory: catalog.directory)
    }

    /// Refuses a migration file edited after a version of the state was made from it.
    public func verifyAppliedMigrations() throws {
        for version in try store.versions() where version.originKind == .migration {
            guard let path = catalog.path(for: version.label),
                let bytes = FileManager.default.contents(atPath: path)
            else { continue }
            if Checksum.sha256(Array(bytes)) != version.originSHA256 {
                throw UpgradeError.migrationEdited(path: path, version: version.label)
            }
        }
    }
}

/// Failures of planning, applying and rolling back that the user can act on.
public enum UpgradeError: Error, CustomStringConvertible, Sendable {
    case wrongBase(migration: String, base: String, current: String)
    case migrationEdited(path: String, version: String)
    case noPlan
    case stalePlan(
        planSerial: Int, stateSerial: Int, madeFrom: String, current: String, moves: [String])
    case planBlocked([String])
    case planAltered(String)
    /// A file or stored text that is not a saved plan at all.
    case notAPlan(origin: String, reason: String)
    case otherState(planState: String, state: String)
    case nothingToRollBack
    case rollbackMismatch(String)
    /// The rollback would lose state the newer version wrote; each loss, one line.
    case rollbackLoses([String])
    case targetMismatch(String)
    case needsConfirmation
    case composeChanged(path: String, backup: String)
    case composeBackupMissing(path: String, backup: String)
    case nothingToResume(String)

    public var description: String {
        switch self {
        case let .wrongBase(migration, base, current):
            return
                "migration '\(migration)' applies to version '\(base)', but the current version is '\(current)'"
        case let .migrationEdited(path, version):
            return
                "migration '\(path)' was edited after version '\(version)' was made from it; restore the file or use a new version label"
        case .noPlan:
            return "the state keeps no plan; run 'infraplan plan TARGET' first"
        case let .stalePlan(planSerial, stateSerial, madeFrom, current, moves):
            let since = moves.isEmpty ? "" : "; since then: " + moves.joined(separator: ", ")
            return "the plan is stale: it was made at state serial \(planSerial) "
                + "from '\(madeFrom)'\(since); "
                + "the state is now at serial \(stateSerial) with '\(current)' current; "
                + "run 'infraplan plan TARGET' again"
        case .planBlocked(let blockers):
            return "the plan is blocked: \(blockers.joined(separator: "; "))"
        case .planAltered(let detail):
            return "the plan was altered after it was made: \(detail)"
        case let .notAPlan(origin, reason):
            return "\(origin) is not a saved infraplan plan (\(reason))"
        case let .otherState(planState, state):
            return "the plan was made for state \(planState), not this state (\(state))"
        case .nothingToRollBack:
            return "nothing to roll back: no apply is recorded for the current version"
        case .rollbackLoses(let losses):
            return "the rollback loses state: \(losses.sorted().joined(separator: "; ")); "
                + "pass --ack to roll back anyway"
        case .rollbackMismatch(let detail):
            return "the stored rollback does not lead back to the recorded version: \(detail)"
        case .targetMismatch(let detail):
            return "the plan's changes do not give the stored target version: \(detail)"
        case .needsConfirmation:
            return "apply needs confirmation; run it on a terminal or pass --yes"
        case let .composeChanged(path, backup):
            return "compose file '\(path)' changed since infraplan edited it; "
                + "restore it from '\(backup)' by hand, or roll back with --keep-compose"
        case .nothingToResume(let reason):
            return "nothing to resume: \(reason); run 'infraplan plan TARGET' and apply it"
        case let .composeBackupMissing(path, backup):
            return "the copy '\(backup)' of compose file '\(path)' from before the apply "
                + "is missing or changed; restore the file by hand, "
                + "or roll back with --keep-compose"
        }
    }
}

extension Upgrade {
    /// The model of a version for commands that only read (`impact`, `diff`,
    /// `graph`, `show`): one the state holds, or the version a migration file
    /// would make from its base in the state, before anything applied it.
    ///
    /// - Returns: the model, and the record of the version when the state holds it.
    /// - Throws: `StoreError.unknownVersion` naming the state's versions and the
    ///   migrations whose base the state holds.
    public func readableModel(_ label: String) throws -> (StackModel, VersionRecord?) {
        if let record = try store.version(label) { return (try store.model(label), record) }
        if let migration = try catalog.migration(for: label),
            try store.version(migration.base) != nil
        {
            return (try migration.apply(to: try store.model(migration.base)), nil)
        }
        let known = try store.versions().map(\.label) + catalog.availableVersions()
        throw StoreError.unknownVersion(label, known: Array(Set(known)).sorted())
    }
}
