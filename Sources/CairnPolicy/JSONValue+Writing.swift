/// JSON text written directly, members in their order and numbers as written: what Cairn stores and answers
/// (event records, effective policies). Foundation's serializer keeps neither.
extension JSONValue {
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
        // Scanned as one buffer (a native string has one): stepping String.UTF8View's iterator cost a few per cent
        // of a signed call, every member of every answer and event passing through here.
        func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }
        let plain = s.utf8.withContiguousStorageIfAvailable { !$0.contains(where: needsEscape) } ?? !s.utf8.contains(where: needsEscape)
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
