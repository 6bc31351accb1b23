/// A file's UTF-8 bytes, with the conversions between libyaml's marks and byte
/// offsets that text edits need.
///
/// libyaml counts a mark's `index` in characters (Unicode scalars), not bytes
/// (see `yaml_mark_t` in yaml.h); edits cut bytes, so every node position goes
/// through `byteOffset(_:)`.
struct SourceText {
    let bytes: [UInt8]
    /// Byte offset of each scalar, plus one past the end.
    private let scalarStarts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts: [Int] = []
        starts.reserveCapacity(bytes.count + 1)
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            starts.append(offset)
        }
        starts.append(bytes.count)
        scalarStarts = starts
    }

    /// The byte offset of a location's character offset, clamped to the text.
    func byteOffset(_ location: SourceLocation) -> Int {
        scalarStarts[min(max(location.offset, 0), scalarStarts.count - 1)]
    }

    /// The text between two byte offsets.
    func slice(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The offset where the line holding `offset` starts.
    func lineStart(_ offset: Int) -> Int {
        var index = offset
        while index > 0 && bytes[index - 1] != UInt8(ascii: "\n") { index -= 1 }
        return index
    }

    /// True when only spaces and tabs stand between the line's start and `offset`.
    func isFirstOnLine(_ offset: Int) -> Bool {
        bytes[lineStart(offset)..<offset].allSatisfy(Self.isBlank)
    }

    /// The offset just past the end of the line holding `offset` (past its
    /// newline), when only blanks and a comment follow `offset` on it; nil when
    /// something else does.
    func lineEndAfterTrailing(_ offset: Int) -> Int? {
        if offset > 0 && offset <= bytes.count && bytes[offset - 1] == UInt8(ascii: "\n") {
            return offset
        }
        var index = offset
        while index < bytes.count && Self.isBlank(bytes[index]) { index += 1 }
        if index < bytes.count && bytes[index] == UInt8(ascii: "#") {
            while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
        }
        if index == bytes.count { return index }
        return bytes[index] == UInt8(ascii: "\n") ? index + 1 : nil
    }

    /// The byte at `offset`, or nil past the end.
    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    /// The 1-based line number of a byte offset, for messages.
    func line(of offset: Int) -> Int {
        bytes[..<min(offset, bytes.count)].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}

extension SourceText {
    /// The start of the line holding a block sequence item at `offset`, when
    /// only `-` and blanks stand before the item on its line.
    func sequenceItemLineStart(_ offset: Int) -> Int? {
        let start = lineStart(offset)
        let prefix = bytes[start..<offset].filter { !Self.isBlank($0) }
        return prefix == [UInt8(ascii: "-")] ? start : nil
    }
}
