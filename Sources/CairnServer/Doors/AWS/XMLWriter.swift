import CairnCore
import CairnPolicy

/// Just enough XML for the Query protocol's responses; values are escaped, names are ours.
enum XMLWriter {
    indirect enum Node: Sendable {
        case text(String, String)
        case element(String, [Node])
        case list(String, member: String, [[Node]])
    }

    static func document(_ root: String, namespace: String, _ children: [Node]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(root) xmlns=\"\(namespace)\">"
        for c in children { write(c, into: &out) }
        out += "</\(root)>\n"
        return out
    }

    static func write(_ node: Node, into out: inout String) {
        switch node {
        case .text(let name, let value): out += "<\(name)>\(escape(value))</\(name)>"
        case .element(let name, let children):
            out += "<\(name)>"
            for c in children { write(c, into: &out) }
            out += "</\(name)>"
        case .list(let name, let member, let items):
            out += "<\(name)>"
            for item in items {
                out += "<\(member)>"
                for c in item { write(c, into: &out) }
                out += "</\(member)>"
            }
            out += "</\(name)>"
        }
    }

    /// A Query response's members as elements, in the Query protocol's shape: a structure's members as child
    /// elements, a list's items as `<member>` elements, booleans as `true`/`false`, absent members left out.
    /// Members are written in name order, so an answer is the same bytes every time. Members named in `maps`
    /// are string maps, written as the protocol writes maps: `<entry><key>…</key><value>…</value></entry>`.
    static func nodes(_ value: JSONValue, maps: Set<String> = []) -> [Node] {
        guard case .object(let members) = value else { return [] }
        var out: [Node] = []
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            switch member {
            case .null: continue
            case .object(let entries) where maps.contains(name):
                let pairs = entries.sorted { $0.key < $1.key }.map { [Node.text("key", $0.key), .text("value", scalar($0.value) ?? "")] }
                out.append(.list(name, member: "entry", pairs))
            case .object: out.append(.element(name, nodes(member, maps: maps)))
            case .array(let items):
                if items.allSatisfy({ if case .object = $0 { return true } else { return false } }) && !items.isEmpty {
                    out.append(.list(name, member: "member", items.map { nodes($0, maps: maps) }))
                } else {
                    out.append(.element(name, items.compactMap { scalar($0).map { .text("member", $0) } }))
                }
            default: if let text = scalar(member) { out.append(.text(name, text)) }
            }
        }
        return out
    }

    private static func scalar(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n
        default: nil
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }
}
