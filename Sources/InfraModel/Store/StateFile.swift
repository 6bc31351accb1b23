import Foundation

/// What the file system allows on a state file, checked before SQLite opens it
/// so that a refusal names the file and the reason in one line.
enum StateFile {
    /// Refuses a missing file (unless it may be created, in a folder that exists), a
    /// directory, and a file this process may not use as `access` needs.
    ///
    /// - Throws: `StoreError.missingStateFile`, `.stateIsDirectory`, `.missingStateFolder`,
    ///   `.stateFolderIsNotAFolder` or `.permissionDenied`.
    static func check(_ path: String, for access: ModelStore.Access) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            guard access == .create else { throw StoreError.missingStateFile(path) }
            try checkFolder(of: path)
            guard isWritableFolder(of: path) else { throw StoreError.permissionDenied(path) }
            return
        }
        // SQLite would say only "unable to open database file".
        if isDirectory.boolValue { throw StoreError.stateIsDirectory(path) }
        guard Foundation.access(path, R_OK) == 0 else { throw StoreError.permissionDenied(path) }
        if access != .read && !isWritable(path) { throw StoreError.permissionDenied(path) }
    }

    /// Refuses to create a state file whose folder is missing or is a file.
    private static func checkFolder(of path: String) throws {
        let folder = folder(of: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw StoreError.missingStateFolder(path, folder: folder)
        }
        guard isDirectory.boolValue else {
            throw StoreError.stateFolderIsNotAFolder(path, folder: folder)
        }
    }

    private static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// True when this process may change the file and make files beside it
    /// (SQLite's `-wal`, `-shm` and `-journal`).
    static func isWritable(_ path: String) -> Bool {
        Foundation.access(path, W_OK) == 0 && isWritableFolder(of: path)
    }

    /// The connection `access` needs.
    ///
    /// A reader that may write the file opens it for writing but never writes
    /// (unless the schema is older; see `ModelStore.init`), so that SQLite
    /// removes the `-wal` and `-shm` files when it closes, as it does for a
    /// writer. A reader that may not write cannot remove them: it opens the
    /// file immutable when no writer left a journal to read, and read-only
    /// otherwise.
    static func connect(_ path: String, for access: ModelStore.Access) throws -> Connection {
        switch access {
        case .create: return try Connection(path: path, mode: .create)
        case .write: return try Connection(path: path, mode: .readWrite)
        case .read where isWritable(path): return try Connection(path: path, mode: .readWrite)
        case .read:
            // FIXME: an immutable reader takes no lock, so a process that may
            // write the file (another user's apply) and checkpoints while this
            // one reads could show it a mix of pages, reported as damage. It is
            // accepted because such a reader runs for milliseconds and never
            // writes; a shared-memory file this user could remove safely would
            // end it.
            return try Connection(path: path, mode: hasJournal(path) ? .readOnly : .immutable)
        }
    }

    /// True when a `-wal` or `-journal` file beside the state may hold writes
    /// that are not in the main file yet.
    static func hasJournal(_ path: String) -> Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: path + "-wal")
            || manager.fileExists(atPath: path + "-journal")
    }

    private static func isWritableFolder(of path: String) -> Bool {
        Foundation.access(folder(of: path), W_OK | X_OK) == 0
    }
}
