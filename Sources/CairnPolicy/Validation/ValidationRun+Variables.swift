/// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`): their syntax, and the elements that
/// take them.
extension ValidationRun {
    /// Each `${…}` of a Resource or Condition value: closed, not empty, a name without spaces, and a default (after
    /// a comma) in single quotes. `${*}`, `${?}` and `${$}` are the escapes for those characters.
    mutating func checkVariables(in text: String, _ path: Path, _ span: Range<Int>) {
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            let after = rest[open.upperBound...]
            let close = after.firstIndex(of: "}")
            let reopen = after.range(of: "${")?.lowerBound
            guard let close, reopen.map({ close < $0 }) ?? true else {
                add(.error, "MISSING_BRACE_IN_VARIABLE", "The policy variable in \(text) has no closing brace; add } after its name.", path, span)
                return
            }
            let inner = after[..<close]
            rest = after[after.index(after: close)...]
            if inner == "*" || inner == "?" || inner == "$" { continue }
            let name = inner.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if inner.allSatisfy({ $0 == " " }) {
                add(.error, "EMPTY_VARIABLE", "Remove the empty ${} from \(text) or name a key inside it.", path, span)
            } else if name.contains(" ") {
                add(.error, "UNSUPPORTED_SPACE_IN_VARIABLE", "Remove the space from the variable ${\(inner)}.", path, span)
            } else if let comma = inner.firstIndex(of: ",") {
                let fallback = inner[inner.index(after: comma)...].drop { $0 == " " }
                if fallback.count < 2 || fallback.first != "'" || fallback.last != "'" {
                    add(
                        .error, "MISSING_QUOTE_IN_VARIABLE", "Quote the default value of ${\(inner)} with single quotes, as in ${\(name), 'none'}.",
                        path, span)
                }
            }
        }
    }

    /// A variable in an element that takes none (Action, NotAction, a principal): AWS reads it literally.
    mutating func checkVariableUnsupported(in text: String, element: String, _ path: Path, _ span: Range<Int>) {
        guard let open = text.range(of: "${") else { return }
        let variable = text[open.lowerBound...].prefix { $0 != "}" } + (text[open.lowerBound...].contains("}") ? "}" : "")
        add(
            .error, "VARIABLE_UNSUPPORTED_IN_ELEMENT",
            "Policy variables work in Resource and Condition only; \(element) reads \(variable) literally.", path, span)
    }
}
