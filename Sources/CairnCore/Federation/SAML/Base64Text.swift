/// Decodes the base64 that XML carries (`ds:SignatureValue`, `ds:DigestValue`, `ds:X509Certificate`, a whole
/// SAMLResponse form field). Line breaks and spaces between groups are common there and skipped; any other
/// character outside the alphabet, or wrong padding, makes the value unreadable rather than silently shortened.
package enum Base64Text {
    package static func decode(_ text: String) -> [UInt8]? {
        var sextets: [UInt8] = []
        sextets.reserveCapacity(text.utf8.count)
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "="):
                padding += 1
                continue
            default: break
            }
            guard padding == 0, let value = sextet(byte) else { return nil }
            sextets.append(value)
        }
        guard (sextets.count + padding) % 4 == 0, padding <= 2, sextets.count % 4 != 1 else { return nil }
        guard padding == 0 || (4 - sextets.count % 4) == padding else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(sextets.count * 3 / 4)
        var index = 0
        while index < sextets.count {
            let chunk = sextets[index..<min(index + 4, sextets.count)]
            let values = Array(chunk) + Array(repeating: 0, count: 4 - chunk.count)
            let combined = UInt32(values[0]) << 18 | UInt32(values[1]) << 12 | UInt32(values[2]) << 6 | UInt32(values[3])
            let bytes = [UInt8(combined >> 16 & 0xFF), UInt8(combined >> 8 & 0xFF), UInt8(combined & 0xFF)]
            output.append(contentsOf: bytes.prefix(chunk.count - 1))
            index += 4
        }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
