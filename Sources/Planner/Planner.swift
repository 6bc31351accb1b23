import InfraModel

/// Makes plans: the entry point of the planning library.
public enum Planner {
    /// Diffs the two versions and builds the ordered plan with its rollback.
    ///
    /// The same request always gives the same plan, byte for byte.
    ///
    /// - Throws: `PlanError.cycle` when the steps cannot be ordered.
    public static func makePlan(_ request: PlanRequest) throws -> Plan {
        var builder = PlanBuilder(request: request)
        return try builder.build()
    }
}
