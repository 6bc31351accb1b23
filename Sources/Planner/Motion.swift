/// How a service's containers move during a plan.
///
/// A service is recreated in one step (`restart`) unless something it needs
/// stops or restarts too; then it is split into a stop before that and a
/// start after it (`stopThenStart`), so that no dependent runs while what it
/// depends on is down, and so that the rollback (the same steps undone in
/// reverse order) stops and starts them in the right order as well.
enum Motion: Equatable, Sendable {
    /// Started: new, switched on by its profiles.
    case start
    /// Stopped for good: removed, or switched off by its profiles.
    case stop
    /// Recreated with its new definition in one step.
    case restart
    /// Stopped before what it needs moves, started again after it.
    case stopThenStart

    /// True when the service's container is stopped at some point.
    var stops: Bool { self != .start }

    /// True when the service runs at the end of the plan.
    var starts: Bool { self != .stop }
}
