/// The lock a writer holds on the state for the length of an apply, a
/// rollback or a runbook run.
///
/// It is a row of the `locks` table, written in its own transaction, so a
/// second infraplan sees who holds it and since when. A holder killed before
/// it could release the lock leaves the row behind; the row's process
/// identity tells such a stale lock from a live one.
public struct StateLock: Codable, Equatable, Sendable {
    /// A random id; `infraplan unlock ID` must name it.
    public var id: String
    public var holder: ProcessIdentity
    /// The command line that took the lock (`infraplan apply --execute`).
    public var command: String
    /// ISO 8601 UTC.
    public var acquiredAt: String
    /// The runbook run the holder carries out, if any; `apply --resume` may
    /// take over a stale lock of the run it resumes.
    public var runID: String?

    public init(
        id: String, holder: ProcessIdentity, command: String, acquiredAt: String, runID: String?
    ) {
        self.id = id
        self.holder = holder
        self.command = command
        self.acquiredAt = acquiredAt
        self.runID = runID
    }

    /// True when the holder is gone (same host, process no longer running).
    public var isStale: Bool { holder.isAlive == false }

    /// `'infraplan apply' (pid 4242 on host ops1, since 2025-10-02T08:00:00Z, lock id 1a2b…)`.
    public var holderDescription: String {
        "'\(command)' (pid \(holder.pid) on host \(holder.host), since \(acquiredAt), "
            + "lock id \(id))"
    }
}
