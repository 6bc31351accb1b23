import Foundation
import InfraModel

/// The operator's compose file following the model: edited when a plan is
/// applied with `--compose`, restored from the copy kept beside it on rollback.
///
/// The order of the file writes and the state's write makes every step safe
/// to repeat after a crash. The copy from before (`FILE.infraplan-FROM.bak`)
/// is written first, then the edited file replaces the original (each
/// atomically), then the state moves. If the process dies before the state
/// moved, the next `apply --compose` finds the file already edited — it is
/// exactly the edit of the kept copy — and only moves the state.
public enum ComposeFollower {
    /// An edit worked out and not yet written.
    public struct Prepared: Sendable {
        /// What the state records: paths and the digests before and after.
        public var record: ModelStore.ComposeEditRecord
        public var oldText: String
        public var newText: String
        /// One line per change made, in file order.
        public var summary: [String]
        /// True when the file already holds the edit (see the type's discussion).
        public var isWritten: Bool
    }

    /// Works out the edit that makes the compose file at `path` follow `plan`.
    ///
    /// - Throws: `FileError` when the file cannot be read; `YAMLError` or
    ///   `ComposeEditError` when it cannot be edited surgically.
    /// - Parameter environment: the environment Compose will run with; a
    ///   variable set there or in the `.env` beside the file decides an
    ///   interpolated value, and the edit refuses to change its default.
    public static func prepare(
        path: String, plan: Plan,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Prepared {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw FileError(path: path, operation: "read", code: errno)
        }
        let text = String(decoding: data, as: UTF8.self)
        let variables = ComposeEditor.variablesSet(besideFile: absolute, environment: environment)
        let backup = "\(absolute).infraplan-\(plan.from).bak"
        if let kept = FileManager.default.contents(atPath: backup), kept != data,
            let redo = try? edit(
                String(decoding: kept, as: UTF8.self), path: path, plan: plan, variables: variables),
            redo.text == text
        {
            return prepared(
                absolute, backup, old: String(decoding: kept, as: UTF8.self), redo, isWritten: true)
        }
        let edit = try edit(text, path: path, plan: plan, variables: variables)
        return prepared(absolute, backup, old: text, edit, isWritten: false)
    }

    /// Writes the copy from before, then the edited file; both atomically.
    public static func write(_ prepared: Prepared) throws {
        guard !prepared.isWritten else { return }
        let record = prepared.record
        try AtomicFile.write(
            Array(prepared.oldText.utf8), to: record.backupPath, permissionsOf: record.path)
        try AtomicFile.write(Array(prepared.newText.utf8), to: record.path)
    }

    /// Puts back the file an apply edited, from the copy kept beside it.
    ///
    /// A file that already holds its old content is left alone, so a rollback
    /// interrupted after this step can run again.
    ///
    /// - Throws: `UpgradeError.composeChanged` when someone edited the file
    ///   since; `.composeBackupMissing` when the copy is gone or changed.
    public static func restore(_ record: ModelStore.ComposeEditRecord) throws {
        let current = FileManager.default.contents(atPath: record.path).map {
            Checksum.sha256(Array($0))
        }
        if current == record.beforeSHA256 { return }
        guard current == record.afterSHA256 else {
            throw UpgradeError.composeChanged(path: record.path, backup: record.backupPath)
        }
        guard let kept = FileManager.default.contents(atPath: record.backupPath),
            Checksum.sha256(Array(kept)) == record.beforeSHA256
        else {
            throw UpgradeError.composeBackupMissing(path: record.path, backup: record.backupPath)
        }
        try AtomicFile.write(Array(kept), to: record.path)
    }

    /// The edit of a run being resumed, from the record the run made: the file
    /// holds either its old content (the run stopped before writing it) or
    /// exactly the new one.
    ///
    /// - Throws: `UpgradeError.composeChanged` when it holds anything else.
    public static func resume(_ record: ModelStore.ComposeEditRecord, plan: Plan) throws -> Prepared
    {
        guard let data = FileManager.default.contents(atPath: record.path) else {
            throw FileError(path: record.path, operation: "read", code: errno)
        }
        let digest = Checksum.sha256(Array(data))
        if digest == record.beforeSHA256 {
            let prepared = try prepare(path: record.path, plan: plan)
            if prepared.record.afterSHA256 == record.afterSHA256 { return prepared }
        } else if digest == record.afterSHA256,
            let kept = FileManager.default.contents(atPath: record.backupPath),
            Checksum.sha256(Array(kept)) == record.beforeSHA256
        {
            return Prepared(
                record: record, oldText: String(decoding: kept, as: UTF8.self),
                newText: String(decoding: data, as: UTF8.self), summary: [], isWritten: true)
        }
        throw UpgradeError.composeChanged(path: record.path, backup: record.backupPath)
    }

    /// The restore of an apply's edit, as a rollback run writes it: the kept
    /// copy goes back in place, and the edited file is kept beside it as
    /// `FILE.infraplan-LABEL.bak` (LABEL being the version rolled back from).
    ///
    /// - Returns: nil when the file already holds its old content and no copy
    ///   of the edited one is left to undo with.
    /// - Throws: `UpgradeError.composeChanged` or `.composeBackupMissing`.
    public static func reversal(
        of record: ModelStore.ComposeEditRecord, label: String
    ) throws -> Prepared? {
        let manager = FileManager.default
        guard let kept = manager.contents(atPath: record.backupPath),
            Checksum.sha256(Array(kept)) == record.beforeSHA256
        else {
            throw UpgradeError.composeBackupMissing(path: record.path, backup: record.backupPath)
        }
        let current = manager.contents(atPath: record.path) ?? Data()
        let reverse = ModelStore.ComposeEditRecord(
            path: record.path, backupPath: "\(record.path).infraplan-\(label).bak",
            beforeSHA256: record.afterSHA256, afterSHA256: record.beforeSHA256)
        let summary = ["restore \(record.path) from \(record.backupPath)"]
        switch Checksum.sha256(Array(current)) {
        case record.afterSHA256:
            return Prepared(
                record: reverse, oldText: String(decoding: current, as: UTF8.self),
                newText: String(decoding: kept, as: UTF8.self), summary: summary, isWritten: false)
        case record.beforeSHA256:
            guard let edited = manager.contents(atPath: reverse.backupPath),
                Checksum.sha256(Array(edited)) == record.afterSHA256
            else { return nil }
            return Prepared(
                record: reverse, oldText: String(decoding: edited, as: UTF8.self),
                newText: String(decoding: kept, as: UTF8.self), summary: summary, isWritten: true)
        default:
            throw UpgradeError.composeChanged(path: record.path, backup: record.backupPath)
        }
    }

    /// The edit of `text`; a file that is not YAML is an input error at its line.
    static func edit(_ text: String, path: String, plan: Plan, variables: [String: String])
        throws -> ComposeEdit
    {
        do {
            return try ComposeEditor(text: text, file: path, variables: variables)
                .edit(applying: plan.modelChanges)
        } catch let error as YAMLError {
            throw InputError(error.diagnostic)
        }
    }

    static func prepared(
        _ path: String, _ backup: String, old: String, _ edit: ComposeEdit, isWritten: Bool
    ) -> Prepared {
        let record = ModelStore.ComposeEditRecord(
            path: path, backupPath: backup, beforeSHA256: Checksum.sha256(old),
            afterSHA256: Checksum.sha256(edit.text))
        return Prepared(
            record: record, oldText: old, newText: edit.text, summary: edit.summary,
            isWritten: isWritten)
    }
}
