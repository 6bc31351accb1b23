/// The operator answered no to a confirmation: nothing was done; exits 1.
struct CommandCancelled: Error, CustomStringConvertible {
    /// The command that was not carried out.
    var command: String

    var description: String { "\(command) cancelled; nothing changed" }
}
