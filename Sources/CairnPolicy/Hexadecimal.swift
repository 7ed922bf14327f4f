/// A byte as two lowercase hexadecimal digits, appended to a byte buffer: SigV4's hashes and signatures, call
/// identifiers and JSON's `\u00xx` escapes are all written this way.
package enum Hexadecimal {
    @usableFromInline static let digits = Array("0123456789abcdef".utf8)

    @inlinable
    package static func append(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(digits[Int(byte >> 4)])
        bytes.append(digits[Int(byte & 0x0F)])
    }
}
