package import CairnPolicy
package import Foundation

/// JSON text in and out without Foundation's Codable machinery, which decodes an untyped value by trying each
/// type in turn and pays for a thrown error at every miss: request bodies and ingested events are parsed
/// here, on every call. The answers are Foundation's: whatever the strict reader refuses (duplicate member
/// names, nesting deeper than 64, a byte-order mark, numbers beyond Double) is decided by Foundation instead.
extension JSONValue {
    package static func parse(_ data: Data) -> JSONValue? {
        parse(bytes: Array(data)) ?? (try? JSONDecoder().decode(JSONValue.self, from: data))
    }

    package static func parse(_ text: String) -> JSONValue? {
        parse(bytes: Array(text.utf8)) ?? (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
    }

    private static func parse(bytes: [UInt8]) -> JSONValue? {
        guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]), let tree = try? JSONParser.parse(bytes: bytes), tree.numbersFitDouble else { return nil }
        return tree
    }

    /// Whether every number is one a Double holds: a recorded value is stored as jsonb and read by clients that
    /// parse numbers as doubles.
    private var numbersFitDouble: Bool {
        switch self {
        case .number(let text): Double(text)?.isFinite ?? false
        case .array(let items): items.allSatisfy(\.numbersFitDouble)
        case .object(let members): members.allSatisfy { $0.value.numbersFitDouble }
        default: true
        }
    }
}
