/// The `changes:` list: each item is a mapping with exactly one operation key.
extension ReadContext {
    /// The operation names a migration file may use, in documentation order.
    static let operationNames = [
        "set_image", "remove_environment", "set_environment", "revoke_secret", "grant_secret",
        "remove_dependency", "add_dependency", "scale_connections", "set_connections",
        "set_max_connections", "remove_service", "add_route_host",
    ]

    mutating func readOperation(_ node: YAMLNode) -> MigrationOperation? {
        guard let pairs = node.mapping, pairs.count == 1, let name = pairs[0].key.scalar else {
            diagnostics.append(
                .error(
                    "migration-operation",
                    "each change must be a mapping with exactly one operation",
                    at: node.start,
                    note: "operations: \(Self.operationNames.joined(separator: ", "))"))
            return nil
        }
        guard Self.operationNames.contains(name) else {
            diagnostics.append(
                .error(
                    "migration-operation", "unknown operation '\(name)'", at: pairs[0].key.start,
                    note: "operations: \(Self.operationNames.joined(separator: ", "))"))
            return nil
        }
        let body = pairs[0].value
        var fields = FieldReader(body, context: "'\(name)'")
        let action = readAction(name, &fields)
        diagnostics += fields.finish()
        return action.map { MigrationOperation($0, at: pairs[0].key.start) }
    }

    private mutating func readAction(_ name: String, _ fields: inout FieldReader)
        -> MigrationOperation.Action?
    {
        switch name {
        case "set_image":
            let services = fields.strings("services")
            let tag = fields.string("tag", required: false)
            let image = fields.string("image", required: false)
            if (tag == nil) == (image == nil) {
                fields.fail("'set_image' needs exactly one of 'tag' and 'image'", at: fields.node)
            }
            if let tag, !ImageReference.isValidTag(tag) {
                fields.fail(
                    "'tag' \"\(tag)\" is not an image tag (letters, digits, '_', '.', '-', "
                        + "at most 128, not starting with '.' or '-')", at: fields.node["tag"])
            }
            if let image, !ImageReference.isValidReference(image) {
                fields.fail(
                    "'image' \"\(image)\" is not an image reference", at: fields.node["image"])
            }
            return services.map { .setImage(services: $0, tag: tag, image: image) }
        case "remove_environment":
            guard let services = fields.strings("services"), let keys = fields.strings("keys")
            else { return nil }
            return .removeEnvironment(services: services, patterns: keys)
        case "set_environment":
            guard let services = fields.strings("services"), let key = fields.string("key"),
                let value = fields.string("value")
            else { return nil }
            let nameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"
            guard let first = key.first, first.isLetter || first == "_",
                key.allSatisfy({ nameCharacters.contains($0) })
            else {
                fields.fail(
                    "'set_environment' key '\(key)' is not a variable name "
                        + "(letters, digits, '_', '.' and '-', not starting with a digit)",
                    at: fields.node["key"])
                return nil
            }
            // A migration is committed and copied into plans: it names secrets, never holds them.
            if EnvironmentValue.classify(key: key, value: value) == .redacted
                || Credentials.strip(value) != nil
            {
                fields.fail(
                    "'set_environment' may not carry a secret value for '\(key)'; use a secret",
                    at: fields.node)
                return nil
            }
            return .setEnvironment(services: services, name: key, value: value)
        case "revoke_secret", "grant_secret":
            guard let services = fields.strings("services"), let secret = fields.string("secret")
            else { return nil }
            return name == "revoke_secret"
                ? .revokeSecret(services: services, secret: secret)
                : .grantSecret(services: services, secret: secret)
        case "remove_dependency":
            guard let services = fields.strings("services"), let target = fields.string("on") else {
                return nil
            }
            return .removeDependency(services: services, target: target)
        case "add_dependency":
            guard let services = fields.strings("services"), let target = fields.string("on") else {
                return nil
            }
            let condition = fields.string("condition", required: false)
            let conditions = [
                "service_started", "service_healthy", "service_completed_successfully",
            ]
            if let condition, !conditions.contains(condition) {
                fields.fail(
                    "'condition' must be one of \(conditions.joined(separator: ", ")), not '\(condition)'",
                    at: fields.node["condition"])
                return nil
            }
            return .addDependency(services: services, target: target, condition: condition)
        default:
            return readConnectionAction(name, &fields)
        }
    }

    private mutating func readConnectionAction(_ name: String, _ fields: inout FieldReader)
        -> MigrationOperation.Action?
    {
        switch name {
        case "scale_connections":
            guard let clients = fields.strings("clients"), let database = fields.string("database"),
                let factor = fields.double("factor")
            else { return nil }
            guard factor > 0, factor <= 1000 else {
                fields.fail(
                    "'factor' must be greater than 0 and at most 1000", at: fields.node["factor"])
                return nil
            }
            return .scaleConnections(clients: clients, database: database, factor: factor)
        case "set_connections":
            guard let clients = fields.strings("clients"), let database = fields.string("database"),
                let expected = fields.int("expected", in: 0...InfraplanExtensionReader.largestCount)
            else { return nil }
            return .setConnections(clients: clients, database: database, expected: expected)
        case "set_max_connections":
            guard let database = fields.string("database"),
                let value = fields.int("value", in: 1...InfraplanExtensionReader.largestCount)
            else { return nil }
            return .setMaxConnections(database: database, value: value)
        case "remove_service":
            return fields.string("service").map { .removeService(service: $0) }
        case "add_route_host":
            guard let router = fields.string("router"), let host = fields.string("host") else {
                return nil
            }
            return .addRouteHost(router: router, host: host)
        default:
            preconditionFailure("operation '\(name)' is listed in operationNames but not read")
        }
    }
}
