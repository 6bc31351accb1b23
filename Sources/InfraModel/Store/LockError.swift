/// Why the state's lock could not be taken or released.
public enum LockError: Error, CustomStringConvertible, Sendable {
    /// Another writer holds the lock and its process runs (or runs elsewhere).
    case held(StateLock)
    /// The holder's process is gone: the lock is stale.
    case stale(StateLock)
    /// `unlock` named an id that is not the lock's.
    case wrongID(given: String, lock: StateLock)
    /// `unlock` was asked to release a lock whose holder still runs.
    case holderAlive(StateLock)
    /// `unlock` found no lock.
    case notLocked

    public var description: String {
        switch self {
        case .held(let lock):
            let remote = lock.holder.isAlive == nil ? " on another host" : ""
            return
                "the state is locked by \(lock.holderDescription)\(remote); wait for it to finish"
        case .stale(let lock):
            let resume =
                lock.runID == nil ? "" : "continue its run with 'infraplan apply --resume', or "
            return
                "the state is locked by \(lock.holderDescription), "
                + "whose process is gone (stale lock); \(resume)check what it left half-done "
                + "('infraplan log'), then run 'infraplan unlock \(lock.id)'"
        case .wrongID(let given, let lock):
            return
                "lock id '\(given)' is not the lock's id; "
                + "the state is locked by \(lock.holderDescription)"
        case .holderAlive(let lock):
            return "the lock is held by \(lock.holderDescription), which is still running; "
                + "wait for it to finish or stop it first"
        case .notLocked:
            return "the state is not locked; nothing to unlock"
        }
    }
}
