import Foundation

/// Lexical operations on file paths, keeping relative paths relative.
///
/// Compose resolves a relative path against the folder of the file that wrote
/// it (or the project folder); infraplan does the same without touching the
/// disk, so that messages and the model show paths the way the user wrote
/// them: `docker/.env`, not `/home/me/stack/docker/.env`.
enum FilePath {
    /// The folder part of `path`: `a/b` for `a/b/c.yml`, `.` for `c.yml`, `/` for `/c.yml`.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// The last component of `path`.
    static func baseName(of path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    }

    /// `path` resolved against `directory` unless it is absolute; `~` is the home folder.
    static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") { return normalize(path) }
        if path == "~" || path.hasPrefix("~/") {
            let home = ProcessInfo.processInfo.environment["HOME"] ?? "~"
            return normalize(home + path.dropFirst())
        }
        return normalize(directory == "." ? path : directory + "/" + path)
    }

    /// Removes `.` components, folds `x/..`, and drops repeated slashes.
    static func normalize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !isAbsolute {
                    parts.append("..")
                }
            default: parts.append(String(part))
            }
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` relative to `directory`: `./rest` inside it, `../rest` beside it.
    ///
    /// Both are taken as resolved the same way (both absolute, or both relative to
    /// one working folder). An absolute `path` outside an absolute `directory` stays
    /// absolute, and so does any `path` that cannot be expressed from `directory`
    /// (one is absolute and the other not, or `directory` climbs out through `..`).
    static func relative(_ path: String, to directory: String) -> String {
        let base = normalize(directory)
        if base == "." { return path.hasPrefix("/") || path.hasPrefix(".") ? path : "./" + path }
        if path.hasPrefix(base + "/") { return "./" + path.dropFirst(base.count + 1) }
        guard base.hasPrefix("/") == path.hasPrefix("/"), !path.hasPrefix("/") else { return path }

        // Climb from `directory` to the deepest folder both share, then down to `path`.
        let from = base.split(separator: "/")
        let to = normalize(path).split(separator: "/")
        let shared = zip(from, to).prefix { $0 == $1 }.count
        guard !from[shared...].contains("..") else { return path }
        let climb = Array(repeating: "..", count: from.count - shared)
        return (climb + to[shared...].map(String.init)).joined(separator: "/")
    }

    /// True for a path (rather than a volume name) in a volume's short syntax.
    static func looksLikePath(_ text: String) -> Bool {
        text.hasPrefix("/") || text.hasPrefix(".") || text.hasPrefix("~")
    }
}
