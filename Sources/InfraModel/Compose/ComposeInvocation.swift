import Foundation

/// The arguments `docker compose` needs, run in the project folder, to read a
/// project as an import read it.
///
/// Without them the commands of a plan would act on another project: run in
/// `/srv/stack`, `docker compose pull erpnext_backend` reads `compose.yml`
/// only, not `erpnext.yml` imported beside it; a project named with `-p`
/// would be looked for under its folder's name; services of the profiles
/// the import switched on would be unknown.
public enum ComposeInvocation {
    /// The file names `docker compose` reads by itself.
    static let defaultFiles: Set<String> = [
        "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml",
    ]

    /// `-f` for each file unless the one file is a default name; `-p` when the
    /// name came from `-p` or `COMPOSE_PROJECT_NAME`; `--profile` for each
    /// profile an active service needs; `--env-file` for each env file given.
    /// Paths are relative to the project folder (the first file's folder)
    /// when they lie inside it.
    public static func arguments(for request: ComposeImportRequest, model: StackModel) -> [String] {
        guard let first = request.files.first else { return [] }
        let here = FileManager.default.currentDirectoryPath
        let folder = FilePath.directory(of: FilePath.resolve(first, against: here))
        func relative(_ path: String) -> String {
            let full = FilePath.resolve(path, against: here)
            let prefix = folder == "/" ? "/" : folder + "/"
            return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
        }
        var arguments: [String] = []
        if request.files.count > 1 || !defaultFiles.contains(FilePath.baseName(of: first)) {
            for file in request.files { arguments += ["-f", relative(file)] }
        }
        let named = request.projectName ?? request.environment["COMPOSE_PROJECT_NAME"]
        if let named, !named.isEmpty { arguments += ["-p", model.project] }
        let profiles = Set(model.services.filter(\.isActive).flatMap(\.profiles)).sorted()
        for profile in profiles { arguments += ["--profile", profile] }
        for file in request.envFiles { arguments += ["--env-file", relative(file)] }
        return arguments
    }
}
