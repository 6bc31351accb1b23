import Foundation
import InfraModel

/// One command of a step, run through `/bin/sh -c` with a time limit and its
/// output sent to the run's log.
///
/// The command runs in a process group of its own, so that a timeout stops
/// everything it started (`docker compose` and its plugins), and so that a
/// signal sent to infraplan's terminal does not reach it half-way. Its
/// standard input is `/dev/null`: a step never waits for a keyboard.
struct ShellCommand {
    /// How a command ended.
    enum Outcome: Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// It ran longer than the limit and was stopped.
        case timedOut

        var isSuccess: Bool { self == .exited(0) }

        /// `exit 1`, `killed by signal 9`, `timed out`.
        var description: String {
            switch self {
            case .exited(let code): return "exit \(code)"
            case .signalled(let signal): return "killed by signal \(signal)"
            case .timedOut: return "timed out"
            }
        }
    }

    /// Seconds a stopped command gets between SIGTERM and SIGKILL.
    static let graceSeconds = 5.0
    /// Seconds to keep reading after the command exited, for output of
    /// processes it left behind that still hold the pipe.
    static let drainSeconds = 2.0

    var command: String
    var directory: String
    var environment: [String: String]
    var timeoutSeconds: Double

    /// Runs the command and copies its output, both streams, to `log`.
    ///
    /// - Throws: `FileError` when the process cannot be started.
    func run(log: RunLog) throws -> Outcome {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            throw FileError(path: "pipe", operation: "create", code: errno)
        }
        let pid: pid_t
        do {
            pid = try spawn(output: pipeEnds[1])
        } catch {
            close(pipeEnds[0])
            close(pipeEnds[1])
            throw error
        }
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        return wait(for: pid, reading: pipeEnds[0], log: log)
    }

    /// Starts `/bin/sh`, which changes to `directory` and hands over to
    /// `/bin/sh -c COMMAND`; the folder and the command travel as arguments,
    /// never pasted into shell text.
    private func spawn(output: Int32) throws -> pid_t {
        Self.keepDescriptorsFromCommands()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Self.configure(&attributes)
        let arguments = [
            "/bin/sh", "-c", "cd -- \"$1\" || exit 125; exec /bin/sh -c \"$2\"", "infraplan-step",
            directory, command,
        ]
        let environment = self.environment.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value)"
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard code == 0 else { throw FileError(path: "/bin/sh", operation: "start", code: code) }
        return pid
    }

    /// Marks every descriptor above standard error close-on-exec, so that
    /// commands inherit neither the state's database, nor the log, nor a pipe
    /// of whoever started infraplan: a command that leaves a process behind
    /// must not keep those open (a parent waiting for infraplan's output to end
    /// would wait for that process too).
    private static func keepDescriptorsFromCommands() {
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?
            .compactMap { Int32($0) }
        for fd in listed ?? Array(3..<1024) where fd > 2 {
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    /// A new process group; default handling of the signals infraplan may ignore.
    private static func configure(_ attributes: inout posix_spawnattr_t) {
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    }

    /// Copies output to the log until the command ends, stopping it at the limit.
    private func wait(for pid: pid_t, reading fd: Int32, log: RunLog) -> Outcome {
        let start = Date()
        var status: Int32?
        var exitedAt = Date.distantFuture
        var stoppedAt: Date?
        var isOpen = true
        while true {
            if isOpen {
                isOpen = read(fd, into: log, waitMilliseconds: 100)
            } else {
                usleep(20_000)
            }
            if status == nil, let ended = reap(pid) {
                status = ended
                exitedAt = Date()
            }
            if status != nil && (!isOpen || Date().timeIntervalSince(exitedAt) > Self.drainSeconds)
            {
                break
            }
            if status == nil { stop(pid, startedAt: start, stoppedAt: &stoppedAt) }
        }
        log.flush()
        return stoppedAt == nil ? Self.outcome(status ?? 0) : .timedOut
    }

    /// Sends SIGTERM to the command's group at the limit, SIGKILL after the grace time.
    private func stop(_ pid: pid_t, startedAt start: Date, stoppedAt: inout Date?) {
        if let stopped = stoppedAt {
            if Date().timeIntervalSince(stopped) > Self.graceSeconds { kill(-pid, SIGKILL) }
        } else if Date().timeIntervalSince(start) > timeoutSeconds {
            kill(-pid, SIGTERM)
            stoppedAt = Date()
        }
    }

    /// Reads what is there; false at end of output.
    private func read(_ fd: Int32, into log: RunLog, waitMilliseconds: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, waitMilliseconds) > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return count < 0 && errno == EINTR }
        log.append(Array(buffer[..<count]))
        return true
    }

    /// The child's wait status once it has ended, without blocking.
    private func reap(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? status : nil
    }

    /// Decodes a wait status (the WIFEXITED and WTERMSIG macros of wait(2)).
    static func outcome(_ status: Int32) -> Outcome {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}
