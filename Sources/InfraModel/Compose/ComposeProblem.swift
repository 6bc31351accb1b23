/// Everything the Compose importer can find wrong with its input, with the facts each needs.
///
/// All message text lives in `message` and `note`, one case each, so that
/// wording stays uniform: lowercase, names in plain words, the remedy after a
/// semicolon. `ComposeDiagnostics` turns a problem and a location into a
/// `Diagnostic` with the case's code and severity.
enum ComposeProblem: Sendable {
    // MARK: Errors: the file cannot be read as Compose reads it.
    case unreadableFile(path: String, reason: String)
    case emptyFile(path: String)
    case unknownTag(tag: String)
    case notAMapping(what: String, found: String)
    case unknownKey(key: String, context: String)
    case wrongType(path: String, expected: String, found: String)
    case invalidValue(path: String, value: String, expected: String)
    case missingKey(path: String, key: String)
    case duplicateItem(path: String, item: String)
    case invalidName(kind: String, name: String)
    case invalidProjectName(name: String, origin: String)
    case nullService(service: String)
    case noImageOrBuild(service: String)
    case undefinedService(service: String, relation: String, target: String, suggestion: String?)
    case inactiveDependency(service: String, target: String, profiles: [String])
    case dependencyCycle(path: [String])
    case undefinedResource(service: String, kind: String, name: String, suggestion: String?)
    case envFileMissing(path: String, services: [String], example: String?)
    case envFileSyntax(path: String, message: String)
    case unknownEnvFileFormat(path: String, format: String)
    case includeMissing(path: String)
    case includeCycle(path: String)
    case includeConflict(kind: String, name: String, file: String)
    case extendsFileMissing(path: String, service: String)
    case extendsUndefined(service: String, target: String, file: String, suggestion: String?)
    case extendsCycle(path: [String])
    case requiredVariable(name: String, message: String)
    case invalidTemplate(template: String)
    case passwordDollar(file: String, key: String, variables: [String])
    case containerNameWithReplicas(service: String, replicas: Int)
    case duplicateContainerName(service: String, name: String, owner: String)
    case invalidHealthcheck(service: String, first: String)
    case networkModeWithNetworks(service: String)
    case invalidVolume(service: String, spec: String, reason: String)
    case invalidRestart(service: String, policy: String)
    case invalidPort(service: String, spec: String, reason: String)
    case secretFileIsDirectory(kind: String, name: String, path: String)
    case resourceSources(kind: String, name: String, given: [String])
    case routerConflict(router: String, services: [String], property: String)
    case routerUndefinedService(router: String, reference: String, suggestion: String?)
    case invalidRule(router: String, reason: String)
    case invalidTraefikPort(service: String, value: String)
    case infraplanUnknownService(path: String, name: String, suggestion: String?)
    case infraplanInvalid(path: String, reason: String)

    // MARK: Warnings: Compose accepts it, but it is likely a mistake.
    case unsetVariable(name: String, context: String)
    case obsoleteVersion
    case obsoleteKey(path: String, remedy: String)
    case unpinnedImage(service: String, image: String, isImplicitLatest: Bool, isStateful: Bool)
    case missingFile(kind: String, name: String, path: String, users: [String])
    case missingBindSource(service: String, path: String)
    case healthcheckMissing(service: String, target: String)
    case undeclaredDependency(service: String, target: String, key: String)
    case duplicateRouteHost(host: String, routers: [String])
    case skippedDependency(service: String, target: String)
    case requiredNeedsNewerCompose(service: String, version: String)
    case dollarInEnvFile(file: String, key: String, variables: [String])
    case implicitLimits(service: String, engine: String, unset: [String], assumed: Int)
    case optionalEnvFileMissing(path: String)
    case sharedImplicitName(name: String, others: [String])
}

extension ComposeProblem {
    /// Errors stop the import; warnings are reported beside the model.
    var severity: Severity {
        switch self {
        case .unsetVariable, .obsoleteVersion, .obsoleteKey, .unpinnedImage, .missingFile,
            .missingBindSource, .healthcheckMissing, .undeclaredDependency, .duplicateRouteHost,
            .skippedDependency, .requiredNeedsNewerCompose, .dollarInEnvFile, .implicitLimits,
            .optionalEnvFileMissing, .sharedImplicitName:
            return .warning
        default:
            return .error
        }
    }

    /// A short stable code for machines and tests.
    var code: String {
        switch self {
        case .unreadableFile: return "unreadable-file"
        case .emptyFile: return "empty-file"
        case .unknownTag: return "unknown-tag"
        case .notAMapping: return "not-a-mapping"
        case .unknownKey: return "unknown-key"
        case .wrongType: return "wrong-type"
        case .invalidValue: return "invalid-value"
        case .missingKey: return "missing-key"
        case .duplicateItem: return "duplicate-item"
        case .invalidName: return "invalid-name"
        case .invalidProjectName: return "invalid-project-name"
        case .nullService: return "null-service"
        case .noImageOrBuild: return "no-image"
        case .undefinedService: return "undefined-service"
        case .inactiveDependency: return "inactive-dependency"
        case .dependencyCycle: return "dependency-cycle"
        case .undefinedResource: return "undefined-resource"
        case .envFileMissing: return "env-file-missing"
        case .envFileSyntax: return "env-file-syntax"
        case .unknownEnvFileFormat: return "env-file-format"
        case .includeMissing: return "include-missing"
        case .includeCycle: return "include-cycle"
        case .includeConflict: return "include-conflict"
        case .extendsFileMissing: return "extends-file-missing"
        case .extendsUndefined: return "extends-undefined"
        case .extendsCycle: return "extends-cycle"
        case .requiredVariable: return "required-variable"
        case .invalidTemplate: return "invalid-interpolation"
        case .passwordDollar: return "password-interpolation"
        case .containerNameWithReplicas: return "container-name-replicas"
        case .duplicateContainerName: return "duplicate-container-name"
        case .invalidHealthcheck: return "invalid-healthcheck"
        case .networkModeWithNetworks: return "network-mode-conflict"
        case .invalidVolume: return "invalid-volume"
        case .invalidRestart: return "invalid-restart"
        case .invalidPort: return "invalid-port"
        case .secretFileIsDirectory: return "secret-file-directory"
        case .resourceSources: return "secret-source"
        case .routerConflict: return "router-conflict"
        case .routerUndefinedService: return "router-undefined-service"
        case .invalidRule: return "invalid-rule"
        case .invalidTraefikPort: return "invalid-traefik-port"
        case .infraplanUnknownService: return "infraplan-unknown-service"
        case .infraplanInvalid: return "infraplan-invalid"
        case .unsetVariable: return "unset-variable"
        case .obsoleteVersion: return "obsolete-version"
        case .obsoleteKey: return "obsolete-key"
        case .unpinnedImage: return "unpinned-image"
        case .missingFile: return "missing-file"
        case .missingBindSource: return "missing-bind-source"
        case .healthcheckMissing: return "healthcheck-missing"
        case .undeclaredDependency: return "undeclared-dependency"
        case .duplicateRouteHost: return "duplicate-route-host"
        case .skippedDependency: return "skipped-dependency"
        case .requiredNeedsNewerCompose: return "compose-version"
        case .dollarInEnvFile: return "env-file-dollar"
        case .implicitLimits: return "implicit-limits"
        case .optionalEnvFileMissing: return "optional-env-file-missing"
        case .sharedImplicitName: return "shared-project-name"
        }
    }
}

extension ComposeProblem {
    /// The one-line message, lowercase, naming the service, key or file.
    var message: String {
        switch self {
        case .unreadableFile(let path, let reason): return "cannot read \(path): \(reason)"
        case .emptyFile(let path): return "compose file \(path) is empty"
        case .unknownTag(let tag):
            return "unknown YAML tag '\(tag)'; compose knows only !reset and !override "
                + "besides YAML's own tags"
        case .notAMapping(let what, let found): return "\(what) must be a mapping, not \(found)"
        case .unknownKey(let key, let context): return "unknown key '\(key)' in \(context)"
        case .wrongType(let path, let expected, let found):
            return "\(path) must be \(expected), not \(found)"
        case .invalidValue(let path, let value, let expected):
            return "\(path) has invalid value '\(value)'; expected \(expected)"
        case .missingKey(let path, let key): return "\(path) must set '\(key)'"
        case .duplicateItem(let path, let item):
            return "\(path) lists '\(item)' more than once; its items must be unique"
        case .invalidName(let kind, let name):
            return "invalid \(kind) name '\(name)'; use only letters, digits, '.', '_' and '-'"
        case .invalidProjectName(let name, let origin):
            return "invalid project name '\(name)' (\(origin)): it must contain only lowercase "
                + "letters, digits, dashes and underscores, and start with a letter or digit"
        case .nullService(let service):
            return "service \(service) is empty (null); a service must be a mapping"
        case .noImageOrBuild(let service): return "service \(service) has neither image nor build"
        case .undefinedService(let service, let relation, let target, _):
            return "service \(service) \(relation) undefined service \(target)"
        case .inactiveDependency(let service, let target, let profiles):
            let gate = profiles.isEmpty ? "" : " (profiles \(profiles.joined(separator: ", ")))"
            return "service \(service) depends on inactive service \(target)\(gate)"
        case .dependencyCycle(let path):
            return "dependency cycle: \(path.joined(separator: " -> "))"
        case .undefinedResource(let service, let kind, let name, _):
            return "service \(service) uses \(kind) \(name), which is not declared"
        case .envFileMissing(let path, let services, _):
            return "env_file \(path) not found (\(services.joined(separator: ", ")))"
        case .envFileSyntax(let path, let message): return "env file \(path): \(message)"
        case .unknownEnvFileFormat(let path, let format):
            return "env_file \(path): unknown format '\(format)'; compose reads only raw "
                + "and its own (no format)"
        case .includeMissing(let path): return "include file \(path) not found"
        case .includeCycle(let path): return "include cycle: \(path) includes itself"
        case .includeConflict(let kind, let name, let file):
            return
                "\(kind) \(name) from included file \(file) conflicts with an existing definition"
        case .extendsFileMissing(let path, let service):
            return "service \(service) extends file \(path), which does not exist"
        case .extendsUndefined(let service, let target, let file, _):
            return "service \(service) extends undefined service \(target) in \(file)"
        case .extendsCycle(let path): return "extends cycle: \(path.joined(separator: " -> "))"
        case .requiredVariable(let name, let message):
            return "required variable \(name) is missing a value: \(message)"
        case .invalidTemplate(let template): return "invalid interpolation format in '\(template)'"
        case .passwordDollar(let file, let key, let variables):
            return "\(file) \(key): '$' interpolates unset variable "
                + "\(variables.joined(separator: ", ")), so the password is not what is written"
        case .containerNameWithReplicas(let service, let replicas):
            return "service \(service) sets container_name with \(replicas) replicas; "
                + "container names must be unique"
        case .duplicateContainerName(let service, let name, let owner):
            return "service \(service) sets container_name \(name), which service \(owner) "
                + "already uses; container names must be unique"
        case .invalidHealthcheck(let service, let first):
            return "service \(service): healthcheck.test must start with CMD, CMD-SHELL or NONE, "
                + "not '\(first)'"
        case .networkModeWithNetworks(let service):
            return
                "service \(service) sets both network_mode and networks, which exclude each other"
        case .invalidVolume(let service, let spec, let reason):
            return "service \(service) has invalid volume '\(spec)': \(reason)"
        case .invalidPort(let service, let spec, let reason):
            return "service \(service) has invalid port '\(spec)': \(reason)"
        case .invalidRestart(let service, let policy):
            return "service \(service): restart '\(policy)' is not a restart policy; "
                + "use no, always, on-failure[:N] or unless-stopped"
        case .secretFileIsDirectory(let kind, let name, let path):
            return "\(kind) \(name): file \(path) is a directory"
        case .resourceSources(let kind, let name, let given):
            let sources =
                kind == "config"
                ? "file, environment, content or external" : "file, environment or external"
            guard !given.isEmpty else {
                return "\(kind) \(name) has no source; set one of \(sources)"
            }
            return "\(kind) \(name) sets \(given.joined(separator: " and ")); "
                + "set only one of \(sources)"
        case .routerConflict(let router, let services, let property):
            return "traefik router \(router) defined by \(services.joined(separator: " and ")) "
                + "with different \(property)"
        case .routerUndefinedService(let router, let reference, _):
            return "router \(router) references traefik service \(reference), which nothing defines"
        case .invalidRule(let router, let reason): return "traefik router \(router): \(reason)"
        case .invalidTraefikPort(let service, let value):
            return "traefik service \(service): loadbalancer.server.port '\(value)' is not a port "
                + "from 1 to 65535"
        case .infraplanUnknownService(let path, let name, _):
            return "\(path) names \(name), which is not a service of the file"
        case .infraplanInvalid(let path, let reason): return "\(path): \(reason)"
        default: return warningMessage
        }
    }

    private var warningMessage: String {
        switch self {
        case .unsetVariable(let name, let context):
            return "variable \(name) is not set (\(context)); using an empty string"
        case .obsoleteVersion:
            return "the top-level 'version' is obsolete; compose ignores it"
        case .obsoleteKey(let path, let remedy): return "\(path) is obsolete; \(remedy)"
        case .unpinnedImage(let service, let image, let isImplicit, let isStateful):
            let kind = isImplicit ? "implicit latest" : "latest"
            let stateful =
                isStateful ? "stateful service \(service) (has volume)" : "service \(service)"
            return "unpinned image \(image) (\(kind)) on \(stateful)"
        case .missingFile(let kind, let name, let path, let users):
            let usedBy = users.isEmpty ? "" : " (used by \(users.joined(separator: ", ")))"
            return "\(kind) \(name): file \(path) not found\(usedBy)"
        case .missingBindSource(let service, let path):
            return "service \(service): bind source \(path) does not exist"
        case .healthcheckMissing(let service, let target):
            return "service \(service) waits for \(target) to be healthy, "
                + "but \(target) has no healthcheck in the file"
        case .undeclaredDependency(let service, let target, let key):
            return "undeclared dependency: service \(service) reaches \(target) through \(key) "
                + "but does not list it in depends_on"
        case .duplicateRouteHost(let host, let routers):
            return "duplicate Host \(host): routers \(routers.joined(separator: " and ")) "
                + "match it without priority"
        case .skippedDependency(let service, let target):
            return "service \(service) depends on \(target), which is not active; "
                + "the optional dependency is skipped"
        case .requiredNeedsNewerCompose(let service, let version):
            return "depends_on.required needs docker compose >= 2.20 (compose_version is "
                + "\(version)); service \(service)"
        case .dollarInEnvFile(let file, let key, let variables):
            return "\(file) \(key): '$' interpolates unset variable "
                + "\(variables.joined(separator: ", ")) to \"\"; "
                + "effective value differs from literal"
        case .implicitLimits(let service, let engine, let unset, let assumed):
            return "implicit \(engine) limits on \(service): \(unset.joined(separator: " and ")) "
                + "not set (max_connections assumed \(assumed))"
        case .optionalEnvFileMissing(let path):
            return "optional env_file \(path) not found; skipped"
        case .sharedImplicitName(let name, _):
            return "two compose files share implicit project name \"\(name)\"; set name:"
        default: return ""
        }
    }

    /// A follow-up line: a "did you mean" hint or a remedy.
    var note: String? {
        switch self {
        case .undefinedService(_, _, _, let suggestion?),
            .undefinedResource(_, _, _, let suggestion?),
            .extendsUndefined(_, _, _, let suggestion?),
            .infraplanUnknownService(_, _, let suggestion?):
            return "did you mean \(suggestion)?"
        case .routerUndefinedService(_, _, let suggestion?):
            return "did you mean \(suggestion)?"
        case .envFileMissing(_, _, let example?):
            return "\(example) exists; copy it to create the file"
        case .inactiveDependency:
            return "add 'required: false' to the dependency or activate its profile"
        case .invalidName(_, let name) where name.contains("$"):
            return "compose does not interpolate keys, so '$' stays in the name"
        case .passwordDollar:
            return "write '$$' for a literal '$' or single-quote the value"
        case .invalidHealthcheck:
            return "start the list with CMD to run a program or CMD-SHELL to run a shell command"
        case .sharedImplicitName(_, let others):
            return "also in the project folder: \(others.joined(separator: ", ")); run separately, "
                + "either file's '--remove-orphans' removes the other's containers"
        default:
            return nil
        }
    }
}
