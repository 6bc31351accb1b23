import Foundation
import InfraModel
import Testing

/// The writers' lock, with two real processes: the second fails at once naming
/// the holder; a holder that is gone leaves a stale lock that `unlock ID` releases.
@Suite struct LockTests {
    /// Starts `apply --execute` and waits until its fake `docker pull` hangs,
    /// so that it holds the lock; returns the process and the hanging child's pid.
    static func startHangingApply(_ sandbox: Sandbox) throws -> (Process, Int32) {
        FileManager.default.createFile(
            atPath: sandbox.folder.appendingPathComponent("hang").path, contents: nil)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = [
            "apply", "2025.10.1", "--yes", "--execute", "--state", sandbox.state,
            "--migrations", sandbox.migrations,
        ]
        process.currentDirectoryURL = sandbox.folder
        process.environment = sandbox.environment(["FAKE_DOCKER_HANG": "pull authentik_server"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pidFile = sandbox.folder.appendingPathComponent("hang.pid").path
        for _ in 0..<2400 where !FileManager.default.fileExists(atPath: pidFile) { usleep(25_000) }
        let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
        let child = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        return (process, child)
    }

    @Test func secondWriterFailsAtOnceNamingTheHolderAndAStaleLockIsReleasedByID() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (holder, child) = try Self.startHangingApply(sandbox)
        defer { kill(child, SIGKILL) }

        // While the holder runs: refused at once, naming it; unlock refuses a live holder.
        let started = Date()
        let second = try sandbox.run(["apply", "2025.10.1", "--yes"])
        #expect(Date().timeIntervalSince(started) < 5, "a second writer waited for the lock")
        #expect(second.status == 1)
        let host = ProcessIdentity.hostName
        for part in [
            "the state is locked by 'infraplan apply 2025.10.1 --yes --execute",
            "pid \(holder.processIdentifier) on host \(host)", "lock id ",
        ] {
            #expect(second.stderr.contains(part), "missing '\(part)' in \(second.stderr)")
        }
        let lock = try #require(try ModelStore(path: sandbox.state).currentLock())
        #expect(try sandbox.run(["rollback"]).stderr.contains(lock.id))
        let before = try ModelStore(path: sandbox.state).canonicalDump()
        let importing = try sandbox.run(["import", sandbox.compose, "--as", "during-run"])
        #expect(importing.status == 1 && importing.stderr.contains(lock.id), "\(importing.stderr)")
        let planning = try sandbox.run(["plan", "2025.10.1"])
        #expect(planning.status == 1 && planning.stderr.contains(lock.id), "\(planning.stderr)")
        #expect(try ModelStore(path: sandbox.state).canonicalDump() == before)
        let early = try sandbox.run(["unlock", lock.id])
        #expect(early.status == 1)
        #expect(early.stderr.contains("which is still running"), "\(early.stderr)")

        // The holder dies without releasing: the lock is stale, and only its id releases it.
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let stale = try sandbox.run(["apply", "2025.10.1", "--yes"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("whose process is gone (stale lock)"), "\(stale.stderr)")
        #expect(stale.stderr.contains("'infraplan unlock \(lock.id)'"), "\(stale.stderr)")
        #expect(stale.stderr.contains("'infraplan apply --resume'"), "\(stale.stderr)")
        let wrong = try sandbox.run(["unlock", "not-the-id"])
        #expect(wrong.status == 1)
        #expect(
            wrong.stderr.contains("lock id 'not-the-id' is not the lock's id"), "\(wrong.stderr)")
        let unlocked = try sandbox.run(["unlock", lock.id])
        #expect(unlocked.status == 0, "\(unlocked.stderr)")
        #expect(unlocked.stdout.contains("did not finish: 'infraplan apply --resume' continues it"))
        #expect(try ModelStore(path: sandbox.state).currentLock() == nil)
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }

    @Test func lockOfAnotherHostIsNeverTakenForStale() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let store = try ModelStore(path: sandbox.state)
        let lock = try store.acquireLock(command: "infraplan apply --execute")
        let connection = try Connection(path: sandbox.state)
        try connection.run("UPDATE locks SET host = 'elsewhere', pid = 1")
        let refused = try sandbox.run(["rollback"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("pid 1 on host elsewhere"), "\(refused.stderr)")
        #expect(
            refused.stderr.contains("on another host; wait for it to finish"), "\(refused.stderr)")
        #expect(try sandbox.run(["unlock", lock.id]).status == 0)
    }

    @Test func unlockWithoutALockSaysSo() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run(["unlock", "anything"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the state is not locked; nothing to unlock"))
    }

    /// Several imports racing to create one new state file all land, none told it is damaged.
    @Test func importsRacingToCreateTheStateAllLand() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("new.db").path
        let compose = CLI.packageRoot.appendingPathComponent("Examples/compose.yml").path
        for round in 0..<3 {
            try? FileManager.default.removeItem(atPath: state)
            let processes = try (0..<6).map { index -> (Process, Pipe) in
                let process = Process()
                process.executableURL = CLI.binary
                process.arguments = ["import", compose, "--as", "v\(round)-\(index)", "--state", state, "-q"]
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                return (process, errors)
            }
            for (process, errors) in processes {
                let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "\(text)")
            }
            #expect(try ModelStore(path: state).versions().count == 6)
        }
    }
}
