import Foundation

/// Reads Compose files into document trees: parse, interpolate, paths, `include`, `extends`.
///
/// One loader serves one import. It records every file it reads (with its
/// SHA-256) and every problem it meets; a file that cannot be read or parsed
/// yields nil and its diagnostics, and the caller stops before merging.
struct ComposeLoader {
    var diagnostics = ComposeDiagnostics()
    /// Files read so far: path as the user would write it → SHA-256 of its bytes.
    private(set) var inputs: [String: String] = [:]
    /// Where a scalar held a `$` reference, so its value is an interpolated one.
    var substitutedLocations: Set<SourceLocation> = []
    /// Documents read for `extends: {file:}`, by normalised path.
    private var extendedDocuments: [String: ComposeNode] = [:]

    func cachedExtendedDocument(_ key: String) -> ComposeNode? { extendedDocuments[key] }

    mutating func cacheExtendedDocument(_ document: ComposeNode, _ key: String) {
        extendedDocuments[key] = document
    }

    /// Reads a file's bytes, recording it as an input; reports and returns nil when unreadable.
    mutating func read(_ path: String, referencedAt location: SourceLocation?) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason =
                FileSystem.exists(path) ? "permission denied or not a file" : "no such file"
            diagnostics.report(.unreadableFile(path: path, reason: reason), at: location)
            return nil
        }
        let bytes = [UInt8](data)
        inputs[path] = Checksum.sha256(bytes)
        return bytes
    }

    /// Reads, interpolates and resolves one Compose file, with its includes and extends applied.
    ///
    /// - Parameters:
    ///   - path: the file, as the user or the including file named it.
    ///   - context: the project the file belongs to.
    ///   - includeChain: the files that include this one, outermost first (cycle detection).
    ///   - location: where the file was named, for a "not found" error.
    mutating func loadDocument(
        _ path: String, context: ProjectContext, includeChain: [String] = [],
        referencedAt location: SourceLocation? = nil
    ) -> ComposeNode? {
        guard let root = parseFile(path, referencedAt: location) else { return nil }
        return resolveDocument(root, file: path, context: context, includeChain: includeChain)
    }

    /// Interpolates and resolves a file `parseFile` read, with its includes and extends applied.
    mutating func resolveDocument(
        _ parsed: ComposeNode, file path: String, context: ProjectContext,
        includeChain: [String] = []
    ) -> ComposeNode {
        var root = ComposeInterpolation.interpolate(
            parsed, with: context.variables, into: &diagnostics,
            substituted: &substitutedLocations)
        root = PathResolver.resolve(root, in: context)
        root = processIncludes(
            root, context: context, chain: includeChain + [FilePath.normalize(path)])
        return resolveExtends(root, file: path, context: context)
    }

    /// Reads and parses `path` into a mapping node; reports and returns nil on any failure.
    mutating func parseFile(_ path: String, referencedAt location: SourceLocation?) -> ComposeNode?
    {
        guard let bytes = read(path, referencedAt: location) else { return nil }
        let yaml: YAMLNode?
        do {
            yaml = try YAMLParser(bytes: bytes, file: path).parse()
        } catch let error as YAMLError {
            diagnostics.report(error.diagnostic)
            return nil
        } catch {
            diagnostics.report(.unreadableFile(path: path, reason: "\(error)"), at: location)
            return nil
        }
        guard let yaml else {
            diagnostics.report(
                .emptyFile(path: path), at: SourceLocation(file: path, line: 1, column: 1))
            return nil
        }
        let unknownTags = Self.unknownTags(in: yaml)
        for (tag, location) in unknownTags {
            diagnostics.report(.unknownTag(tag: tag), at: location)
        }
        guard unknownTags.isEmpty else { return nil }
        let root = ComposeNode(yaml: yaml)
        guard root.entries != nil else {
            diagnostics.report(
                .notAMapping(what: "compose file \(path)", found: root.kindName), at: root.location)
            return nil
        }
        if let version = root.entry("version") {
            diagnostics.report(.obsoleteVersion, at: version.keyLocation)
        }
        return root
    }
}

extension ComposeLoader {
    /// The YAML tags Compose gives a meaning to, besides the standard ones.
    static let composeTags: Set<String> = ["!reset", "!override"]

    /// The standard tags (`!!str`, `!!int`…) of YAML 1.1 and 1.2, as libyaml expands them.
    static let standardTags: Set<String> = Set(
        ["str", "int", "float", "bool", "null", "map", "seq", "binary", "timestamp", "merge"].map {
            "tag:yaml.org,2002:" + $0
        })

    /// Every tag in `root` that is neither Compose's nor standard, with where it is written.
    ///
    /// compose-go reads a value under a tag it does not know as if it had none; infraplan
    /// refuses it instead, since it cannot know what the file's author meant by it. The
    /// non-specific tag `!` (a plain string) is standard.
    static func unknownTags(in root: YAMLNode) -> [(String, SourceLocation)] {
        var found: [(String, SourceLocation)] = []
        var pending = [root]
        while let node = pending.popLast() {
            if let tag = node.tag, tag != "!", !composeTags.contains(tag),
                !standardTags.contains(tag)
            {
                found.append((tag, node.start))
            }
            switch node.content {
            case .scalar: break
            case .sequence(let items): pending += items
            case .mapping(let pairs): pending += pairs.flatMap { [$0.key, $0.value] }
            }
        }
        return found.sorted { $0.1 < $1.1 }
    }

    /// Loads every `include:` entry as a project of its own and adds its resources to `root`.
    mutating func processIncludes(_ root: ComposeNode, context: ProjectContext, chain: [String])
        -> ComposeNode
    {
        guard let include = root.entry("include") else { return root }
        var result = root
        result.removeValue(forKey: "include")
        guard let items = include.value.items else {
            diagnostics.report(
                .wrongType(path: "include", expected: "a list", found: include.value.kindName),
                at: include.value.location)
            return result
        }
        for item in items {
            guard
                let spec = IncludeSpec(item, against: context.directory, diagnostics: &diagnostics)
            else {
                continue
            }
            guard let included = loadIncluded(spec, parent: context, chain: chain) else { continue }
            result = addIncludedResources(included, to: result, from: spec.paths[0].path)
        }
        return result
    }

    /// Loads the files of one include entry, merged in order, as their own project.
    mutating func loadIncluded(_ spec: IncludeSpec, parent: ProjectContext, chain: [String])
        -> ComposeNode?
    {
        var merged: ComposeNode?
        let context = includedContext(spec, parent: parent)
        for (path, location) in spec.paths {
            if chain.contains(FilePath.normalize(path)) {
                diagnostics.report(.includeCycle(path: path), at: location)
                return nil
            }
            guard FileSystem.isFile(path) else {
                diagnostics.report(.includeMissing(path: path), at: location)
                return nil
            }
            guard
                let document = loadDocument(
                    path, context: context, includeChain: chain, referencedAt: location)
            else { return nil }
            merged = merged.map { ComposeMerger.mergeDocuments($0, document) } ?? document
        }
        return merged
    }

    /// The included project's context: its own folder and env files; the parent's variables win.
    ///
    /// The env files are read in order, each over the ones before it; a file's `${VAR}` sees
    /// the parent's variables first, then what the earlier files defined.
    mutating func includedContext(_ spec: IncludeSpec, parent: ProjectContext) -> ProjectContext {
        let directory = spec.projectDirectory ?? FilePath.directory(of: spec.paths[0].path)
        var envFiles = spec.envFiles
        let defaultEnv = FilePath.resolve(".env", against: directory)
        if envFiles.isEmpty, FileSystem.isFile(defaultEnv) {
            envFiles = [(defaultEnv, spec.location)]
        }
        var variables: [String: String] = [:]
        for (path, location) in envFiles {
            let lookup = variables.merging(parent.variables) { $1 }
            let entries = readEnvFile(path, lookup: lookup, referencedAt: location) ?? []
            for entry in entries { variables[entry.key] = entry.value }
        }
        return ProjectContext(
            directory: directory, variables: variables.merging(parent.variables) { $1 },
            modelDirectory: parent.modelDirectory)
    }

    /// Adds services, networks, volumes, secrets and configs of an included project to `root`.
    mutating func addIncludedResources(
        _ included: ComposeNode, to root: ComposeNode, from file: String
    ) -> ComposeNode {
        var result = root
        for kind in ["services", "networks", "volumes", "secrets", "configs"] {
            guard let entries = included[kind]?.entries else { continue }
            if result[kind] == nil {
                let location = included.entry(kind)?.keyLocation ?? included.location
                result.setValue(
                    ComposeNode(.mapping([]), at: location), forKey: kind, keyLocation: location)
            }
            for entry in entries {
                addIncluded(entry, kind: kind, to: &result, from: file)
            }
        }
        return result
    }

    private mutating func addIncluded(
        _ entry: ComposeEntry, kind: String, to root: inout ComposeNode, from file: String
    ) {
        if root[kind]?[entry.key] != nil {
            if kind == "services" {
                diagnostics.report(
                    .includeConflict(kind: "service", name: entry.key, file: file),
                    at: entry.keyLocation)
            }
            return
        }
        root.modify(kind) {
            $0.setValue(entry.value, forKey: entry.key, keyLocation: entry.keyLocation)
        }
    }

    /// Reads an env file for interpolation or a service; reports syntax errors at their line.
    mutating func readEnvFile(
        _ path: String, lookup: [String: String], referencedAt location: SourceLocation?,
        format: DotEnvParser.Format = .dotenv
    ) -> [DotEnvParser.Entry]? {
        guard let bytes = read(path, referencedAt: location) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            return try DotEnvParser(text: text, lookup: lookup, format: format).parse()
        } catch {
            diagnostics.report(
                .envFileSyntax(path: path, message: error.message),
                at: SourceLocation(file: path, line: error.line, column: 1))
            return nil
        }
    }
}
