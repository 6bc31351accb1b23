import InfraModel
import Testing

@testable import Planner

/// Removing a service: its named volume stays unless the request asks, and
/// then it is archived first and the rollback brings the archive back.
@Suite struct PlannerRemovalTests {
    static func stack(withDatabase: Bool) -> StackModel {
        var model = StackModel(project: "shop")
        model.services.insert(Service(name: "app", image: ImageReference(parsing: "example/app:1")))
        guard withDatabase else { return model }
        model.services.insert(
            Service(
                name: "db", image: ImageReference(parsing: "postgres:16"),
                volumes: ["pgdata:/var/lib/postgresql/data"]))
        model.volumes.insert(Volume(name: "pgdata"))
        return model
    }

    func plan(removingVolumes: Bool) throws -> Plan {
        try Planner.makePlan(
            PlanRequest(
                fromLabel: "1", from: Self.stack(withDatabase: true), toLabel: "2",
                to: Self.stack(withDatabase: false), removesUnusedVolumes: removingVolumes))
    }

    @Test func theVolumeIsKeptByDefaultAndThePlanSaysSo() throws {
        let plan = try plan(removingVolumes: false)
        #expect(
            try plan.step("remove:db").details.contains {
                $0.hasPrefix("named volume pgdata is kept; `docker volume rm shop_pgdata`")
            })
        #expect(
            try plan.step("remove:volume:pgdata").details.contains {
                $0.hasPrefix("the volume's data is kept")
            })
        #expect(!plan.allCommands.contains("docker volume rm shop_pgdata"))
        #expect(try plan.position("stop:db") < plan.position("remove:db"))
    }

    @Test func askedForItTheVolumeIsArchivedThenDeletedAndTheRollbackRestoresIt() throws {
        let plan = try plan(removingVolumes: true)
        let removal = try plan.step("remove:volume:pgdata")
        #expect(removal.isIrreversible && removal.commands.contains("docker volume rm shop_pgdata"))
        #expect(removal.inverse?.restoresBackup == "backup:volume:pgdata")
        #expect(try plan.position("stop:db") < plan.position("backup:volume:pgdata"))
        #expect(try plan.position("backup:volume:pgdata") < plan.position("remove:volume:pgdata"))
        let undo = try plan.rollback[plan.rollbackPosition("undo:remove:volume:pgdata")]
        #expect(undo.commands.first == "docker volume create shop_pgdata")
        #expect(undo.commands.contains { $0.contains("tar xzf /backup/volume-pgdata-1.tar.gz") })
    }
}
