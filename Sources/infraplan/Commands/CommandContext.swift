import Foundation
import InfraModel
import Planner

/// What every command gets: its arguments, where the state is, and the terminal.
struct CommandContext {
    let arguments: ParsedArguments
    let terminal: Terminal
    let logger: Logger
    let environment: [String: String]

    var statePath: String {
        arguments.value("state") ?? environment["INFRAPLAN_STATE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "state.db"
    }

    var migrationsDirectory: String { arguments.value("migrations") ?? "Migrations" }

    /// Refuses a `--migrations DIR` that does not exist or is not a folder; the
    /// default folder may be missing (a stack planned from imports only needs none).
    func checkMigrationsFolder() throws {
        guard let given = arguments.value("migrations") else { return }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: given, isDirectory: &isFolder) else {
            throw FileAccessError.noSuchMigrationsFolder(given)
        }
        guard isFolder.boolValue else { throw FileAccessError.migrationsNotAFolder(given) }
    }

    var wantsJSON: Bool { arguments.flag("json") }

    /// Opens the state for what the command does with it; only `import` creates it.
    func openStore(_ access: ModelStore.Access) throws -> ModelStore {
        let store = try ModelStore(path: statePath, access: access)
        #if DEBUG
            // The crash tests' hook (`ModelStore.testPauseMilliseconds`); not in release builds.
            if let pause = environment["INFRAPLAN_TEST_PAUSE_MS"].flatMap(Int.init) {
                store.testPauseMilliseconds = pause
            }
        #endif
        return store
    }

    /// The command line as typed, recorded with the lock so a second writer can name it.
    var commandLine: String {
        (["infraplan"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
    }

    /// The state and the migrations, for commands that plan, apply or roll back.
    func upgrade(_ access: ModelStore.Access) throws -> Upgrade {
        Upgrade(
            store: try openStore(access), catalog: MigrationCatalog(directory: migrationsDirectory))
    }

    /// Prints a value as indented JSON with a trailing newline.
    func printJSON<T: Encodable>(_ value: T) throws {
        terminal.out(try JSONCoding.encodePretty(value) + "\n")
    }
}
