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
            out += escaped(s)
        }
        out += "\""
    }

    /// The string's bytes with JSON's escapes, written byte by byte into one buffer: only ASCII needs escaping, and a
    /// multi-byte character's bytes are never ASCII. Appending scalar by scalar to a String cost 4 ms of CPU a
    /// LookupEvents page, whose every event's record is escaped whole as its CloudTrailEvent.
    private static func escaped(_ s: String) -> String {
        var text = s
        return text.withUTF8 { bytes in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + bytes.count / 4 + 8)
            for b in bytes {
                let escape: UInt8
                switch b {
                case 0x22, 0x5C: escape = b
                case 0x0A: escape = UInt8(ascii: "n")
                case 0x0D: escape = UInt8(ascii: "r")
                case 0x09: escape = UInt8(ascii: "t")
                case ..<0x20:
                    out.append(0x5C)
                    out.append(UInt8(ascii: "u"))
                    out.append(0x30)
                    out.append(0x30)
                    Hexadecimal.append(b, to: &out)
                    continue
                default:
                    out.append(b)
                    continue
                }
                out.append(0x5C)
                out.append(escape)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
