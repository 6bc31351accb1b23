/// The bytes a removal deletes: whole lines in block style, an entry and its
/// comma in flow style.
extension ComposeEditor {
    /// The bytes of a mapping pair: its lines in block style, the pair and one
    /// separating comma in flow style.
    func pairRange(_ pair: YAMLPair, in container: YAMLNode, what: String) throws -> Range<Int> {
        let pairs = container.mapping ?? []
        if !pair.isMerged, isFlow(container),
            let index = pairs.firstIndex(where: { $0.key.start.offset == pair.key.start.offset })
        {
            return flowRange(index, spans: pairs.map(pairSpan))
        }
        let start = source.byteOffset(pair.key.start)
        guard source.isFirstOnLine(start), let end = lineEnd(after: pair) else {
            throw ComposeEditError(
                file: file, line: pair.key.start.line, "\(what) does not stand on lines of its own")
        }
        return source.lineStart(start)..<end
    }

    /// The bytes of a list item: its `- item` lines in block style, the item and
    /// one separating comma in flow style.
    func itemRange(_ index: Int, in sequence: YAMLNode, what: String) throws -> Range<Int> {
        let items = sequence.sequence ?? []
        if isFlow(sequence) {
            return flowRange(index, spans: items.map(itemSpan))
        }
        let item = items[index]
        let start = source.byteOffset(item.start)
        // An item before its list's start is an alias of an anchor defined earlier.
        guard item.start.offset >= sequence.start.offset,
            let lineStart = source.sequenceItemLineStart(start),
            let end = source.lineEndAfterTrailing(contentEnd(item) ?? start)
        else {
            throw ComposeEditError(
                file: file, line: item.start.line, "\(what) does not stand on lines of its own")
        }
        return lineStart..<end
    }

    /// Where the line of a block pair ends, value included; an alias value
    /// (`environment: *common`) ends on the key's line.
    func lineEnd(after pair: YAMLPair) -> Int? {
        let keyEnd = source.byteOffset(pair.key.end)
        if pair.value.start.offset < pair.key.start.offset {
            return aliasLineEnd(after: keyEnd)
        }
        return source.lineEndAfterTrailing(max(keyEnd, contentEnd(pair.value) ?? keyEnd))
    }

    /// The end of a `key: *alias` line, scanning from the end of the key.
    func aliasLineEnd(after keyEnd: Int) -> Int? {
        var index = keyEnd
        let skipBlanks = {
            while let byte = source.byte(at: index), SourceText.isBlank(byte) { index += 1 }
        }
        skipBlanks()
        guard source.byte(at: index) == UInt8(ascii: ":") else { return nil }
        index += 1
        skipBlanks()
        guard source.byte(at: index) == UInt8(ascii: "*") else { return nil }
        while let byte = source.byte(at: index), !SourceText.isBlank(byte),
            byte != UInt8(ascii: "\n")
        {
            index += 1
        }
        return source.lineEndAfterTrailing(index)
    }

    /// The end of the last text that belongs to a node, as a byte offset; nil
    /// for an empty value, whose mark libyaml puts at the next token.
    func contentEnd(_ node: YAMLNode) -> Int? {
        switch node.content {
        case .scalar(let text, let style):
            return text.isEmpty && style == .plain ? nil : source.byteOffset(node.end)
        case .sequence(let items):
            return isFlow(node) ? source.byteOffset(node.end) : items.compactMap(contentEnd).max()
        case .mapping(let pairs):
            return isFlow(node) ? source.byteOffset(node.end) : pairs.map(pairEnd).max()
        }
    }

    /// Where a pair's text ends: its value's end, or its key's line for an alias value.
    func pairEnd(_ pair: YAMLPair) -> Int {
        let keyEnd = source.byteOffset(pair.key.end)
        if pair.value.start.offset < pair.key.start.offset {
            return aliasLineEnd(after: keyEnd).map { $0 - 1 } ?? keyEnd
        }
        return contentEnd(pair.value) ?? keyEnd
    }

    /// True for a `{…}` or `[…]` collection.
    func isFlow(_ node: YAMLNode) -> Bool {
        let byte = source.byte(at: source.byteOffset(node.start))
        return byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")
    }

    func pairSpan(_ pair: YAMLPair) -> Range<Int> {
        let start = source.byteOffset(pair.key.start)
        return start..<max(start, contentEnd(pair.value) ?? source.byteOffset(pair.key.end))
    }

    func itemSpan(_ item: YAMLNode) -> Range<Int> {
        let start = source.byteOffset(item.start)
        return start..<max(start, contentEnd(item) ?? start)
    }

    /// Entry `index` of a flow collection with the comma that separates it from
    /// its neighbour: the next one when there is one, else the previous one.
    func flowRange(_ index: Int, spans: [Range<Int>]) -> Range<Int> {
        if index + 1 < spans.count { return spans[index].lowerBound..<spans[index + 1].lowerBound }
        if index > 0 { return spans[index - 1].upperBound..<spans[index].upperBound }
        return spans[index]
    }
}
