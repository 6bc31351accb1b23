import Foundation
import InfraModel

/// The log file of one run: what each step ran and what the commands printed.
///
/// Output never goes into the state, only here, and only after the redactor
/// has hidden secret values. Lines are redacted whole, so a value is never
/// split across two writes; a line longer than `maximumLine` bytes is cut
/// there.
final class RunLog {
    static let maximumLine = 65536

    let path: String
    private let handle: FileHandle
    private let redactor: Redactor
    private var pending: [UInt8] = []

    /// Opens (and creates, with its folder) the log at `path`, appending.
    init(path: String, redactor: Redactor) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            guard
                FileManager.default.createFile(
                    atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw FileError(path: path, operation: "create", code: errno) }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw FileError(path: path, operation: "open", code: errno)
        }
        handle.seekToEndOfFile()
        self.path = path
        self.handle = handle
        self.redactor = redactor
    }

    deinit {
        flush()
        try? handle.close()
    }

    /// Writes one line of infraplan's own (a step's title, a command, a result).
    func note(_ line: String) {
        flush()
        write(line + "\n")
    }

    /// Adds command output; complete lines are written at once.
    func append(_ bytes: [UInt8]) {
        pending += bytes
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) ?? cutPoint() {
            let line = Array(pending[...newline])
            pending.removeFirst(newline + 1)
            write(String(decoding: line, as: UTF8.self))
        }
    }

    /// Writes what is left of an unfinished line.
    func flush() {
        guard !pending.isEmpty else { return }
        write(String(decoding: pending, as: UTF8.self) + "\n")
        pending = []
    }

    private func cutPoint() -> Int? {
        pending.count > Self.maximumLine ? Self.maximumLine - 1 : nil
    }

    private func write(_ text: String) {
        handle.write(Data(redactor.redact(text).utf8))
    }
}
