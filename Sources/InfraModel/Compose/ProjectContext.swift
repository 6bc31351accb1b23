/// Where one Compose project's relative paths resolve and which variables it interpolates.
///
/// The files given with `-f` share the context of the first file's folder;
/// an `include`d file gets a context of its own (its folder, its `.env`); a
/// file named by `extends: {file:}` resolves paths against its own folder but
/// interpolates with the including project's variables.
struct ProjectContext: Sendable {
    /// The project folder, as the user's paths spell it (`.` for the current one).
    var directory: String
    /// Variables for interpolation: the process environment over the project's env files,
    /// and `COMPOSE_PROJECT_NAME` unless those set it.
    var variables: [String: String]
    /// The imported project's folder (the first file's), which the model's relative bind
    /// sources are written against; `directory` for the imported project itself.
    var modelDirectory: String

    init(directory: String, variables: [String: String], modelDirectory: String? = nil) {
        self.directory = directory
        self.variables = variables
        self.modelDirectory = modelDirectory ?? directory
    }

    /// The same variables with paths resolving against another folder.
    func relocated(to directory: String) -> ProjectContext {
        ProjectContext(directory: directory, variables: variables, modelDirectory: modelDirectory)
    }
}
