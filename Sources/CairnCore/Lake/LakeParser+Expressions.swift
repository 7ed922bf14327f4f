extension LakeParser {
    mutating func expression() throws(LakeQueryError) -> LakeExpression {
        try enter()
        defer { depth -= 1 }
        let first = try conjunction()
        guard current.isKeyword("or") else { return first }
        let position = current.position
        var operands = [first]
        while accept(keyword: "or") { operands.append(try conjunction()) }
        return LakeExpression(.logical("OR", operands), at: position)
    }

    /// `a AND b AND …` as one flat node, so a long list of conditions does not nest.
    private mutating func conjunction() throws(LakeQueryError) -> LakeExpression {
        let first = try negation()
        guard current.isKeyword("and") else { return first }
        let position = current.position
        var operands = [first]
        while accept(keyword: "and") { operands.append(try negation()) }
        return LakeExpression(.logical("AND", operands), at: position)
    }

    private mutating func negation() throws(LakeQueryError) -> LakeExpression {
        if current.isKeyword("not") {
            try enter()
            defer { depth -= 1 }
            let position = take().position
            return LakeExpression(.not(try negation()), at: position)
        }
        return try predicate()
    }

    private static let comparisons: [String: String] = ["=": "=", "<>": "<>", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="]

    /// At most one comparison, BETWEEN, IN, LIKE or IS after a value, as in Trino's grammar.
    private mutating func predicate() throws(LakeQueryError) -> LakeExpression {
        let left = try value()
        let position = current.position
        if current.kind == .symbol, let op = Self.comparisons[current.text] {
            index += 1
            if let word = current.keyword, ["any", "some", "all"].contains(word), peek(1).isSymbol("(") {
                throw LakeQueryError("Quantified comparisons (\(word.uppercased())) are not supported; use IN or EXISTS", at: current.position)
            }
            return LakeExpression(.binary(op, left, try value()), at: position)
        }
        if accept(keyword: "is") {
            let negated = accept(keyword: "not")
            if accept(keyword: "null") { return LakeExpression(.isNull(left, negated: negated), at: position) }
            try expect(keyword: "distinct")
            try expect(keyword: "from")
            return LakeExpression(.distinctFrom(left, try value(), negated: negated), at: position)
        }
        let negated = current.isKeyword("not") && ["between", "in", "like"].contains(peek(1).keyword ?? "")
        if negated { index += 1 }
        if accept(keyword: "between") {
            let low = try value()
            try expect(keyword: "and")
            return LakeExpression(.between(left, low, try value(), negated: negated), at: position)
        }
        if accept(keyword: "like") {
            let pattern = try value()
            let escape = accept(keyword: "escape") ? try value() : nil
            return LakeExpression(.like(left, pattern: pattern, escape: escape, negated: negated), at: position)
        }
        if accept(keyword: "in") {
            try expect(symbol: "(")
            if current.isKeyword("select") || current.isKeyword("with") {
                let inner = try query()
                try expect(symbol: ")")
                return LakeExpression(.inQuery(left, inner, negated: negated), at: position)
            }
            var list: [LakeExpression] = []
            repeat { list.append(try expression()) } while accept(symbol: ",")
            try expect(symbol: ")")
            return LakeExpression(.inList(left, list, negated: negated), at: position)
        }
        return left
    }

    mutating func value() throws(LakeQueryError) -> LakeExpression {
        var left = try additive()
        let outer = depth
        defer { depth = outer }
        while current.isSymbol("||") {
            try enter()
            let position = take().position
            left = LakeExpression(.binary("||", left, try additive()), at: position)
        }
        return left
    }

    private mutating func additive() throws(LakeQueryError) -> LakeExpression {
        var left = try multiplicative()
        let outer = depth
        defer { depth = outer }
        while current.isSymbol("+") || current.isSymbol("-") {
            try enter()
            let token = take()
            left = LakeExpression(.binary(token.text, left, try multiplicative()), at: token.position)
        }
        return left
    }

    private mutating func multiplicative() throws(LakeQueryError) -> LakeExpression {
        var left = try unary()
        let outer = depth
        defer { depth = outer }
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            try enter()
            let token = take()
            left = LakeExpression(.binary(token.text, left, try unary()), at: token.position)
        }
        return left
    }

    private mutating func unary() throws(LakeQueryError) -> LakeExpression {
        if current.isSymbol("-") {
            try enter()
            defer { depth -= 1 }
            let position = take().position
            let operand = try unary()
            switch operand.kind {
            case .integer(let v): return LakeExpression(.integer(-v), at: position)
            case .decimal(let v): return LakeExpression(.decimal(-v), at: position)
            default: return LakeExpression(.negate(operand), at: position)
            }
        }
        if current.isSymbol("+") {
            try enter()
            defer { depth -= 1 }
            index += 1
            return try unary()
        }
        let operand = try postfix()
        if current.isKeyword("at"), peek(1).isKeyword("time") {
            throw LakeQueryError("AT TIME ZONE is not supported; event times are UTC", at: current.position)
        }
        if current.isSymbol("->") { throw mismatch(expecting: "<expression>") }
        return operand
    }

    /// Field access (`a.b`) and subscripts (`m['k']`, `a[1]`) after a primary.
    private mutating func postfix() throws(LakeQueryError) -> LakeExpression {
        var base = try primary()
        let outer = depth
        defer { depth = outer }
        while true {
            try enter()
            if current.isSymbol(".") {
                index += 1
                let token = current
                guard token.kind == .identifier || token.kind == .quotedIdentifier else { throw mismatch(expecting: "<identifier>") }
                index += 1
                base = LakeExpression(.field(base, LakeName(spelling: token.text, position: token.position)), at: base.position)
            } else if current.isSymbol("[") {
                let position = take().position
                let key = try expression()
                try expect(symbol: "]")
                base = LakeExpression(.subscript(base, key), at: position)
            } else {
                return base
            }
        }
    }

    private mutating func primary() throws(LakeQueryError) -> LakeExpression {
        let token = current
        switch token.kind {
        case .string:
            index += 1
            return LakeExpression(.string(token.text), at: token.position)
        case .integer:
            index += 1
            guard let v = Int64(token.text) else {
                throw LakeQueryError("Invalid numeric literal: \(token.text)", at: token.position)
            }
            return LakeExpression(.integer(v), at: token.position)
        case .decimal:
            index += 1
            guard let v = Double(token.text), v.isFinite else {
                throw LakeQueryError("Invalid numeric literal: \(token.text)", at: token.position)
            }
            return LakeExpression(.decimal(v), at: token.position)
        case .quotedIdentifier:
            index += 1
            return LakeExpression(.name(LakeName(spelling: token.text, position: token.position)), at: token.position)
        case .identifier:
            return try word()
        case .symbol where token.text == "(":
            return try parenthesised()
        default:
            throw mismatch(expecting: "<expression>")
        }
    }

    private mutating func word() throws(LakeQueryError) -> LakeExpression {
        let token = current
        let position = token.position
        let word = token.text.lowercased()
        switch word {
        case "true", "false":
            index += 1
            return LakeExpression(.boolean(word == "true"), at: position)
        case "null":
            index += 1
            return LakeExpression(.null, at: position)
        case "interval":
            throw LakeQueryError("INTERVAL literals are not supported; use date_add(unit, value, timestamp)", at: position)
        case "timestamp" where peek(1).kind == .string, "date" where peek(1).kind == .string:
            index += 2
            return LakeExpression(.typedLiteral(type: word, value: peek(-1).text), at: position)
        case "case":
            return try caseExpression()
        case "cast" where peek(1).isSymbol("("), "try_cast" where peek(1).isSymbol("("):
            index += 2
            let operand = try expression()
            try expect(keyword: "as")
            let type = try typeName()
            try expect(symbol: ")")
            return LakeExpression(.cast(operand, type, isTry: word == "try_cast"), at: position)
        case "exists" where peek(1).isSymbol("("):
            index += 2
            let inner = try query()
            try expect(symbol: ")")
            return LakeExpression(.exists(inner), at: position)
        case "current_timestamp", "current_date":
            index += 1
            return LakeExpression(word == "current_date" ? .currentDate : .currentTimestamp, at: position)
        case "extract" where peek(1).isSymbol("("):
            index += 2
            guard let field = try name(required: true) else { throw mismatch(expecting: "<identifier>") }
            try expect(keyword: "from")
            let operand = try expression()
            try expect(symbol: ")")
            return LakeExpression(.extract(field: field, operand), at: position)
        default:
            break
        }
        if peek(1).isSymbol("->") {
            index += 2
            let body = try expression()
            return LakeExpression(.lambda([LakeName(spelling: token.text, position: position)], body), at: position)
        }
        if peek(1).isSymbol("(") { return try call() }
        if LakeParser.reserved.contains(word) && !["limit", "offset", "fetch", "window", "lateral", "over", "filter", "ordinality"].contains(word) {
            throw mismatch(expecting: "<expression>")
        }
        index += 1
        return LakeExpression(.name(LakeName(spelling: token.text, position: position)), at: position)
    }

    /// `( expr )`, `( SELECT … )`, or a lambda's parameter list `(a, b) -> …`.
    private mutating func parenthesised() throws(LakeQueryError) -> LakeExpression {
        let position = take().position
        var offset = 0
        var parameters: [LakeName] = []
        while peek(offset).kind == .identifier {
            parameters.append(LakeName(spelling: peek(offset).text, position: peek(offset).position))
            if peek(offset + 1).isSymbol(",") {
                offset += 2
            } else {
                break
            }
        }
        if !parameters.isEmpty, peek(offset + 1).isSymbol(")"), peek(offset + 2).isSymbol("->") {
            index += offset + 3
            return LakeExpression(.lambda(parameters, try expression()), at: position)
        }
        if current.isKeyword("select") || current.isKeyword("with") {
            let inner = try query()
            try expect(symbol: ")")
            return LakeExpression(.scalarQuery(inner), at: position)
        }
        var inner = try expression()
        if current.isSymbol(",") { throw LakeQueryError("Row constructors are not supported", at: current.position) }
        try expect(symbol: ")")
        inner.position = position
        return inner
    }

    private mutating func caseExpression() throws(LakeQueryError) -> LakeExpression {
        let position = take().position
        let operand = current.isKeyword("when") ? nil : try expression()
        var branches: [LakeCaseBranch] = []
        while accept(keyword: "when") {
            let condition = try expression()
            try expect(keyword: "then")
            branches.append(LakeCaseBranch(condition: condition, result: try expression()))
        }
        if branches.isEmpty { throw mismatch(expecting: "'WHEN'") }
        let otherwise = accept(keyword: "else") ? try expression() : nil
        try expect(keyword: "end")
        return LakeExpression(.caseWhen(operand: operand, branches: branches, otherwise: otherwise), at: position)
    }

    private mutating func call() throws(LakeQueryError) -> LakeExpression {
        let nameToken = take()
        index += 1
        var call = LakeCall(name: LakeName(spelling: nameToken.text, position: nameToken.position))
        if accept(symbol: "*") {
            call.star = true
        } else if !current.isSymbol(")") {
            if accept(keyword: "distinct") {
                call.distinct = true
            } else {
                _ = accept(keyword: "all")
            }
            repeat { call.arguments.append(try expression()) } while accept(symbol: ",")
        }
        if current.isKeyword("order") {
            throw LakeQueryError("ORDER BY inside a function call is not supported", at: current.position)
        }
        try expect(symbol: ")")
        if accept(keyword: "filter") {
            try expect(symbol: "(")
            try expect(keyword: "where")
            call.filter = try expression()
            try expect(symbol: ")")
        }
        if accept(keyword: "over") {
            try expect(symbol: "(")
            var window = LakeWindow(partition: [], order: [])
            if accept(keyword: "partition") {
                try expect(keyword: "by")
                repeat { window.partition.append(try expression()) } while accept(symbol: ",")
            }
            if accept(keyword: "order") {
                try expect(keyword: "by")
                window.order = try sortItems()
            }
            if let word = current.keyword, ["rows", "range", "groups"].contains(word) {
                throw LakeQueryError("Window frames are not supported", at: current.position)
            }
            try expect(symbol: ")")
            call.window = window
        }
        return LakeExpression(.call(call), at: nameToken.position)
    }

    /// `varchar`, `varchar(10)`, `double precision`, `map(varchar, json)`, `array(varchar)`, `timestamp(3)`.
    mutating func typeName() throws(LakeQueryError) -> LakeTypeName {
        let token = current
        guard token.kind == .identifier else { throw mismatch(expecting: "<type>") }
        index += 1
        var type = LakeTypeName(name: token.text.lowercased(), parameters: [], position: token.position)
        if type.name == "double" { _ = accept(keyword: "precision") }
        if accept(symbol: "(") {
            repeat {
                if current.kind == .integer {
                    index += 1
                } else {
                    type.parameters.append(try typeName())
                }
            } while accept(symbol: ",")
            try expect(symbol: ")")
        }
        if current.isKeyword("with") || current.isKeyword("without") {
            throw LakeQueryError("Time zone types are not supported", at: current.position)
        }
        return type
    }
}
