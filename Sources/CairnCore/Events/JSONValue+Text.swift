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

    /// Compact JSON text, numbers as written.
    package var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    package func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            var first = true
            for (key, value) in members {
                if !first { out += "," }
                first = false
                Self.writeString(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    package static func writeString(_ s: String, into out: inout String) {
        out += "\""
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
            plain = false
            break
        }
        if plain {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
