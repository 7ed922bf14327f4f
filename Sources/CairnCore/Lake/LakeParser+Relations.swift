extension LakeParser {
    /// One FROM item with the joins that follow it.
    mutating func relation() throws(LakeQueryError) -> LakeRelation {
        var left = try relationPrimary()
        let outer = depth
        defer { depth = outer }
        while true {
            try enter()
            let position = current.position
            if current.isKeyword("natural") {
                throw LakeQueryError("NATURAL JOIN is not supported", at: position)
            }
            if accept(keyword: "cross") {
                try expect(keyword: "join")
                left = .join(.cross, left, try relationPrimary(), on: nil, position: position)
                continue
            }
            var kind: LakeJoinKind
            if accept(keyword: "join") {
                kind = .inner
            } else if accept(keyword: "inner") {
                kind = .inner
                try expect(keyword: "join")
            } else if let word = current.keyword, ["left", "right", "full"].contains(word) {
                index += 1
                kind = word == "left" ? .left : word == "right" ? .right : .full
                _ = accept(keyword: "outer")
                try expect(keyword: "join")
            } else {
                return left
            }
            let right = try relationPrimary()
            if current.isKeyword("using") {
                throw LakeQueryError("JOIN … USING is not supported; use JOIN … ON", at: current.position)
            }
            try expect(keyword: "on")
            left = .join(kind, left, right, on: try expression(), position: position)
        }
    }

    private mutating func relationPrimary() throws(LakeQueryError) -> LakeRelation {
        let token = current
        switch token.kind {
        case .storeID:
            index += 1
            return .store(id: token.text, position: token.position, alias: try relationAlias())
        case .symbol where token.text == "(":
            index += 1
            if current.isKeyword("select") || current.isKeyword("with") || current.isSymbol("(") {
                let inner = try query()
                try expect(symbol: ")")
                return .subquery(inner, alias: try relationAlias())
            }
            let inner = try relation()
            try expect(symbol: ")")
            return inner
        case .identifier where token.isKeyword("unnest") && peek(1).isSymbol("("):
            index += 2
            var arrays: [LakeExpression] = []
            repeat { arrays.append(try expression()) } while accept(symbol: ",")
            try expect(symbol: ")")
            var ordinality = false
            if current.isKeyword("with"), peek(1).isKeyword("ordinality") {
                index += 2
                ordinality = true
            }
            return .unnest(arrays, ordinality: ordinality, alias: try relationAlias(), position: token.position)
        case .identifier where token.isKeyword("lateral"):
            throw LakeQueryError("LATERAL is not supported", at: token.position)
        case .identifier, .quotedIdentifier:
            var name = token.text
            var offset = 1
            while peek(offset).isSymbol("."), [.identifier, .quotedIdentifier].contains(peek(offset + 1).kind) {
                name += "." + peek(offset + 1).text
                offset += 2
            }
            throw LakeQueryError(
                "FROM must name an event data store ID or a subquery; '\(name)' is neither", at: token.position)
        default:
            throw mismatch(expecting: "<event data store ID>, '(', 'UNNEST'")
        }
    }

    /// `[AS] name [(column, …)]`.
    private mutating func relationAlias() throws(LakeQueryError) -> LakeAlias? {
        guard let name = try alias() else { return nil }
        var columns: [LakeName] = []
        if accept(symbol: "(") {
            repeat {
                guard let column = try self.name(required: true) else { break }
                columns.append(column)
            } while accept(symbol: ",")
            try expect(symbol: ")")
        }
        return LakeAlias(name: name, columns: columns)
    }
}
