/// Splits query text into tokens. Comments are skipped here, so nothing a comment holds can reach the parser; anything
/// PostgreSQL would read specially (`$1`, `$$`, `::`, backslashes) is refused here rather than passed on.
struct LakeLexer {
    static let maximumLength = 10_000

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    static func tokens(_ text: String) throws(LakeQueryError) -> [LakeToken] {
        var lexer = LakeLexer(text)
        return try lexer.run()
    }

    private mutating func run() throws(LakeQueryError) -> [LakeToken] {
        if scalars.count > Self.maximumLength {
            while index < Self.maximumLength { advance() }
            throw LakeQueryError("Query statement exceeds the limit of \(Self.maximumLength) characters", at: position)
        }
        var tokens: [LakeToken] = []
        while true {
            try skipSpaceAndComments()
            if index >= scalars.count {
                tokens.append(LakeToken(kind: .end, text: "", position: position))
                return tokens
            }
            tokens.append(try next())
        }
    }

    private var position: LakePosition { LakePosition(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func skipSpaceAndComments() throws(LakeQueryError) {
        while let c = peek() {
            if c.properties.isWhitespace {
                advance()
            } else if c == "-" && peek(1) == "-" {
                while let c = peek(), c != "\n" { advance() }
            } else if c == "/" && peek(1) == "*" {
                let start = position
                advance()
                advance()
                while true {
                    guard let c = peek() else { throw LakeQueryError("Unterminated comment", at: start) }
                    if c == "*" && peek(1) == "/" {
                        advance()
                        advance()
                        break
                    }
                    advance()
                }
            } else {
                return
            }
        }
    }

    private mutating func next() throws(LakeQueryError) -> LakeToken {
        let start = position
        let c = scalars[index]
        if let id = storeID() {
            for _ in 0..<id.unicodeScalars.count { advance() }
            return LakeToken(kind: .storeID, text: id, position: start)
        }
        if Self.isIdentifierStart(c) {
            var text = ""
            while let c = peek(), Self.isIdentifierPart(c) {
                text.unicodeScalars.append(c)
                advance()
            }
            return LakeToken(kind: .identifier, text: text, position: start)
        }
        if Self.isDigit(c) || (c == "." && peek(1).map(Self.isDigit) == true) { return try number() }
        if c == "'" { return LakeToken(kind: .string, text: try quoted("'", what: "string literal"), position: start) }
        if c == "\"" {
            let text = try quoted("\"", what: "quoted identifier")
            if text.isEmpty { throw LakeQueryError("Zero-length delimited identifier not allowed", at: start) }
            return LakeToken(kind: .quotedIdentifier, text: text, position: start)
        }
        return try symbol(start)
    }

    /// A UUID (8-4-4-4-12 hex digits) not followed by a name character.
    private func storeID() -> String? {
        let groups = [8, 4, 4, 4, 12]
        var offset = 0
        var text = ""
        for (n, length) in groups.enumerated() {
            if n > 0 {
                guard peek(offset) == "-" else { return nil }
                text.append("-")
                offset += 1
            }
            for _ in 0..<length {
                guard let c = peek(offset), c.isASCII, c.properties.isASCIIHexDigit else { return nil }
                text.unicodeScalars.append(c)
                offset += 1
            }
        }
        if let after = peek(offset), Self.isIdentifierPart(after) || after == "-" { return nil }
        return text.lowercased()
    }

    private mutating func number() throws(LakeQueryError) -> LakeToken {
        let start = position
        var text = ""
        var isDecimal = false
        while let c = peek(), Self.isDigit(c) {
            text.unicodeScalars.append(c)
            advance()
        }
        if peek() == ".", peek(1).map(Self.isDigit) == true || !text.isEmpty {
            isDecimal = true
            text.append(".")
            advance()
            while let c = peek(), Self.isDigit(c) {
                text.unicodeScalars.append(c)
                advance()
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1) == "+" || peek(1) == "-" ? 1 : 0
            if let d = peek(1 + sign), Self.isDigit(d) {
                isDecimal = true
                for _ in 0...sign {
                    text.unicodeScalars.append(peek()!)
                    advance()
                }
                while let c = peek(), Self.isDigit(c) {
                    text.unicodeScalars.append(c)
                    advance()
                }
            }
        }
        if let c = peek(), Self.isIdentifierPart(c) {
            throw LakeQueryError("Identifiers must not start with a digit; surround the identifier with double quotes", at: start)
        }
        return LakeToken(kind: isDecimal ? .decimal : .integer, text: text, position: start)
    }

    /// A `'…'` or `"…"` token; the closing character doubled stands for itself.
    private mutating func quoted(_ quote: Unicode.Scalar, what: String) throws(LakeQueryError) -> String {
        let start = position
        advance()
        var text = ""
        while true {
            guard let c = peek() else { throw LakeQueryError("Unterminated \(what)", at: start) }
            if c == "\u{0}" { throw LakeQueryError("The NUL character (U+0000) is not allowed in a \(what)", at: position) }
            advance()
            if c == quote {
                guard peek() == quote else { return text }
                advance()
            }
            text.unicodeScalars.append(c)
        }
    }

    private static let symbols = ["<>", "!=", "<=", ">=", "||", "->", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", ".", ";", "[", "]"]

    private mutating func symbol(_ start: LakePosition) throws(LakeQueryError) -> LakeToken {
        let c = scalars[index]
        if c == ":" && peek(1) == ":" {
            throw LakeQueryError("'::' casts are not supported; use CAST(value AS type)", at: start)
        }
        for s in Self.symbols where s.unicodeScalars.elementsEqual(scalars[index..<min(scalars.count, index + s.unicodeScalars.count)]) {
            for _ in 0..<s.unicodeScalars.count { advance() }
            return LakeToken(kind: .symbol, text: s, position: start)
        }
        throw LakeQueryError("Unexpected character '\(Character(c))'", at: start)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
