internal import CCrypto

/// SHA-256 digests, from OpenSSL's libcrypto.
///
/// Used to identify imported files, migration files, plans and state
/// snapshots; never applied to secret values.
public enum Checksum {
    /// The SHA-256 digest of `bytes` as 64 lowercase hexadecimal digits.
    public static func sha256(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { buffer in
            _ = SHA256(buffer.baseAddress, buffer.count, &digest)
        }
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The SHA-256 digest of the UTF-8 bytes of `text`.
    public static func sha256(_ text: String) -> String {
        sha256(Array(text.utf8))
    }
}
