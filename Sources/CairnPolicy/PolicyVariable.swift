/// A string that may contain `${…}` policy variables, split once at compile time.
///
/// Substituted values are literal text even where the surrounding string is a wildcard pattern, which is why
/// resolution yields tokens rather than a string. A variable that cannot be resolved (key missing or
/// multivalued, and no default) makes the whole value unresolvable; what that means is the caller's rule.
package struct VariableTemplate: Sendable, Hashable {
    package enum Part: Sendable, Hashable {
        case text(String)
        /// `${*}`, `${?}`, `${$}`: a character that is always literal.
        case escaped(Character)
        case variable(key: String, fallback: String?)
    }

    package let parts: [Part]
    package let hasVariables: Bool

    /// Lowercased keys of the variables, for reporting keys the request lacked.
    package var variableKeys: [String] {
        parts.compactMap { if case .variable(let k, _) = $0 { k } else { nil } }
    }

    package init(_ text: String, substitute: Bool) {
        guard substitute, text.contains("${") else {
            parts = [.text(text)]
            hasVariables = false
            return
        }
        var parts: [Part] = []
        var literal = ""
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == "$", text.index(after: i) < text.endIndex, text[text.index(after: i)] == "{",
                let close = text[i...].firstIndex(of: "}")
            {
                let inner = text[text.index(i, offsetBy: 2)..<close]
                if let part = Self.parseVariable(inner) {
                    if !literal.isEmpty {
                        parts.append(.text(literal))
                        literal = ""
                    }
                    parts.append(part)
                    i = text.index(after: close)
                    continue
                }
            }
            literal.append(text[i])
            i = text.index(after: i)
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
        hasVariables = parts.contains { if case .text = $0 { false } else { true } }
    }

    private static func parseVariable(_ inner: Substring) -> Part? {
        let trimmed = inner.trimmingSpaces
        switch trimmed {
        case "*": return .escaped("*")
        case "?": return .escaped("?")
        case "$": return .escaped("$")
        default: break
        }
        var key = trimmed
        var fallback: String?
        if let comma = trimmed.firstIndex(of: ",") {
            key = trimmed[..<comma].trimmingSpaces
            let def = trimmed[trimmed.index(after: comma)...].trimmingSpaces
            guard def.count >= 2, def.first == "'", def.last == "'" else { return nil }
            fallback = String(def.dropFirst().dropLast())
        }
        guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "$" || $0 == "{" }) else { return nil }
        return .variable(key: key.lowercased(), fallback: fallback)
    }

    /// Resolves to wildcard tokens (see `GlobPattern`): text parts keep live wildcards, substitutions do not.
    package func resolveTokens(_ context: RequestContext, wildcards: Bool) -> [UInt16]? {
        var tokens: [UInt16] = []
        for part in parts {
            switch part {
            case .text(let s):
                for b in s.utf8 {
                    if wildcards && b == UInt8(ascii: "*") {
                        tokens.append(GlobPattern.star)
                    } else if wildcards && b == UInt8(ascii: "?") {
                        tokens.append(GlobPattern.question)
                    } else {
                        tokens.append(UInt16(b))
                    }
                }
            case .escaped(let c):
                for b in String(c).utf8 { tokens.append(UInt16(b)) }
            case .variable(let key, let fallback):
                guard let value = context.singleValue(key) ?? fallback else { return nil }
                for b in value.utf8 { tokens.append(UInt16(b)) }
            }
        }
        return tokens
    }

    package func resolveString(_ context: RequestContext) -> String? {
        var out = ""
        for part in parts {
            switch part {
            case .text(let s): out += s
            case .escaped(let c): out.append(c)
            case .variable(let key, let fallback):
                guard let value = context.singleValue(key) ?? fallback else { return nil }
                out += value
            }
        }
        return out
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
