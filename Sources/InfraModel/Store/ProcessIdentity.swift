import Foundation

/// A process as a lock records it: its id, when it started, and the host.
///
/// A process id alone is reused by the kernel; the start time (field 22 of
/// `/proc/PID/stat`, in clock ticks since boot, see proc(5)) tells a new
/// process with the same id from the one that took the lock. Where `/proc` is
/// missing, the start time is nil and only the id is compared.
public struct ProcessIdentity: Codable, Equatable, Sendable {
    public var pid: Int32
    public var startTime: String?
    public var host: String

    public init(pid: Int32, startTime: String?, host: String) {
        self.pid = pid
        self.startTime = startTime
        self.host = host
    }

    /// This process.
    public static var current: ProcessIdentity {
        let pid = getpid()
        return ProcessIdentity(pid: pid, startTime: startTime(of: pid), host: hostName)
    }

    /// The machine's host name, as `gethostname(2)` gives it.
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(cString: buffer)
    }

    /// Whether the process still runs: nil when it cannot be told from here
    /// (another host).
    public var isAlive: Bool? {
        guard host == Self.hostName else { return nil }
        // kill(pid, 0) checks existence without sending anything; EPERM means
        // it exists but belongs to another user.
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let recorded = startTime, let now = Self.startTime(of: pid) else { return true }
        return recorded == now
    }

    /// Field 22 of `/proc/PID/stat`; the command name before it may hold spaces
    /// and parentheses, so fields are counted after the last `)`.
    static func startTime(of pid: Int32) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After ")" come field 3 (state) onwards, so field 22 is at index 19.
        return fields.count > 19 ? String(fields[19]) : nil
    }
}
