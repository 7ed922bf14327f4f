/// Reads a Lake query (Trino's SELECT grammar, the subset Lake documents) into syntax. Statements other than one
/// SELECT, `WITH`, and FROM items other than store ids, subqueries and UNNEST are refused here with their position.
struct LakeParser {
    /// Words Trino reserves: never an implicit alias, never a column name unless quoted.
    static let reserved: Set<String> = [
        "alter", "and", "as", "between", "by", "case", "cast", "constraint", "create", "cross", "cube", "current_date",
        "current_time", "current_timestamp", "deallocate", "delete", "describe", "distinct", "drop", "else", "end", "escape",
        "except", "execute", "exists", "extract", "false", "for", "from", "full", "group", "grouping", "having", "in", "inner",
        "insert", "intersect", "into", "is", "join", "left", "like", "localtime", "localtimestamp", "natural", "normalize",
        "not", "null", "on", "or", "order", "outer", "prepare", "recursive", "right", "rollup", "select", "table", "then",
        "true", "uescape", "union", "unnest", "using", "values", "when", "where", "with",
        // Not reserved in Trino, but they end a select item or relation here, so they are never implicit aliases.
        "limit", "offset", "fetch", "window", "lateral", "over", "filter", "ordinality",
    ]

    /// First words of statements that are not queries; named in the refusal so the user sees what was refused.
    static let statements: Set<String> = [
        "insert", "update", "delete", "merge", "create", "drop", "alter", "truncate", "set", "reset", "call", "explain",
        "analyze", "copy", "grant", "revoke", "deny", "show", "describe", "use", "prepare", "execute", "deallocate",
        "start", "begin", "commit", "rollback", "vacuum", "refresh", "comment", "do", "listen", "notify", "lock", "values",
        "table", "declare", "fetch", "close", "load", "import", "discard", "checkpoint", "reindex", "cluster", "security",
    ]

    /// How deeply expressions, subqueries and operator chains may nest. Far beyond any real query, it keeps the
    /// recursive parser and compiler inside a thread's stack whatever 10,000 characters hold (well under 1 MB in a release
    /// build; Swift's tasks and NIO's threads have 8 MB).
    static let maximumDepth = 64

    var tokens: [LakeToken]
    var index = 0
    var depth = 0

    init(tokens: [LakeToken]) { self.tokens = tokens }

    /// One level deeper; callers undo it with `depth -= 1` (or by the length of the chain they built).
    mutating func enter() throws(LakeQueryError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw LakeQueryError("Query is nested too deeply (more than \(Self.maximumDepth) levels)", at: current.position)
        }
    }

    var current: LakeToken { tokens[index] }

    func peek(_ offset: Int) -> LakeToken { tokens[min(index + offset, tokens.count - 1)] }

    mutating func take() -> LakeToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func accept(keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        index += 1
        return true
    }

    mutating func accept(symbol: String) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        index += 1
        return true
    }

    mutating func expect(keyword: String) throws(LakeQueryError) {
        guard accept(keyword: keyword) else { throw mismatch(expecting: "'\(keyword.uppercased())'") }
    }

    mutating func expect(symbol: String) throws(LakeQueryError) {
        guard accept(symbol: symbol) else { throw mismatch(expecting: "'\(symbol)'") }
    }

    func mismatch(expecting: String) -> LakeQueryError {
        LakeQueryError("mismatched input \(current.quoted). Expecting: \(expecting)", at: current.position)
    }

    mutating func statement() throws(LakeQueryError) -> LakeQuerySyntax {
        if let word = current.keyword, Self.statements.contains(word) {
            throw LakeQueryError("Only SELECT queries are supported; found '\(current.text)'", at: current.position)
        }
        let query = try self.query()
        if accept(symbol: ";"), current.kind != .end {
            throw LakeQueryError("Only one statement is allowed; found \(current.quoted) after ';'", at: current.position)
        }
        guard current.kind == .end else { throw mismatch(expecting: "';', <EOF>") }
        return query
    }

    mutating func query() throws(LakeQueryError) -> LakeQuerySyntax {
        try enter()
        defer { depth -= 1 }
        if current.isKeyword("with") {
            throw LakeQueryError("WITH (common table expressions) is not supported; use a subquery in FROM", at: current.position)
        }
        let start = current.position
        var query = LakeQuerySyntax(body: try setExpression(), position: start)
        if accept(keyword: "order") {
            try expect(keyword: "by")
            query.orderBy = try sortItems()
        }
        if accept(keyword: "offset") {
            query.offset = try count()
            _ = accept(keyword: "rows") || accept(keyword: "row")
        }
        if accept(keyword: "limit") {
            if !accept(keyword: "all") { query.limit = try count() }
        } else if accept(keyword: "fetch") {
            guard accept(keyword: "first") || accept(keyword: "next") else { throw mismatch(expecting: "'FIRST', 'NEXT'") }
            query.limit = current.kind == .integer ? try count() : LakeCount(value: 1, position: current.position)
            guard accept(keyword: "rows") || accept(keyword: "row") else { throw mismatch(expecting: "'ROW', 'ROWS'") }
            try expect(keyword: "only")
        }
        if query.offset == nil, accept(keyword: "offset") {
            query.offset = try count()
            _ = accept(keyword: "rows") || accept(keyword: "row")
        }
        return query
    }

    private mutating func count() throws(LakeQueryError) -> LakeCount {
        let token = current
        guard token.kind == .integer, let value = Int64(token.text) else { throw mismatch(expecting: "<integer>") }
        index += 1
        return LakeCount(value: value, position: token.position)
    }

    mutating func sortItems() throws(LakeQueryError) -> [LakeSortItem] {
        var items: [LakeSortItem] = []
        repeat {
            var item = LakeSortItem(expression: try expression(), descending: false, nullsFirst: nil)
            if accept(keyword: "desc") {
                item.descending = true
            } else {
                _ = accept(keyword: "asc")
            }
            if accept(keyword: "nulls") {
                if accept(keyword: "first") {
                    item.nullsFirst = true
                } else {
                    try expect(keyword: "last")
                    item.nullsFirst = false
                }
            }
            items.append(item)
        } while accept(symbol: ",")
        return items
    }

    /// UNION and EXCEPT, left to right, over INTERSECT (which binds tighter, as in Trino and PostgreSQL).
    private mutating func setExpression() throws(LakeQueryError) -> LakeQueryBody {
        var left = try intersection()
        let outer = depth
        defer { depth = outer }
        while let word = current.keyword, word == "union" || word == "except" {
            try enter()
            let position = take().position
            let all = try quantifier()
            left = .setOperation(word == "union" ? .union : .except, all: all, left, try intersection(), position: position)
        }
        return left
    }

    private mutating func intersection() throws(LakeQueryError) -> LakeQueryBody {
        var left = try queryPrimary()
        let outer = depth
        defer { depth = outer }
        while current.isKeyword("intersect") {
            try enter()
            let position = take().position
            let all = try quantifier()
            left = .setOperation(.intersect, all: all, left, try queryPrimary(), position: position)
        }
        return left
    }

    private mutating func quantifier() throws(LakeQueryError) -> Bool {
        if accept(keyword: "all") { return true }
        _ = accept(keyword: "distinct")
        return false
    }

    private mutating func queryPrimary() throws(LakeQueryError) -> LakeQueryBody {
        if current.isKeyword("select") { return .select(try select()) }
        if accept(symbol: "(") {
            let inner = try query()
            try expect(symbol: ")")
            return .nested(inner)
        }
        if current.isKeyword("with") { _ = try query() }
        throw mismatch(expecting: "'SELECT', '('")
    }

    private mutating func select() throws(LakeQueryError) -> LakeSelect {
        var select = LakeSelect(position: take().position)
        if accept(keyword: "distinct") {
            select.distinct = true
        } else {
            _ = accept(keyword: "all")
        }
        repeat { select.items.append(try selectItem()) } while accept(symbol: ",")
        if accept(keyword: "from") {
            repeat { select.from.append(try relation()) } while accept(symbol: ",")
        }
        if accept(keyword: "where") { select.filter = try expression() }
        if accept(keyword: "group") {
            try expect(keyword: "by")
            if let word = current.keyword, ["rollup", "cube", "grouping"].contains(word) {
                throw LakeQueryError("\(word.uppercased()) is not supported", at: current.position)
            }
            repeat { select.groupBy.append(try expression()) } while accept(symbol: ",")
        }
        if accept(keyword: "having") { select.having = try expression() }
        return select
    }

    private mutating func selectItem() throws(LakeQueryError) -> LakeSelectItem {
        if current.isSymbol("*") { return .all(qualifier: nil, position: take().position) }
        if current.kind == .identifier || current.kind == .quotedIdentifier, peek(1).isSymbol("."), peek(2).isSymbol("*") {
            let name = LakeName(spelling: current.text, position: current.position)
            index += 3
            return .all(qualifier: name, position: name.position)
        }
        let value = try expression()
        return .expression(value, alias: try alias())
    }

    /// `AS name`, or a bare name that is not a keyword.
    mutating func alias() throws(LakeQueryError) -> LakeName? {
        if accept(keyword: "as") {
            guard let name = try name(required: true) else { return nil }
            return name
        }
        return try name(required: false)
    }

    mutating func name(required: Bool) throws(LakeQueryError) -> LakeName? {
        let token = current
        if token.kind == .quotedIdentifier || (token.kind == .identifier && !Self.reserved.contains(token.text.lowercased())) {
            index += 1
            return LakeName(spelling: token.text, position: token.position)
        }
        if required { throw mismatch(expecting: "<identifier>") }
        return nil
    }
}
