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
        let store = try context.openStore(.read)
        let record = try context.arguments.positionals.first.map(store.requireVersion) ?? store.requireCurrentVersion()
        let model = try store.model(record.label)
        if context.wantsJSON {
            let services = model.services.map {
                ServiceSummary(name: $0.name, active: $0.isActive, image: $0.image?.description, profiles: $0.profiles, source: $0.source)
            }
            try context.printJSON(Document(version: record, services: services, model: model))
            return .success
        }
        context.terminal.out(ModelRenderer(style: context.terminal.outputStyle).render(model, record: record))
        return .success
    }
}
