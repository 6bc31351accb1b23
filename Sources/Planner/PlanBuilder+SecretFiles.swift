import Foundation
import InfraModel

/// The files the target's secrets come from, checked on disk (field case B15).
///
/// Compose only warns when a secret's file is missing, and then mounts a
/// directory it creates in its place, so a service starts without its secret.
/// The import warns, as Compose does; the plan refuses: a secret that a
/// running service of the target receives from a file needs that file, a
/// regular file, in the project folder. A secret the plan stops using may
/// lack its file: that is only a warning. infraplan never creates the path.
extension PlanBuilder {
    /// A secret of the target that running services receive from a file.
    struct SecretFile {
        var name: String
        /// As the model records it: relative to the project folder, or absolute.
        var path: String
        /// Running services of the target that receive it, sorted.
        var users: [String]
    }

    /// Adds the check after every other step is known: a plan that changes nothing
    /// gets a step only when the target cannot run as it is.
    mutating func addSecretFileCheck() {
        guard let folder = request.toFolder else { return }
        warnAboutDroppedSecretFiles()
        let needed = neededSecretFiles()
        guard !needed.isEmpty else { return }
        let changesNothing = steps.isEmpty
        switch folder {
        case .found:
            addSecretFileStep(needed, in: folder, changesNothing: changesNothing)
        case .notFound(let composeFile) where !changesNothing:
            addManualSecretFileStep(needed, composeFile: composeFile)
        case .notFound:
            break
        }
    }

    /// Every file secret a running service of the target receives, by name.
    func neededSecretFiles() -> [SecretFile] {
        to.secrets.compactMap { secret in
            guard case .file(let path) = secret.origin else { return nil }
            let users = Set(
                (toIndex.grantsBySecret[secret.name] ?? []).map(\.service)
                    .filter(toIndex.isRunning))
            guard !users.isEmpty else { return nil }
            return SecretFile(name: secret.name, path: path, users: users.sorted())
        }
    }

    /// Blocks the plan when a needed file is missing or is a directory; passes otherwise.
    private mutating func addSecretFileStep(
        _ needed: [SecretFile], in folder: ProjectFolder, changesNothing: Bool
    ) {
        let problems = needed.compactMap { file in
            Self.problem(with: file.path, in: folder).map {
                "secret \(file.name): file \(file.path) \($0) "
                    + "(used by \(file.users.joined(separator: ", ")))"
            }
        }
        if problems.isEmpty && changesNothing { return }
        add(
            Step(
                id: "check:secret-files", kind: .check, entity: "secrets",
                title: "secret files of \(request.toLabel)",
                reason: "services of \(request.toLabel) receive secrets from files",
                details: problems.isEmpty
                    ? needed.map { "secret \($0.name): file \($0.path) is in place" } : problems,
                outcome: problems.isEmpty ? .pass : .block))
    }

    /// The project folder is unknown from here: the operator checks the files.
    private mutating func addManualSecretFileStep(_ needed: [SecretFile], composeFile: String) {
        add(
            Step(
                id: "check:secret-files", kind: .manual, entity: "secrets",
                title: "check the secret files of \(request.toLabel) in its project folder: "
                    + "\(composeFile) is not found from here",
                reason: "the project folder of \(request.toLabel) is unknown from here",
                details: needed.map {
                    "secret \($0.name): file \($0.path) "
                        + "(used by \($0.users.joined(separator: ", ")))"
                },
                commands: needed.map { Commands.isRegularFile($0.path) }, outcome: .manual))
    }

    /// Warns about the missing files of secrets the plan stops mounting.
    ///
    /// A secret of the current version that no running service of the target
    /// receives will not be mounted, so its missing file is harmless. A secret no
    /// running service receives before or after was warned about at import.
    private mutating func warnAboutDroppedSecretFiles() {
        let needed = Set(neededSecretFiles().map(\.name))
        for secret in from.secrets where !needed.contains(secret.name) {
            guard case .file(let path) = secret.origin else { continue }
            let isKept = to.secrets.contains(secret.name)
            let wasUsed = (fromIndex.grantsBySecret[secret.name] ?? []).contains {
                fromIndex.isRunning($0.service)
            }
            guard !isKept || wasUsed,
                let folder = isKept ? request.toFolder : request.fromFolder,
                let problem = Self.problem(with: path, in: folder)
            else { continue }
            let fate =
                isKept
                ? "no running service of \(request.toLabel) receives it"
                : "the plan removes the secret"
            warnings.append("secret \(secret.name): file \(path) \(problem); \(fate)")
        }
    }

    /// `not found` or `is a directory` for a secret file, nil when it is a file or
    /// when the folder is not known.
    static func problem(with path: String, in folder: ProjectFolder) -> String? {
        guard let resolved = folder.resolve(path) else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            return "not found"
        }
        return isDirectory.boolValue ? "is a directory" : nil
    }
}
