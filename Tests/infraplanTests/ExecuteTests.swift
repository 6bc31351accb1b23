import Foundation
import InfraModel
import Testing

/// `apply --execute` runs the plan's real commands — here against a fake
/// `docker` first on the PATH — records every step, undoes what ran when a
/// step fails, and `apply --resume` continues an interrupted run.
@Suite struct ExecuteTests {
    static let restartWorker = "compose up -d --no-deps --force-recreate authentik_worker"
    static let restartServer = "compose up -d --no-deps --force-recreate authentik_server"

    /// True while a process runs; a zombie (killed, not yet reaped) does not.
    static func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !(stat.split(separator: ")").last?.hasPrefix(" Z") ?? false)
    }

    /// The plan `apply 2025.10.1` will run, read from `plan --json` in the sandbox,
    /// so that step numbers in the expectations follow the planner, not a copy.
    struct PlanFacts {
        var steps: [[String: Any]]

        init(_ sandbox: Sandbox) throws {
            let output = try sandbox.run(["plan", "2025.10.1", "--json"]).stdout
            let plan = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            steps = try #require(plan?["steps"] as? [[String: Any]])
        }

        var count: Int { steps.count }

        /// The 1-based number of the step with this id.
        func number(_ id: String) throws -> Int {
            try #require(steps.firstIndex { $0["id"] as? String == id }, "no step '\(id)'") + 1
        }

        func title(_ id: String) throws -> String {
            try #require(steps[try number(id) - 1]["title"] as? String)
        }

        /// How many of the first `count` steps have an inverse.
        func inverses(inFirst count: Int) -> Int {
            steps.prefix(count).filter { $0["inverse"] is [String: Any] }.count
        }

        /// The docker calls the inverses of the first `count` steps make, in undo order.
        func undoCalls(ofFirst count: Int) -> [String] {
            steps.prefix(count).reversed().flatMap { step -> [String] in
                let inverse = step["inverse"] as? [String: Any]
                return (inverse?["commands"] as? [String] ?? []).filter { $0.hasPrefix("docker ") }
                    .map { String($0.dropFirst("docker ".count)) }
            }
        }
    }

    static let startWorker = "compose up -d --no-deps authentik_worker"

    /// How many steps the stored rollback of the last apply has, from the kept plan's JSON.
    static func rollbackCount(_ sandbox: Sandbox) throws -> Int {
        let store = try ModelStore(path: sandbox.state)
        let body = try #require(try store.history().last?.rollbackBody)
        let saved = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        let plan = saved?["plan"] as? [String: Any]
        return try #require(plan?["rollback"] as? [[String: Any]]).count
    }

    /// The forward records of the last run: `index outcome`.
    static func forwardRecords(_ sandbox: Sandbox) throws -> [String] {
        let store = try ModelStore(path: sandbox.state)
        let run = try #require(try store.latestRun())
        return try store.runSteps(run.id).filter { $0.phase == "forward" }.map {
            "\($0.stepIndex + 1) \($0.outcome ?? "-")"
        }
    }

    @Test func everyStepRunsInOrderThenTheModelMoves() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let plan = try PlanFacts(sandbox)
        let restart = try plan.number("restart:authentik_server")
        let result = try sandbox.run([
            "apply", "2025.10.1", "--yes", "--execute", "--compose", sandbox.compose,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let progress = result.stdout.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(progress.count == plan.count)
        #expect(progress[restart - 1] == "[\(restart)/\(plan.count)] restart authentik_server")
        #expect(
            result.stdout.contains(
                "Still to do by hand:\n  - by hand: The OAuth2/OIDC `email_verified` claim"))
        #expect(try sandbox.currentVersion() == "2025.10.1")

        let calls = sandbox.dockerCalls()
        let order = [
            "compose up -d --wait authentik_db", "compose pull authentik_server",
            "compose pull authentik_worker", "compose stop authentik_worker",
            Self.restartServer, Self.startWorker,
            "compose exec -T authentik_server ak healthcheck",
        ]
        #expect(
            order.compactMap { calls.firstIndex(of: $0) }
                == Array(calls.indices).filter { order.contains(calls[$0]) })
        #expect(sandbox.composeCalls().contains("compose pull authentik_server [new compose file]"))
        #expect(
            sandbox.composeCalls().contains("compose up -d --wait authentik_db [old compose file]"))

        let records = try Self.forwardRecords(sandbox)
        #expect(records.count == plan.count)
        #expect(records.last == "\(plan.count) manual" && records[restart - 1] == "\(restart) ok")
        let store = try ModelStore(path: sandbox.state)
        let run = try #require(try store.latestRun())
        #expect(run.status == .succeeded)
        #expect(
            run.logPath
                == sandbox.folder.appendingPathComponent(".infraplan/runs/\(run.id).log").path)
        let log = try String(contentsOfFile: run.logPath, encoding: .utf8)
        #expect(
            log.contains(
                "$ docker compose pull authentik_server\n"
                    + "fake docker: compose pull authentik_server\n-> exit 0"
            ))
        #expect(try store.history().last?.outcome == "applied; every step ran")
    }

    @Test func failingStepUndoesTheStepsThatRanInReverseOrder() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let original = try Data(contentsOf: URL(fileURLWithPath: sandbox.compose))
        let plan = try PlanFacts(sandbox)
        let pull = try plan.number("pull:authentik_worker")
        let undone = plan.inverses(inFirst: pull)
        let result = try sandbox.run(
            ["apply", "2025.10.1", "--yes", "--execute", "--compose", sandbox.compose],
            ["FAKE_DOCKER_FAIL": "pull authentik_worker"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "step \(pull) (\(try plan.title("pull:authentik_worker"))) failed: exit 1; "
                    + "undid the \(pull) steps that ran (\(undone) with an inverse); "
                    + "2025.8.4 stays current"),
            "\(result.stderr)")
        #expect(result.stdout.contains("[undo 1/\(undone)]"))

        let calls = sandbox.dockerCalls()
        let failed = try #require(calls.firstIndex(of: "compose pull authentik_worker"))
        let undoCalls = plan.undoCalls(ofFirst: pull)
        #expect(!undoCalls.isEmpty)
        #expect(Array(calls[(failed + 1)...]) == undoCalls)
        // The old compose file is back before any inverse runs.
        #expect(
            Array(sandbox.composeCalls().suffix(undoCalls.count))
                == undoCalls.map { "\($0) [old compose file]" })
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.compose)) == original)
        #expect(try sandbox.currentVersion() == "2025.8.4")
        let store = try ModelStore(path: sandbox.state)
        #expect(try store.latestRun()?.status == .undone)
        #expect(try store.history().last?.outcome.hasPrefix("not applied: step \(pull)") == true)
        #expect(try sandbox.run(["log"]).stdout.contains("not applied: step \(pull)"))
        let json = try sandbox.run(["log", "--json"]).stdout
        let runID = try #require(try store.latestRun()?.id)
        #expect(json.contains("\"moved_model\" : false") && json.contains("\"run_id\" : \"\(runID)\""))
        let rollback = try sandbox.run(["rollback"])
        #expect(rollback.stderr.contains("nothing to roll back"), "a failed run is not an apply")
    }

    @Test func noRollbackLeavesTheStepsAndResumeRetriesFromTheFailedOne() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let plan = try PlanFacts(sandbox)
        let pull = try plan.number("pull:authentik_worker")
        let failed = try sandbox.run(
            [
                "apply", "2025.10.1", "--yes", "--execute", "--no-rollback", "--compose",
                sandbox.compose,
            ],
            ["FAKE_DOCKER_FAIL": "pull authentik_worker"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("left in place (--no-rollback)"), "\(failed.stderr)")
        #expect(sandbox.dockerCalls().last == "compose pull authentik_worker")
        #expect(
            try String(contentsOfFile: sandbox.compose, encoding: .utf8).contains(
                "server:2025.10.1"))
        #expect(try sandbox.currentVersion() == "2025.8.4")

        let before = sandbox.dockerCalls().count
        let resumed = try sandbox.run(["apply", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("at step \(pull) of \(plan.count)"))
        #expect(sandbox.dockerCalls()[before] == "compose pull authentik_worker")
        #expect(!sandbox.dockerCalls()[before...].contains("compose pull authentik_server"))
        #expect(try sandbox.currentVersion() == "2025.10.1")
        let again = try sandbox.run(["apply", "--resume"])
        #expect(again.stderr.contains("nothing to resume: the last run"), "\(again.stderr)")
    }

    @Test func runKilledMidwayResumesFromItsFirstUnfinishedStep() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let plan = try PlanFacts(sandbox)
        let start = try plan.number("start:authentik_worker")
        FileManager.default.createFile(
            atPath: sandbox.folder.appendingPathComponent("hang").path, contents: nil)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = [
            "apply", "2025.10.1", "--yes", "--execute", "--compose", sandbox.compose,
            "--state", sandbox.state, "--migrations", sandbox.migrations,
        ]
        process.currentDirectoryURL = sandbox.folder
        process.environment = sandbox.environment([
            "FAKE_DOCKER_HANG": Self.startWorker
        ])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pidFile = sandbox.folder.appendingPathComponent("hang.pid").path
        for _ in 0..<2400 where !FileManager.default.fileExists(atPath: pidFile) { usleep(25_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        if let child = Int32(
            (try? String(contentsOfFile: pidFile, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        {
            kill(child, SIGKILL)
        }
        try FileManager.default.removeItem(
            atPath: sandbox.folder.appendingPathComponent("hang").path)
        #expect(try Self.forwardRecords(sandbox).suffix(2) == ["\(start - 1) ok", "\(start) -"])
        let log = try sandbox.run(["log"])
        #expect(
            log.stdout.contains("apply    2025.8.4 -> 2025.10.1")
                && log.stdout.contains(
                    "interrupted after \(start - 1) steps; continue with 'infraplan apply --resume'"),
            "\(log.stdout)")

        let other = try sandbox.run(["apply", "2025.10.1", "--yes"])
        #expect(other.status == 1)
        #expect(
            other.stderr.contains("stale lock") && other.stderr.contains("apply --resume"),
            "\(other.stderr)")
        let resumed = try sandbox.run(["apply", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("at step \(start) of \(plan.count)"))
        let calls = sandbox.dockerCalls()
        #expect(calls.filter { $0 == Self.startWorker }.count == 2)
        #expect(calls.filter { $0 == Self.restartServer }.count == 1)
        #expect(calls.filter { $0 == "compose pull authentik_server" }.count == 1)
        #expect(try sandbox.currentVersion() == "2025.10.1")
        #expect(
            try String(contentsOfFile: sandbox.compose, encoding: .utf8).contains(
                "server:2025.10.1"))
        #expect(try ModelStore(path: sandbox.state).currentLock() == nil)
    }

    @Test func stepThatRunsPastItsTimeoutIsStoppedAndUndone() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        FileManager.default.createFile(
            atPath: sandbox.folder.appendingPathComponent("hang").path, contents: nil)
        let plan = try PlanFacts(sandbox)
        let pull = try plan.number("pull:authentik_server")
        let started = Date()
        let result = try sandbox.run(
            ["apply", "2025.10.1", "--yes", "--execute", "--timeout", "1"],
            ["FAKE_DOCKER_HANG": "pull authentik_server"])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "step \(pull) (\(try plan.title("pull:authentik_server"))) timed out"),
            "\(result.stderr)")
        let child = Int32(
            (try String(
                contentsOfFile: sandbox.folder.appendingPathComponent("hang.pid").path,
                encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(child.map(Self.isRunning) == false, "the hung command's process group was stopped")
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }

    /// A new version that starts but does not stay up fails its verification,
    /// and the run undoes what it did: `ps` alone would have passed it.
    @Test func aServiceThatDoesNotComeUpFailsItsVerification() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run(
            ["apply", "2025.10.1", "--yes", "--execute"],
            ["FAKE_DOCKER_FAIL": "up -d --no-deps --no-recreate --wait authentik_server"])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.contains("(verify authentik_server) failed"), "\(result.stderr)")
        #expect(try sandbox.currentVersion() == "2025.8.4")
    }

    /// A sensitive variable written in the example's compose file itself.
    static let grafanaSecret = "placeholder-grafana-oauth-secret"

    @Test func runLogHoldsOutputButNoSecretValue() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let redisPassword = try String(
            contentsOfFile: sandbox.folder.appendingPathComponent("secrets/redis_password.txt")
                .path,
            encoding: .utf8
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let environmentSecret = "env-canary-4f1d9"
        let result = try sandbox.run(
            ["apply", "2025.10.1", "--yes", "--execute", "--compose", sandbox.compose],
            [
                "FAKE_DOCKER_ECHO":
                    "\(redisPassword) and \(environmentSecret) and \(Self.grafanaSecret)",
                "AUTHENTIK_SECRET_KEY": environmentSecret,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let store = try ModelStore(path: sandbox.state)
        let log = try String(
            contentsOfFile: try #require(try store.latestRun()).logPath, encoding: .utf8)
        #expect(log.contains("leaked? <redacted> and <redacted> and <redacted>"), "\(log)")
        let state = try Data(contentsOf: URL(fileURLWithPath: sandbox.state))
        for canary in ReferenceUpgradeTests.canaries + [environmentSecret, Self.grafanaSecret] {
            #expect(!log.contains(canary), "canary '\(canary)' in the run log")
            #expect(state.range(of: Data(canary.utf8)) == nil, "canary '\(canary)' in the state")
            #expect(!(result.stdout + result.stderr).contains(canary))
        }
    }

    @Test func rollbackExecuteRunsTheStoredRollbackWithTheOldComposeFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let original = try String(contentsOfFile: sandbox.compose, encoding: .utf8)
        let arguments = ["apply", "2025.10.1", "--yes", "--execute", "--compose", sandbox.compose]
        #expect(try sandbox.run(arguments).status == 0)
        let edited = try String(contentsOfFile: sandbox.compose, encoding: .utf8)
        let before = sandbox.dockerCalls().count

        let rollbackCount = try Self.rollbackCount(sandbox)
        let failed = try sandbox.run(["rollback", "--execute"], ["FAKE_DOCKER_FAIL": "pg_restore"])
        #expect(failed.status == 1)
        #expect(
            failed.stderr.contains("rollback 2025.10.1 -> 2025.8.4 failed: step 2"),
            "\(failed.stderr)")
        #expect(try sandbox.currentVersion() == "2025.10.1")
        let wrongCommand = try sandbox.run(["apply", "--resume"])
        #expect(wrongCommand.stderr.contains("continue it with 'infraplan rollback --resume'"))

        let resumed = try sandbox.run(["rollback", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Ran the \(rollbackCount) rollback steps of 2025.10.1 -> 2025.8.4"))
        #expect(try sandbox.currentVersion() == "2025.8.4")
        let calls = Array(sandbox.dockerCalls()[before...])
        #expect(calls.filter { $0.contains("pg_restore") }.count == 2)
        // The server comes back on the saved configuration after the restore, then the worker.
        let saved = "compose --project-directory . -f backups/compose-2025.8.4.yml up -d --no-deps"
        let restore = try #require(calls.lastIndex { $0.contains("pg_restore") })
        let server = try #require(calls.lastIndex(of: "\(saved) --force-recreate authentik_server"))
        let worker = try #require(calls.lastIndex(of: "\(saved) authentik_worker"))
        #expect(restore < server && server < worker)
        #expect(try String(contentsOfFile: sandbox.compose, encoding: .utf8) == original)
        let kept = try String(
            contentsOfFile: sandbox.compose + ".infraplan-2025.10.1.bak", encoding: .utf8)
        #expect(kept == edited)
        #expect(try sandbox.run(["rollback"]).stderr.contains("nothing to roll back"))
    }
}
