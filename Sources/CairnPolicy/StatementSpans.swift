/// Where each statement of a policy document sits in its text, as IAM's simulator reports it in
/// MatchedStatements: 1-based lines and columns, the end one past the statement's closing `}`, the start
/// just after the `[` or `,` before it (so it takes the statement's leading whitespace; in compact JSON it
/// is the `{` itself), and for a single statement object (`"Statement": {…}`) its `{`. Columns count
/// characters, a tab as one. docs/behaviour.md records the observations this rule is fitted to.
package enum StatementSpans {
    package struct Position: Sendable, Hashable {
        package var line: Int
        package var column: Int

        package init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    package struct Span: Sendable, Hashable {
        package var start: Position
        package var end: Position
    }

    /// One span per statement in document order; empty when the text has no top-level `Statement` member
    /// (a document the parser accepted always has one, so callers treat empty as "unknown").
    package static func spans(in text: String) -> [Span] {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.statementSpans()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var column = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        var position: Position { Position(line: line, column: column) }

        mutating func advance() {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                // A UTF-8 continuation byte belongs to the character already counted.
                column += 1
            }
        }

        mutating func skipWhitespace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { advance() }
        }

        /// Skips a string starting at `"`, returning its raw bytes between the quotes.
        mutating func string() -> ArraySlice<UInt8> {
            advance()
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") { advance() }
                if i < bytes.count { advance() }
            }
            let raw = bytes[start..<min(i, bytes.count)]
            if i < bytes.count { advance() }
            return raw
        }

        /// Skips any value (string, number, literal, object, array).
        mutating func value() {
            skipWhitespace()
            guard i < bytes.count else { return }
            switch bytes[i] {
            case UInt8(ascii: "\""): _ = string()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                repeat {
                    switch bytes[i] {
                    case UInt8(ascii: "\""):
                        _ = string()
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    default: break
                    }
                    advance()
                } while depth > 0 && i < bytes.count
            default:
                while i < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[i]) { advance() }
            }
        }

        mutating func statementSpans() -> [Span] {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return [] }
            advance()
            while i < bytes.count {
                skipWhitespace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return [] }
                let key = string()
                skipWhitespace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return [] }
                advance()
                if key.elementsEqual("Statement".utf8) { return statements() }
                value()
                skipWhitespace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return [] }
                advance()
            }
            return []
        }

        mutating func statements() -> [Span] {
            skipWhitespace()
            guard i < bytes.count else { return [] }
            if bytes[i] == UInt8(ascii: "{") {
                let start = position
                value()
                return [Span(start: start, end: position)]
            }
            guard bytes[i] == UInt8(ascii: "[") else { return [] }
            advance()
            var out: [Span] = []
            while i < bytes.count {
                let start = position
                skipWhitespace()
                guard i < bytes.count, bytes[i] != UInt8(ascii: "]") else { break }
                value()
                out.append(Span(start: start, end: position))
                skipWhitespace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { break }
                advance()
            }
            return out
        }
    }
}
