import InfraModel
import Planner

/// `infraplan show [VERSION]`: one version of the model.
enum ShowCommand {
    struct ServiceSummary: Encodable {
        var name: String
        var active: Bool
        var image: String?
        var profiles: [String]
        var source: String?
    }

    struct Document: Encodable {
        var formatVersion = 1
        var version: VersionRecord
        var services: [ServiceSummary]
        var model: StackModel

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version"
            case version, services, model
        }
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let upgrade = try context.upgrade(.read)
        let label =
            try context.arguments.positionals.first ?? upgrade.store.requireCurrentVersion().label
        let (model, stored) = try upgrade.readableModel(label)
        let record = stored ?? pending(label, model, upgrade.catalog)
        if context.wantsJSON {
            let services = model.services.map {
                ServiceSummary(
                    name: $0.name, active: $0.isActive, image: $0.image?.description,
                    profiles: $0.profiles, source: $0.source)
            }
            try context.printJSON(Document(version: record, services: services, model: model))
            return .success
        }
        context.terminal.out(
            ModelRenderer(style: context.terminal.outputStyle).render(model, record: record))
        return .success
    }

    /// The record of a version a migration would make but nothing applied yet:
    /// it has no creation time, which is how `show` says it is not applied.
    private static func pending(_ label: String, _ model: StackModel, _ catalog: MigrationCatalog)
        -> VersionRecord
    {
        VersionRecord(
            label: label, project: model.project, createdAt: "", originKind: .migration,
            originPath: catalog.path(for: label) ?? "", originSHA256: "")
    }
}
