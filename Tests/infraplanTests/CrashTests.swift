import Foundation
import InfraModel
import Testing

/// Kills `apply` and `rollback` with SIGKILL at random points, many times, and
/// checks after each kill that the state is sound and exactly as before or as
/// after, and that infraplan goes on working.
///
/// Kill points land inside the writes through the debug-only hook
/// `INFRAPLAN_TEST_PAUSE_MS`, which sleeps after every statement of a
/// transaction and before its commit (see `ModelStore.testPauseMilliseconds`).
/// Each round first runs the same command, paused, on a copy of the state: that
/// gives the state "after" and how long the command takes, and the kill comes
/// at a uniformly random moment within that time (or a little later). The seed
/// makes a failure reproducible; process start-up jitter may still move a kill
/// by a few milliseconds.
@Suite struct CrashTests {
    static let seed: UInt64 = 0x1F2E_3D4C_2025_1001
    static let rounds = 52
    static let pause = "3"

    @Test func killedApplyAndRollbackLeaveTheStateBeforeOrAfter() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        var random = SplitMix64(seed: Self.seed)
        var landed = (before: 0, after: 0)
        for round in 0..<Self.rounds {
            let command =
                try sandbox.currentVersion() == "2025.8.4"
                ? ["apply", "2025.10.1", "--yes"] : ["rollback"]
            let before = try snapshot(sandbox.state)
            let (after, duration) = try rehearse(command, on: sandbox)
            // Up to 10 % past the rehearsed time, so that some commands finish.
            let delay = UInt32(Double(random.next() % 1000) / 1000 * duration * 1.1 * 1_000_000)
            try killed(command, after: delay, in: sandbox)

            let store = try ModelStore(path: sandbox.state)
            #expect(try store.integrityCheck() == "ok", "round \(round)")
            let now = try snapshot(sandbox.state)
            #expect(
                now == before || now == after,
                "round \(round) (\(command), killed after \(delay) µs)")
            if now == before { landed.before += 1 } else { landed.after += 1 }
            try checkNextCommandsWork(sandbox, store: store, round: round)
        }
        // Both outcomes must occur, or the kills did not cover the write.
        #expect(landed.before >= 5 && landed.after >= 5, "\(landed)")
    }

    /// The canonical dump (versions, facts, the current version), the serial,
    /// and the history without its timestamps.
    func snapshot(_ state: String) throws -> String {
        let store = try ModelStore(path: state)
        let history = try store.history().map {
            "\($0.action) \($0.fromLabel) -> \($0.toLabel) \($0.outcome) moved=\($0.movedModel) "
                + "serial=\($0.serial ?? -1)"
        }
        return try store.canonicalDump() + "serial \(try store.serial())\n"
            + history.joined(separator: "\n")
    }

    /// Runs the command, paused, on a copy of the state; returns the state
    /// after it and the seconds it took.
    func rehearse(_ command: [String], on sandbox: Sandbox) throws -> (String, Double) {
        let copy = sandbox.folder.appendingPathComponent("rehearsal.db").path
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: copy + suffix)
        }
        try FileManager.default.copyItem(atPath: sandbox.state, toPath: copy)
        let start = Date()
        let result = try CLI.run(
            command + ["--state", copy, "--migrations", sandbox.migrations], in: sandbox.folder,
            environment: ["INFRAPLAN_TEST_PAUSE_MS": Self.pause])
        let duration = Date().timeIntervalSince(start)
        #expect(result.status == 0, "rehearsal of \(command): \(result.stderr)")
        return (try snapshot(copy), duration)
    }

    /// Starts the command on the real state and kills it after `delay` microseconds.
    func killed(_ command: [String], after delay: UInt32, in sandbox: Sandbox) throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments =
            command + ["--state", sandbox.state, "--migrations", sandbox.migrations]
        process.currentDirectoryURL = sandbox.folder
        process.environment = [
            "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "INFRAPLAN_TEST_PAUSE_MS": Self.pause,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A read works; a lock the killed process left is reported as stale, and
    /// `unlock` with its id releases it.
    func checkNextCommandsWork(_ sandbox: Sandbox, store: ModelStore, round: Int) throws {
        #expect(try sandbox.run(["log"]).status == 0, "round \(round)")
        guard let lock = try store.currentLock() else { return }
        #expect(lock.isStale, "round \(round)")
        let refused = try sandbox.run(["rollback"])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("stale lock")
                && refused.stderr.contains("infraplan unlock \(lock.id)"),
            "round \(round): \(refused.stderr)")
        let unlocked = try sandbox.run(["unlock", lock.id])
        #expect(unlocked.status == 0, "round \(round): \(unlocked.stderr)")
    }
}

/// A small seeded generator (SplitMix64), so that every run kills at the same points.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
