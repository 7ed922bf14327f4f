import Foundation

extension UUID {
    /// Reads a UUID's 36-character text (8-4-4-4-12 hex digits, either case), as `UUID(uuidString:)` does but
    /// without Foundation's `sscanf`, which was a percent of a signed call's CPU when every event's id passed
    /// through it on its way to its row.
    package init?(text: String) {
        var text = text
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = text.withUTF8 { chars in withUnsafeMutableBytes(of: &uuid) { Self.parse(chars, into: $0) } }
        guard parsed else { return nil }
        self.init(uuid: uuid)
    }

    private static func parse(_ chars: UnsafeBufferPointer<UInt8>, into bytes: UnsafeMutableRawBufferPointer) -> Bool {
        guard chars.count == 36 else { return false }
        var index = 0
        var position = 0
        while position < 36 {
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard chars[position] == UInt8(ascii: "-") else { return false }
                position += 1
                continue
            }
            guard let high = hexValue(chars[position]), let low = hexValue(chars[position + 1]) else { return false }
            bytes[index] = high << 4 | low
            index += 1
            position += 2
        }
        return true
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
