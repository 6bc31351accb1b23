/// In-place edits of mapping and sequence nodes, used while resolving and merging.
extension ComposeNode {
    /// Applies `body` to the value of `key`, if the node is a mapping that has it.
    mutating func modify(_ key: String, _ body: (inout ComposeNode) -> Void) {
        guard case .mapping(var entries) = content,
            let index = entries.firstIndex(where: { $0.key == key })
        else { return }
        body(&entries[index].value)
        content = .mapping(entries)
    }

    /// Applies `body` to every value of a mapping, with its key.
    mutating func modifyValues(_ body: (String, inout ComposeNode) -> Void) {
        guard case .mapping(var entries) = content else { return }
        for index in entries.indices {
            body(entries[index].key, &entries[index].value)
        }
        content = .mapping(entries)
    }

    /// Applies `body` to every item of a sequence.
    mutating func modifyItems(_ body: (inout ComposeNode) -> Void) {
        guard case .sequence(var items) = content else { return }
        for index in items.indices {
            body(&items[index])
        }
        content = .sequence(items)
    }

    /// Removes `key` from a mapping.
    mutating func removeValue(forKey key: String) {
        guard case .mapping(let entries) = content else { return }
        content = .mapping(entries.filter { $0.key != key })
    }

    /// Sets `key` in a mapping, replacing an existing value in place or appending.
    mutating func setValue(_ value: ComposeNode, forKey key: String, keyLocation: SourceLocation) {
        guard case .mapping(var entries) = content else { return }
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append(ComposeEntry(key: key, keyLocation: keyLocation, value: value))
        }
        content = .mapping(entries)
    }

    /// Replaces a string scalar's text, keeping its location.
    mutating func replaceText(_ transform: (String) -> String) {
        if case .string(let text) = content {
            content = .string(transform(text))
        }
    }

    /// The node with every `!reset` entry removed and `!override` tags dropped, recursively.
    func removingMergeTags() -> ComposeNode {
        var node = self
        switch content {
        case .mapping(let entries):
            let kept = entries.filter { $0.value.tag != "!reset" }
            node.content = .mapping(kept.map { entry in
                var entry = entry
                entry.value = entry.value.removingMergeTags()
                return entry
            })
        case .sequence(let items):
            node.content = .sequence(items.filter { $0.tag != "!reset" }.map { $0.removingMergeTags() })
        default:
            break
        }
        if node.tag == "!override" || node.tag == "!reset" { node.tag = nil }
        return node
    }
}
