/// Splits a migration file into single statements, because PostgresNIO speaks only the extended protocol,
/// which refuses a string holding several statements. Semicolons inside quotes, dollar-quoted bodies and
/// comments do not end a statement.
package enum SQLStatementSplitter {
    package static func split(_ sql: String) -> [String] {
        let s = Array(sql.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var i = 0
        func flush() {
            let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !isOnlyComments(text) { statements.append(text) }
            current = String.UnicodeScalarView()
        }
        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if c == "-" && next == "-" {
                while i < s.count && s[i] != "\n" {
                    current.append(s[i])
                    i += 1
                }
                continue
            }
            if c == "/" && next == "*" {
                // Block comments nest in PostgreSQL.
                var depth = 0
                repeat {
                    if s[i] == "/" && i + 1 < s.count && s[i + 1] == "*" {
                        depth += 1
                        current.append(s[i])
                        current.append(s[i + 1])
                        i += 2
                    } else if s[i] == "*" && i + 1 < s.count && s[i + 1] == "/" {
                        depth -= 1
                        current.append(s[i])
                        current.append(s[i + 1])
                        i += 2
                    } else {
                        current.append(s[i])
                        i += 1
                    }
                } while depth > 0 && i < s.count
                continue
            }
            if c == "'" || c == "\"" {
                current.append(c)
                i += 1
                while i < s.count {
                    current.append(s[i])
                    if s[i] == c {
                        // A doubled quote is an escaped quote, not the end.
                        if i + 1 < s.count && s[i + 1] == c {
                            current.append(s[i + 1])
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            if c == "$", let tag = dollarTag(s, at: i) {
                for t in tag { current.append(t) }
                i += tag.count
                while i < s.count {
                    if s[i] == "$" && matches(s, at: i, tag) {
                        for t in tag { current.append(t) }
                        i += tag.count
                        break
                    }
                    current.append(s[i])
                    i += 1
                }
                continue
            }
            if c == ";" {
                flush()
                i += 1
                continue
            }
            current.append(c)
            i += 1
        }
        flush()
        return statements
    }

    /// `$$` or `$name$` where name is an identifier; `$1` (a parameter) is not a tag.
    private static func dollarTag(_ s: [Unicode.Scalar], at start: Int) -> [Unicode.Scalar]? {
        var j = start + 1
        while j < s.count, s[j] != "$" {
            let ch = s[j]
            let ok = ch == "_" || ch.properties.isAlphabetic || (j > start + 1 && ch.properties.numericType != nil)
            if !ok { return nil }
            j += 1
        }
        guard j < s.count else { return nil }
        return Array(s[start...j])
    }

    private static func matches(_ s: [Unicode.Scalar], at i: Int, _ tag: [Unicode.Scalar]) -> Bool {
        guard i + tag.count <= s.count else { return false }
        for k in 0..<tag.count where s[i + k] != tag[k] { return false }
        return true
    }

    private static func isOnlyComments(_ text: String) -> Bool {
        var rest = Substring(text)
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            if rest.isEmpty { return true }
            if rest.hasPrefix("--") {
                rest = rest.drop(while: { $0 != "\n" })
            } else if rest.hasPrefix("/*") {
                guard let end = rest.range(of: "*/") else { return true }
                rest = rest[end.upperBound...]
            } else {
                return false
            }
        }
    }
}
