import Foundation

/// Writing a file so that a crash leaves either the old content or the new,
/// never a mix: a temporary file beside it, synced, then renamed over it.
///
/// rename(2) replaces the name atomically; syncing the file before the rename
/// and the folder after it makes the new content survive a power loss too.
public enum AtomicFile {
    /// Replaces the content of `path`, keeping the permissions of the file it
    /// replaces (or those of `permissionsOf`, or 0644 for a new file).
    ///
    /// - Throws: `FileError` naming the file and the system's reason.
    public static func write(_ bytes: [UInt8], to path: String, permissionsOf model: String? = nil)
        throws
    {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary =
            "\(folder.isEmpty ? "." : folder)/."
            + "\((path as NSString).lastPathComponent).infraplan-\(getpid()).tmp"
        let mode = permissions(of: model ?? path) ?? 0o644
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw FileError(path: temporary, operation: "create", code: errno) }
        do {
            try writeAll(bytes, to: fd, path: temporary)
            guard fsync(fd) == 0 else {
                throw FileError(path: temporary, operation: "sync", code: errno)
            }
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileError(path: path, operation: "replace", code: code)
        }
        syncFolder(folder.isEmpty ? "." : folder)
    }

    /// Copies `source` over `destination`, atomically.
    public static func copy(_ source: String, to destination: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw FileError(path: source, operation: "read", code: errno)
        }
        try write(Array(data), to: destination, permissionsOf: source)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes {
                Foundation.write(fd, $0.baseAddress, $0.count)
            }
            guard count > 0 else { throw FileError(path: path, operation: "write", code: errno) }
            written += count
        }
    }

    private static func permissions(of path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// Makes the rename durable; a folder that cannot be opened is left as is,
    /// since the rename itself has already happened.
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
