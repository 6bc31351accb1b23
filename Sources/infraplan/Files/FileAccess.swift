import Foundation
import InfraModel

/// Reading and writing the files a command line names (`--out`, a saved plan,
/// the sum file), each failure one line naming the file and the reason.
enum FileAccess {
    /// Writes `text` whole: to a temporary file beside `path`, then renamed over it.
    ///
    /// - Throws: `FileAccessError.cannotWrite` with the reason in words.
    static func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            throw FileAccessError.cannotWrite(path, reason: "no such directory")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw FileAccessError.cannotWrite(path, reason: "it is a directory")
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch let error as FileError {
            throw FileAccessError.cannotWrite(path, reason: reason(error.code))
        }
    }

    /// The bytes of a file, read to its end (a device such as /dev/null too).
    ///
    /// - Throws: `FileAccessError.noSuchFile` or `.cannotRead`.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw FileAccessError.noSuchFile(path) }
            throw FileAccessError.cannotRead(path, reason: reason(code))
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw FileAccessError.cannotRead(path, reason: reason(errno)) }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }

    /// The system's reason for `code`, in lower case (`permission denied`).
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such directory"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
