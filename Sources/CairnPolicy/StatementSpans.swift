/// Where each statement of a policy document sits in its text, as IAM's simulator reports it in
/// MatchedStatements: 1-based lines and columns, the end one past the statement's closing `}`, the start
/// just after the `[` or `,` before it (so it takes the statement's leading whitespace; in compact JSON it
/// is the `{` itself), and for a single statement object (`"Statement": {…}`) its `{`. Columns count
/// characters, a tab as one. docs/behaviour.md records the observations this rule is fitted to. The places
/// come from the located tree Access Analyzer's validation reads (`LocatedJSON`).
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

    /// One span per statement in document order; empty when the text is not JSON or has no top-level
    /// `Statement` member (a document the parser accepted always has one, so callers treat empty as "unknown").
    package static func spans(in text: String) -> [Span] {
        guard let document = try? LocatedJSON(text), let statement = document.root.member("Statement") else { return [] }
        func position(_ offset: Int) -> Position {
            let (line, column) = document.lineAndColumn(offset)
            return Position(line: line, column: column + 1)
        }
        switch statement.value.node {
        case .object:
            return [Span(start: position(statement.value.span.lowerBound), end: position(statement.value.span.upperBound))]
        case .array(let items):
            var out: [Span] = []
            var start = statement.value.span.lowerBound + 1
            for item in items {
                out.append(Span(start: position(start), end: position(item.span.upperBound)))
                start = document.offsetPastNextToken(from: item.span.upperBound)
            }
            return out
        default:
            return []
        }
    }
}
