/// A JSON document with the place of every value and member name in its text, so a finding can point at
/// the token it is about. Offsets count Unicode scalars from the start of the text (Access Analyzer's
/// "character offset"); lines are 1-based and columns 0-based, as its Position is.
package struct LocatedJSON: Sendable {
    package indirect enum Node: Sendable {
        case object([Member])
        case array([Value])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    package struct Member: Sendable {
        package var key: String
        package var keySpan: Range<Int>
        package var value: Value
    }

    package struct Value: Sendable {
        package var node: Node
        package var span: Range<Int>

        package var string: String? { if case .string(let s) = node { s } else { nil } }
        package var members: [Member]? { if case .object(let m) = node { m } else { nil } }
        package var items: [Value]? { if case .array(let i) = node { i } else { nil } }

        /// A string or a list of values, as policy elements take them; nil for other shapes.
        package var stringOrList: [Value]? {
            switch node {
            case .string: [self]
            case .array(let items): items
            default: nil
            }
        }

        package func member(_ key: String) -> Member? { members?.first { $0.key == key } }
    }

    package struct SyntaxError: Error, Sendable {
        package var offset: Int
        package var message: String
    }

    package let root: Value
    private let lineStarts: [Int]
    private let scalars: [Unicode.Scalar]

    package init(_ text: String) throws(SyntaxError) {
        var parser = Parser(Array(text.unicodeScalars))
        parser.skipWhitespace()
        root = try parser.value(depth: 0)
        parser.skipWhitespace()
        if parser.i < parser.s.count { throw SyntaxError(offset: parser.i, message: "unexpected text after the document") }
        var starts = [0]
        for (i, c) in parser.s.enumerated() where c == "\n" { starts.append(i + 1) }
        lineStarts = starts
        scalars = parser.s
    }

    /// The offset just past the first character after `offset` that is not whitespace: past the `,` that
    /// follows an array item, for instance.
    package func offsetPastNextToken(from offset: Int) -> Int {
        var i = offset
        while i < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[i]) { i += 1 }
        return min(i + 1, scalars.count)
    }

    /// (line 1-based, column 0-based) of an offset.
    package func lineAndColumn(_ offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, offset - lineStarts[lo])
    }

    /// Line and column of an offset in a text that did not parse (for syntax errors).
    package static func lineAndColumn(_ offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 0
        for (i, c) in text.unicodeScalars.enumerated() {
            if i == offset { break }
            if c == "\n" {
                line += 1
                column = 0
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    private struct Parser {
        let s: [Unicode.Scalar]
        var i = 0

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func fail(_ message: String) -> SyntaxError { SyntaxError(offset: i, message: message) }

        mutating func skipWhitespace() {
            while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\n" || s[i] == "\r" { i += 1 }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> Value {
            guard depth < 64 else { throw fail("the document nests too deeply") }
            guard i < s.count else { throw fail("unexpected end of the document") }
            let start = i
            switch s[i] {
            case "{":
                i += 1
                var members: [Member] = []
                skipWhitespace()
                if i < s.count, s[i] == "}" {
                    i += 1
                    return Value(node: .object(members), span: start..<i)
                }
                while true {
                    skipWhitespace()
                    guard i < s.count, s[i] == "\"" else { throw fail("expected a member name in double quotes") }
                    let keyStart = i
                    let key = try string()
                    let keySpan = keyStart..<i
                    skipWhitespace()
                    guard i < s.count, s[i] == ":" else { throw fail("expected ':' after a member name") }
                    i += 1
                    skipWhitespace()
                    let v = try value(depth: depth + 1)
                    members.append(Member(key: key, keySpan: keySpan, value: v))
                    skipWhitespace()
                    guard i < s.count else { throw fail("unexpected end of the document") }
                    if s[i] == "," {
                        i += 1
                        continue
                    }
                    guard s[i] == "}" else { throw fail("expected ',' or '}'") }
                    i += 1
                    return Value(node: .object(members), span: start..<i)
                }
            case "[":
                i += 1
                var items: [Value] = []
                skipWhitespace()
                if i < s.count, s[i] == "]" {
                    i += 1
                    return Value(node: .array(items), span: start..<i)
                }
                while true {
                    skipWhitespace()
                    items.append(try value(depth: depth + 1))
                    skipWhitespace()
                    guard i < s.count else { throw fail("unexpected end of the document") }
                    if s[i] == "," {
                        i += 1
                        continue
                    }
                    guard s[i] == "]" else { throw fail("expected ',' or ']'") }
                    i += 1
                    return Value(node: .array(items), span: start..<i)
                }
            case "\"":
                let text = try string()
                return Value(node: .string(text), span: start..<i)
            case "t", "f", "n":
                for word in ["true", "false", "null"] where matches(word) {
                    i += word.unicodeScalars.count
                    let node: Node = word == "null" ? .null : .bool(word == "true")
                    return Value(node: node, span: start..<i)
                }
                throw fail("unexpected literal")
            default:
                while i < s.count, "+-.0123456789eE".unicodeScalars.contains(s[i]) { i += 1 }
                guard i > start, Double(String(String.UnicodeScalarView(s[start..<i]))) != nil else { throw fail("unexpected character") }
                return Value(node: .number(String(String.UnicodeScalarView(s[start..<i]))), span: start..<i)
            }
        }

        func matches(_ word: String) -> Bool {
            let w = Array(word.unicodeScalars)
            return i + w.count <= s.count && Array(s[i..<i + w.count]) == w
        }

        mutating func string() throws(SyntaxError) -> String {
            i += 1
            var out = String.UnicodeScalarView()
            while true {
                guard i < s.count else { throw fail("unterminated string") }
                let c = s[i]
                if c == "\"" {
                    i += 1
                    return String(out)
                }
                if c.value < 0x20 { throw fail("control character in a string") }
                if c == "\\" {
                    i += 1
                    guard i < s.count else { throw fail("unterminated string") }
                    switch s[i] {
                    case "\"": out.append("\"")
                    case "\\": out.append("\\")
                    case "/": out.append("/")
                    case "b": out.append("\u{08}")
                    case "f": out.append("\u{0C}")
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "u":
                        guard i + 4 < s.count, let code = UInt32(String(String.UnicodeScalarView(s[(i + 1)...(i + 4)])), radix: 16) else {
                            throw fail("bad \\u escape")
                        }
                        out.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                        i += 4
                    default: throw fail("bad escape")
                    }
                    i += 1
                    continue
                }
                out.append(c)
                i += 1
            }
        }
    }
}
