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
