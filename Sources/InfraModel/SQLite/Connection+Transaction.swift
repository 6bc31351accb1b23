/// Transactions: every write to the state is one of these.
extension Connection {
    /// How a transaction takes its lock.
    public enum TransactionKind: String, Sendable {
        /// Takes the write lock at once, so a writer never fails half-way on
        /// `SQLITE_BUSY` while upgrading a read lock.
        case immediate = "IMMEDIATE"
        /// Takes locks only as statements need them; for readers.
        case deferred = "DEFERRED"
    }

    /// Runs `body` inside a transaction: commits when it returns, rolls back when it throws.
    ///
    /// The first error is rethrown; a failure of the rollback itself never hides
    /// it. SQLite may already have rolled back on some errors (see
    /// https://sqlite.org/lang_transaction.html, "Response To Errors Within A
    /// Transaction"), so the rollback runs only while a transaction is still open.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        do {
            let result = try body()
            try execute("COMMIT TRANSACTION")
            return result
        } catch {
            if !isAutocommit {
                try? execute("ROLLBACK TRANSACTION")
            }
            throw error
        }
    }
}
