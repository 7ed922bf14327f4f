/// Trino's regular expressions are Java's; PostgreSQL's are Tcl's AREs. This rewrites the constructs that are spelt
/// differently (`\b` is a word boundary in Java and a backspace in PostgreSQL) and refuses those PostgreSQL would read
/// differently or not at all: lookbehind, possessive quantifiers, atomic groups, inline flags other than a leading
/// `(?i)`, `\Q…\E`, `\p{…}`, nested classes and intersections, and repetition counts above 255. Patterns are capped
/// at 1,000 characters; the statement timeout bounds the rest.
enum LakeRegex {
    static let maximumLength = 1_000

    struct Translation: Equatable {
        /// The ARE pattern.
        var pattern: String
        /// Capturing groups in it.
        var groups: Int
        /// The pattern with the whole match as group 1 (for regexp_extract through regexp_match).
        var wholeMatch: String
    }

    static func translate(_ java: String) throws(LakeRefusal) -> Translation {
        let chars = Array(java.unicodeScalars)
        guard chars.count <= maximumLength else {
            throw LakeRefusal("Regular expression is longer than \(maximumLength) characters")
        }
        var reader = Reader(chars: chars)
        var flags = ""
        if java.hasPrefix("(?i)") {
            flags = "(?i)"
            reader.index = 4
        }
        let body = try reader.body()
        return Translation(pattern: flags + body, groups: reader.groups, wholeMatch: flags + "(" + body + ")")
    }

    /// A Java replacement (`$1`, `\$`) as PostgreSQL's (`\1`, `$`).
    static func replacement(_ java: String, groups: Int) throws(LakeRefusal) -> String {
        let chars = Array(java.unicodeScalars)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            if c == "\\" {
                guard i < chars.count else { throw LakeRefusal("Replacement ends with a backslash") }
                out += chars[i] == "\\" ? "\\\\" : String(chars[i])
                i += 1
            } else if c == "$" {
                guard i < chars.count, ("0"..."9").contains(chars[i]), let first = Int(String(chars[i])) else {
                    throw LakeRefusal("Illegal group reference in replacement; only $0 to $9 are supported")
                }
                i += 1
                var group = first
                while i < chars.count, ("0"..."9").contains(chars[i]), let digit = Int(String(chars[i])), group * 10 + digit <= groups {
                    group = group * 10 + digit
                    i += 1
                }
                guard group <= groups else { throw LakeRefusal("Illegal group reference: group \(group) does not exist") }
                guard group <= 9 else { throw LakeRefusal("Group references above $9 are not supported") }
                out += group == 0 ? "\\&" : "\\\(group)"
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    private struct Reader {
        let chars: [Unicode.Scalar]
        var index = 0
        var groups = 0
        var out = ""

        init(chars: [Unicode.Scalar]) { self.chars = chars }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? { index + offset < chars.count ? chars[index + offset] : nil }

        mutating func body() throws(LakeRefusal) -> String {
            // Whether the last thing written can take a quantifier.
            var atom = false
            while let c = peek() {
                switch c {
                case "\\":
                    index += 1
                    out += try escape(inClass: false)
                    atom = true
                case "[":
                    try characterClass()
                    atom = true
                case "(":
                    try group()
                    atom = false
                case ")", "|":
                    out.unicodeScalars.append(c)
                    index += 1
                    atom = c == ")"
                case "*", "+", "?", "{":
                    guard atom else { throw LakeRefusal("Dangling meta character '\(c)' in regular expression") }
                    try quantifier()
                    atom = false
                default:
                    out.unicodeScalars.append(c)
                    index += 1
                    atom = true
                }
            }
            return out
        }

        private mutating func group() throws(LakeRefusal) {
            index += 1
            guard peek() == "?" else {
                groups += 1
                out += "("
                return
            }
            switch peek(1) {
            case ":", "=", "!":
                out += "(?" + String(peek(1)!)
                index += 2
            case "<":
                throw LakeRefusal("Lookbehind and named groups '(?<' are not supported in regular expressions")
            case ">":
                throw LakeRefusal("Atomic groups '(?>' are not supported in regular expressions")
            default:
                throw LakeRefusal("Inline flags are not supported in regular expressions, except a leading (?i)")
            }
        }

        private mutating func quantifier() throws(LakeRefusal) {
            let c = chars[index]
            index += 1
            if c == "{" {
                var bound = "{"
                while let d = peek(), d != "}" {
                    guard d == "," || ("0"..."9").contains(d) else { throw LakeRefusal("Invalid repetition in regular expression") }
                    bound.unicodeScalars.append(d)
                    index += 1
                }
                guard peek() == "}" else { throw LakeRefusal("Invalid repetition in regular expression") }
                index += 1
                let counts = bound.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
                guard (1...2).contains(counts.count), !counts[0].isEmpty,
                    counts.allSatisfy({ $0.isEmpty || (Int($0).map { $0 <= 255 } ?? false) })
                else { throw LakeRefusal("Repetition counts must be between 0 and 255 in regular expressions") }
                out += bound + "}"
            } else {
                out.unicodeScalars.append(c)
            }
            if peek() == "+" { throw LakeRefusal("Possessive quantifiers ('*+', '++', '?+') are not supported in regular expressions") }
            if peek() == "?" {
                out += "?"
                index += 1
            }
        }

        private mutating func characterClass() throws(LakeRefusal) {
            out += "["
            index += 1
            if peek() == "^" {
                out += "^"
                index += 1
            }
            var first = true
            while let c = peek() {
                if c == "]" && !first {
                    out += "]"
                    index += 1
                    return
                }
                first = false
                if c == "[" { throw LakeRefusal("Nested character classes are not supported in regular expressions") }
                if c == "&" && peek(1) == "&" { throw LakeRefusal("Character class intersection '&&' is not supported in regular expressions") }
                if c == "\\" {
                    index += 1
                    out += try escape(inClass: true)
                } else {
                    out.unicodeScalars.append(c)
                    index += 1
                }
            }
            throw LakeRefusal("Unclosed character class in regular expression")
        }

        private mutating func escape(inClass: Bool) throws(LakeRefusal) -> String {
            guard let c = peek() else { throw LakeRefusal("Regular expression ends with a backslash") }
            index += 1
            switch c {
            case "d", "s", "w", "t", "n", "r", "f", "a", "e":
                return "\\" + String(c)
            case "D", "S", "W":
                if inClass { throw LakeRefusal("'\\\(c)' inside [...] is not supported in regular expressions") }
                return "\\" + String(c)
            case "1"..."9" where !inClass:
                return "\\" + String(c)
            case "b" where !inClass:
                return "\\y"
            case "B" where !inClass:
                return "\\Y"
            case "A" where !inClass:
                return "\\A"
            case "z" where !inClass:
                return "\\Z"
            case "x":
                return try hex(braced: peek() == "{")
            case "u":
                var digits = ""
                for _ in 0..<4 {
                    guard let d = peek(), d.properties.isASCIIHexDigit else { throw LakeRefusal("Invalid \\u escape in regular expression") }
                    digits.unicodeScalars.append(d)
                    index += 1
                }
                return "\\u" + digits
            default:
                if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                    throw LakeRefusal("Escape '\\\(c)' is not supported in regular expressions")
                }
                return "\\" + String(c)
            }
        }

        /// Java's `\xhh` and `\x{h…}` as ARE's fixed-width `\uhhhh` / `\Uhhhhhhhh` (ARE's `\x` takes every hex
        /// digit that follows).
        private mutating func hex(braced: Bool) throws(LakeRefusal) -> String {
            var digits = ""
            if braced {
                index += 1
                while let d = peek(), d != "}" {
                    guard d.properties.isASCIIHexDigit, digits.count < 8 else { throw LakeRefusal("Invalid \\x escape in regular expression") }
                    digits.unicodeScalars.append(d)
                    index += 1
                }
                guard peek() == "}", !digits.isEmpty else { throw LakeRefusal("Invalid \\x escape in regular expression") }
                index += 1
                return "\\U" + String(repeating: "0", count: 8 - digits.count) + digits
            }
            for _ in 0..<2 {
                guard let d = peek(), d.properties.isASCIIHexDigit else { throw LakeRefusal("Invalid \\x escape in regular expression") }
                digits.unicodeScalars.append(d)
                index += 1
            }
            return "\\u00" + digits
        }
    }
}
