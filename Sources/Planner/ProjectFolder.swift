import Foundation
import InfraModel

/// Where a version's relative paths resolve, as this run of infraplan finds it.
///
/// A model records a secret's file as the project knows it, relative to the
/// project folder (`./secrets/db.txt`), and not the folder itself, so that the
/// model does not change with the place it was imported from. The folder comes
/// from the version's record instead: the folder of the first compose file of
/// the import the version descends from, named as it was then — relative to
/// the working folder of that import, like every path infraplan records. So
/// infraplan looks for that compose file from where it runs, and takes the
/// folder only when the file is there: a bare `compose.yml` would otherwise
/// make any working folder the project folder.
public enum ProjectFolder: Equatable, Sendable {
    /// The version's compose file is there; relative paths resolve against this folder.
    case found(String)
    /// The version's compose file is not at this path from the working folder.
    case notFound(composeFile: String)

    /// The project folder of an imported version.
    ///
    /// - Parameter record: a version whose `originKind` is `.import`.
    public static func locate(_ record: VersionRecord) -> ProjectFolder {
        containing(firstComposeFile(of: record))
    }

    /// The folder of `composeFile`, when that file is there.
    public static func containing(_ composeFile: String) -> ProjectFolder {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: composeFile, isDirectory: &isDirectory),
            !isDirectory.boolValue
        else { return .notFound(composeFile: composeFile) }
        guard let slash = composeFile.lastIndex(of: "/") else { return .found(".") }
        let folder = String(composeFile[..<slash])
        return .found(folder.isEmpty ? "/" : folder)
    }

    /// The first file of an import, the one whose folder is the project folder.
    ///
    /// `originPath` joins the imported files with spaces, and a path may hold a
    /// space itself; the inputs name every file read exactly, so the longest
    /// input that `originPath` starts with, followed by a space or nothing, is it.
    static func firstComposeFile(of record: VersionRecord) -> String {
        let origin = record.originPath
        let candidates = record.inputs.map(\.path).filter {
            origin == $0 || origin.hasPrefix($0 + " ")
        }
        return candidates.max { $0.count < $1.count }
            ?? String(origin.split(separator: " ").first ?? Substring(origin))
    }

    /// `path` as the file system reaches it: absolute paths as they are, others in the folder.
    func resolve(_ path: String) -> String? {
        guard case .found(let folder) = self else { return nil }
        return path.hasPrefix("/") || folder == "." ? path : folder + "/" + path
    }
}
