/// The result of reading a Compose project: the model, what looked wrong, and what was read.
public struct ComposeImport: Sendable {
    /// Every service (inactive ones marked), with its environment, dependencies,
    /// secrets, routes, databases and connection estimates.
    public var model: StackModel
    /// Findings that did not stop the import, sorted by location; severity `.warning`.
    public var warnings: [Diagnostic]
    /// Every file read — compose files, included and extended files, env files —
    /// with its SHA-256, sorted by path. Secret files are never read.
    public var inputs: [ImportedFile]

    public init(model: StackModel, warnings: [Diagnostic], inputs: [ImportedFile]) {
        self.model = model
        self.warnings = warnings
        self.inputs = inputs
    }
}

/// A file an import read, identified by its content.
public struct ImportedFile: Codable, Equatable, Sendable {
    /// The path as the user gave it or as the file that named it resolves it.
    public var path: String
    /// SHA-256 of the file's bytes, 64 lowercase hexadecimal digits.
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}
