import CairnPolicy
import Synchronization

/// Ids for request ids and event ids, in UUID's text form (version 4 layout, lowercase), made without a
/// system call per id: 74 random bits drawn once per process, then a 48-bit counter. They are unique, which is
/// all an id must be (an event id is a primary key); they are not secrets and need not be unpredictable.
package enum CallIdentifier {
    private static let prefix: [UInt8] = {
        var g = SystemRandomNumberGenerator()
        var bytes = (0..<10).map { _ in UInt8.random(in: 0...255, using: &g) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return bytes
    }()
    private static let counter = Atomic<UInt64>(0)

    package static func next() -> String {
        let n = counter.add(1, ordering: .relaxed).newValue
        var text = [UInt8]()
        text.reserveCapacity(36)
        for i in 0..<16 {
            if i == 4 || i == 6 || i == 8 || i == 10 { text.append(UInt8(ascii: "-")) }
            let byte = i < 10 ? prefix[i] : UInt8(truncatingIfNeeded: n >> (8 * (15 - i)))
            Hexadecimal.append(byte, to: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
