import Foundation
import InfraModel

/// Runs a plan's steps one after the other, recording each step's start and
/// result in the state before going on, and undoes what ran when one fails.
///
/// A step runs its commands in order; the first that fails fails the step.
/// Manual steps are not run: they are listed for the operator. With a compose
/// file, the first configure step writes the edited file before its commands,
/// and undoing the configure steps puts the old file back first, so that the
/// inverses recreate containers from the old configuration.
///
/// The executor never moves the model: the caller does that, in one
/// transaction, once every step has succeeded.
final class RunbookExecutor {
    /// How a run of the steps ended.
    enum Outcome: Equatable {
        case succeeded
        /// A step failed; `detail` says which, and what became of the steps that ran.
        case failed(status: ModelStore.RunStatus, detail: String)
    }

    let store: ModelStore
    let runID: String
    let steps: [Step]
    let options: RunbookOptions
    let log: RunLog
    let progress: (String) -> Void
    private let compose: ComposeFollower.Prepared?
    private var isComposeWritten: Bool

    init(
        store: ModelStore, runID: String, steps: [Step], options: RunbookOptions, log: RunLog,
        compose: ComposeFollower.Prepared?, progress: @escaping (String) -> Void
    ) {
        self.store = store
        self.runID = runID
        self.steps = steps
        self.options = options
        self.log = log
        self.compose = compose
        self.isComposeWritten = compose?.isWritten ?? false
        self.progress = progress
    }

    /// Runs the steps from `start` (0-based) to the end.
    func run(from start: Int) throws -> Outcome {
        for index in start..<steps.count {
            let step = steps[index]
            progress("[\(index + 1)/\(steps.count)] \(step.title)")
            log.note("== [\(index + 1)/\(steps.count)] \(step.id): \(step.title)")
            let seq = try store.recordStepStart(
                runID: runID, phase: "forward", stepIndex: index, stepID: step.id)
            let result = performCatchingErrors(step)
            try store.recordStepResult(
                runID: runID, seq: seq, outcome: result.label, exitStatus: result.exitStatus)
            log.note("-- \(result.label)")
            guard result.isSuccess else {
                progress("  \(result.label)")
                return try fail(at: index, result: result)
            }
        }
        return .succeeded
    }

    /// Runs one step; a command that cannot start or a compose file that cannot
    /// be written fails the step like a failing command.
    private func performCatchingErrors(_ step: Step) -> StepResult {
        do {
            return try perform(step)
        } catch {
            log.note("error: \(error)")
            return .error("\(error)")
        }
    }

    /// Runs one step's commands; manual steps are only noted.
    private func perform(_ step: Step) throws -> StepResult {
        if step.kind == .manual {
            log.note("manual step, not run: \(step.title)")
            return .manual
        }
        if step.kind == .configure, let compose, !isComposeWritten {
            try ComposeFollower.write(compose)
            isComposeWritten = true
            log.note(
                "wrote \(compose.record.path); the old file is kept as \(compose.record.backupPath)"
            )
            compose.summary.forEach { log.note("  \($0)") }
        }
        return try runCommands(step.commands)
    }

    /// Runs commands in order within the step's time limit; stops at the first failure.
    private func runCommands(_ commands: [String]) throws -> StepResult {
        let deadline = Date().addingTimeInterval(Double(options.timeoutSeconds))
        for command in commands {
            log.note("$ \(command)")
            let shell = ShellCommand(
                command: command, directory: options.directory, environment: options.environment,
                timeoutSeconds: max(0, deadline.timeIntervalSinceNow))
            let outcome = try shell.run(log: log)
            log.note("-> \(outcome.description)")
            guard outcome.isSuccess else { return .failed(outcome) }
        }
        return .ok
    }

    /// Stops after a failed step and, unless told not to, undoes what ran.
    private func fail(at index: Int, result: StepResult) throws -> Outcome {
        let failure = "step \(index + 1) (\(steps[index].title)) \(result.label)"
        guard options.rollsBackOnFailure else {
            return .failed(
                status: .failed,
                detail: "\(failure); the steps that ran were left in place (--no-rollback)")
        }
        let ran = try ranIndices().filter { $0 <= index }
        if let undoFailure = try undo(ran.reversed()) {
            return .failed(
                status: .undoFailed,
                detail:
                    "\(failure); undoing the steps that ran stopped at \(undoFailure); "
                    + "the rest is left as it is"
            )
        }
        let inverses = ran.filter { steps[$0].inverse != nil }.count
        return .failed(
            status: .undone,
            detail:
                "\(failure); undid the \(ran.count) steps that ran (\(inverses) with an inverse)")
    }

    /// Runs the inverses of `indices`, in the order given; returns what failed, if anything.
    private func undo(_ indices: [Int]) throws -> String? {
        let inverses = indices.filter { steps[$0].inverse != nil }
        for (count, index) in inverses.enumerated() {
            guard let inverse = steps[index].inverse else { continue }
            progress("[undo \(count + 1)/\(inverses.count)] \(inverse.title)")
            log.note("== undo \(steps[index].id): \(inverse.title)")
            let seq = try store.recordStepStart(
                runID: runID, phase: "undo", stepIndex: index, stepID: steps[index].id)
            let result = undoCatchingErrors(steps[index], inverse)
            try store.recordStepResult(
                runID: runID, seq: seq, outcome: result.label, exitStatus: result.exitStatus)
            guard result.isSuccess else { return "\(inverse.title): \(result.label)" }
        }
        return nil
    }

    /// Runs one inverse; undoing the configure steps first puts the old compose file back.
    private func undoCatchingErrors(_ step: Step, _ inverse: StepInverse) -> StepResult {
        do {
            if step.kind == .configure, let compose, isComposeWritten {
                try ComposeFollower.restore(compose.record)
                isComposeWritten = false
                log.note("restored \(compose.record.path) from \(compose.record.backupPath)")
            }
            return try runCommands(inverse.commands)
        } catch {
            log.note("error: \(error)")
            return .error("\(error)")
        }
    }

    /// The steps that began in this run, in this process or one before a resume.
    func ranIndices() throws -> [Int] {
        Set(try store.runSteps(runID).filter { $0.phase == "forward" }.map(\.stepIndex)).sorted()
    }
}
