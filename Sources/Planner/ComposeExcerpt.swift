/// The part of a compose file that a plan changes, as YAML before and after.
///
/// Both sides hold only the keys that differ, under their parents
/// (`services:`, the service, `environment:`), so that a reviewer sees the
/// edit and nothing else. A key present on one side only shows on the other as
/// a comment (`# AUTHENTIK_REDIS__HOST: removed`), so the two sides line up.
public struct ComposeExcerpt: Equatable, Sendable {
    /// YAML lines of the definition before the change.
    public var before: [String]
    /// YAML lines of the definition after the change.
    public var after: [String]

    /// A compose definition as a tree: a key's lines, or a mapping of keys in file order.
    indirect enum Tree: Equatable {
        /// The lines of one key and its value, the key included (`image: redis:7`).
        case value([String])
        /// A mapping; its children keep the order a compose file writes them in.
        case map([(key: String, tree: Tree)])

        static func == (lhs: Tree, rhs: Tree) -> Bool {
            switch (lhs, rhs) {
            case let (.value(a), .value(b)): return a == b
            case let (.map(a), .map(b)):
                return a.map(\.key) == b.map(\.key) && zip(a, b).allSatisfy { $0.tree == $1.tree }
            default: return false
            }
        }
    }

    /// One difference: a key whose lines differ, or a mapping holding differences.
    indirect enum Node: Equatable {
        /// `nil` on the side where the key is absent.
        case leaf(key: String, before: [String]?, after: [String]?)
        case group(key: String, children: [Node])
    }

    /// The excerpt of what differs between two trees; nil when nothing does.
    static func make(_ before: Tree?, _ after: Tree?) -> ComposeExcerpt? {
        let nodes = children(before, after)
        guard !nodes.isEmpty else { return nil }
        return ComposeExcerpt(
            before: lines(nodes, isBefore: true, indent: ""),
            after: lines(nodes, isBefore: false, indent: ""))
    }

    /// The differences between the children of two mappings, in file order.
    static func children(_ before: Tree?, _ after: Tree?) -> [Node] {
        let left = entries(before)
        let right = entries(after)
        var keys = left.map(\.key)
        keys += right.map(\.key).filter { !keys.contains($0) }
        return keys.compactMap { key in
            diff(key, left.first { $0.key == key }?.tree, right.first { $0.key == key }?.tree)
        }
    }

    /// The difference at one key; nil when both sides are the same.
    static func diff(_ key: String, _ before: Tree?, _ after: Tree?) -> Node? {
        if case .map? = before, case .map? = after {
            let nested = children(before, after)
            return nested.isEmpty ? nil : .group(key: key, children: nested)
        }
        let left = before.map { render(key, $0) }
        let right = after.map { render(key, $0) }
        return left == right ? nil : .leaf(key: key, before: left, after: right)
    }

    /// The full lines of a tree under `key`.
    static func render(_ key: String, _ tree: Tree) -> [String] {
        switch tree {
        case .value(let lines):
            return lines
        case .map(let children) where children.isEmpty:
            return ["\(key): {}"]
        case .map(let children):
            return ["\(key):"] + children.flatMap { render($0.key, $0.tree) }.map { "  " + $0 }
        }
    }

    private static func entries(_ tree: Tree?) -> [(key: String, tree: Tree)] {
        guard case .map(let children)? = tree else { return [] }
        return children
    }

    /// One side of the differences, indented; an absent key becomes a comment.
    private static func lines(_ nodes: [Node], isBefore: Bool, indent: String) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case let .leaf(key, before, after):
                let absent = "# \(key): \(isBefore ? "not set" : "removed")"
                return ((isBefore ? before : after) ?? [absent]).map { indent + $0 }
            case let .group(key, children):
                return [indent + "\(key):"]
                    + lines(children, isBefore: isBefore, indent: indent + "  ")
            }
        }
    }
}
