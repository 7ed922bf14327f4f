/// Questions about whole sets of strings that IAM patterns (`*`, `?`) stand for, decided exactly or
/// conservatively, for the custom policy checks: can two patterns match a common string, and does one pattern
/// match every string the other does.
package enum GlobReasoning {
    enum Token: Equatable {
        case char(Character)
        case any
        case star
    }

    static func tokens(_ s: String, lowercased: Bool) -> [Token] {
        (lowercased ? s.lowercased() : s).map { $0 == "*" ? .star : $0 == "?" ? .any : .char($0) }
    }

    /// Whether some string matches both patterns (exact: a walk of the two patterns' product automaton).
    package static func intersects(_ a: String, _ b: String, caseInsensitive: Bool = false) -> Bool {
        let x = tokens(a, lowercased: caseInsensitive), y = tokens(b, lowercased: caseInsensitive)
        var seen = Set<Int>()
        var stack = [(0, 0)]
        while let (i, j) = stack.popLast() {
            guard seen.insert(i * (y.count + 1) + j).inserted else { continue }
            if i == x.count && j == y.count { return true }
            // A star may match nothing.
            if i < x.count, x[i] == .star { stack.append((i + 1, j)) }
            if j < y.count, y[j] == .star { stack.append((i, j + 1)) }
            guard i < x.count, j < y.count else { continue }
            // Both consume one character of the common string.
            switch (x[i], y[j]) {
            case (.char(let c), .char(let d)) where c != d: continue
            default: break
            }
            let nextI = x[i] == .star ? i : i + 1
            let nextJ = y[j] == .star ? j : j + 1
            stack.append((nextI, nextJ))
        }
        return false
    }

    /// Whether `outer` matches every string `inner` matches. Conservative: true only when proven (a star of
    /// `outer` may take any run of `inner`'s tokens, its `?` one character or `?`, its characters only the same
    /// character), so a false answer can mean "not proven".
    package static func covers(_ outer: String, _ inner: String, caseInsensitive: Bool = false) -> Bool {
        let x = tokens(outer, lowercased: caseInsensitive), y = tokens(inner, lowercased: caseInsensitive)
        var memo: [Int: Bool] = [:]
        func walk(_ i: Int, _ j: Int) -> Bool {
            let key = i * (y.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if i == x.count {
                result = j == y.count
            } else {
                switch x[i] {
                case .star: result = walk(i + 1, j) || (j < y.count && walk(i, j + 1))
                case .any: result = j < y.count && y[j] != .star && walk(i + 1, j + 1)
                case .char(let c): result = j < y.count && y[j] == .char(c) && walk(i + 1, j + 1)
                }
            }
            memo[key] = result
            return result
        }
        return walk(0, 0)
    }
}
