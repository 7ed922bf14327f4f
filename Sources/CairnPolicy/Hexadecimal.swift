/// Bytes as lowercase hexadecimal digits, two a byte: SigV4's hashes and signatures, digests and thumbprints, call
/// identifiers and JSON's `\u00xx` escapes are all written this way. By table: `String(format:)` costs a string
/// round trip a byte, on every signed request.
package enum Hexadecimal {
    @usableFromInline static let digits = Array("0123456789abcdef".utf8)

    @inlinable
    package static func append(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(digits[Int(byte >> 4)])
        bytes.append(digits[Int(byte & 0x0F)])
    }

    package static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes { append(byte, to: &text) }
        return String(decoding: text, as: UTF8.self)
    }
}
