import Testing

@testable import CairnCore

/// What Lake refuses is refused before anything reaches PostgreSQL, with the position of the offending token.
@Suite struct LakeRefusalTests {
    let a = LakeFixtures.trail

    private func expectRefused(_ text: String, _ line: Int, _ column: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = LakeFixtures.refusal(text) else {
            Issue.record("compiled: \(text)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.line == line && error.column == column, "\(error.message)", sourceLocation: sourceLocation)
        #expect(error.message.hasPrefix("line \(line):\(column): "), "\(error.message)", sourceLocation: sourceLocation)
        #expect(error.message.contains(message), "\(error.message)", sourceLocation: sourceLocation)
    }

    @Test func statementsOtherThanSelectAreRefusedByName() {
        for word in [
            "INSERT INTO t VALUES (1)", "update t SET a = 1", "DELETE FROM t", "CREATE TABLE t (a int)", "DROP TABLE events",
            "SET search_path = x", "CALL p()", "EXPLAIN SELECT 1", "COPY events TO '/tmp/x'", "GRANT ALL ON events TO public",
            "TRUNCATE events", "ALTER TABLE events OWNER TO x", "VALUES (1)", "SHOW tables", "PREPARE p AS SELECT 1", "DO 'x'",
        ] {
            let first = String(word.prefix { $0 != " " })
            expectRefused(word, 1, 1, "Only SELECT queries are supported; found '\(first)'")
        }
    }

    @Test func aSecondStatementIsRefusedEvenAfterACommentOrBlankLines() {
        expectRefused("SELECT eventName FROM \(a); DROP TABLE events", 1, 61, "Only one statement is allowed; found 'DROP'")
        expectRefused("SELECT eventName FROM \(a) -- why not\n; DELETE FROM events", 2, 3, "found 'DELETE'")
        expectRefused("SELECT 1;;", 1, 10, "found ';'")
        #expect(LakeFixtures.refusal("SELECT eventName FROM \(a);") == nil, "one trailing ';' is fine")
        #expect(LakeFixtures.refusal("SELECT eventName /* ; DROP TABLE x */ FROM \(a) -- ; DROP\n") == nil, "comments are skipped")
    }

    @Test func commonTableExpressionsAreRefusedRecursiveOrNot() {
        expectRefused("WITH x AS (SELECT 1) SELECT * FROM x", 1, 1, "WITH (common table expressions) is not supported")
        expectRefused("WITH RECURSIVE x AS (SELECT 1) SELECT * FROM x", 1, 1, "WITH")
        expectRefused("SELECT * FROM (WITH x AS (SELECT 1) SELECT 1) AS y", 1, 16, "WITH")
    }

    @Test func unknownColumnsAndFieldsAreNamed() {
        expectRefused("SELECT eventnme FROM \(a)", 1, 8, "Column 'eventnme' cannot be resolved")
        expectRefused("SELECT eventTime FROM \(a) WHERE\n  userIdentity.foo = 'x'", 2, 16, "Column 'userIdentity.foo' cannot be resolved")
        expectRefused("SELECT insightState FROM \(a)", 1, 8, "Column 'insightState' cannot be resolved")
        expectRefused("SELECT a.eventName FROM \(a) a JOIN \(a) b ON true WHERE eventName = 'x'", 1, 122, "Column 'eventName' is ambiguous")
    }

    @Test func functionsOutsideTheTableAreRefusedByName() {
        for name in ["pg_sleep", "pg_read_file", "set_config", "current_setting", "dblink", "lo_import", "version", "txid_current", "format"] {
            expectRefused("SELECT \(name)('x') FROM \(a)", 1, 8, "Function '\(name)' not registered")
        }
        expectRefused("SELECT lower(1) FROM \(a)", 1, 8, "Unexpected parameters (bigint) for function lower")
    }

    @Test func fromAcceptsOnlyStoreIdsSubqueriesAndUnnest() {
        expectRefused("SELECT * FROM pg_catalog.pg_class", 1, 15, "'pg_catalog.pg_class' is neither")
        expectRefused("SELECT * FROM information_schema.tables", 1, 15, "'information_schema.tables' is neither")
        expectRefused("SELECT * FROM events", 1, 15, "FROM must name an event data store ID or a subquery")
        expectRefused("SELECT * FROM \"events\"", 1, 15, "'events' is neither")
        expectRefused("SELECT 1 FROM \(a) JOIN pg_user ON true", 1, 57, "'pg_user' is neither")
    }

    @Test func unterminatedStringsIdentifiersAndCommentsAreRefusedWhereTheyOpen() {
        expectRefused("SELECT eventName FROM \(a) WHERE eventName = 'x", 1, 78, "Unterminated string literal")
        expectRefused("SELECT \"eventName FROM \(a)", 1, 8, "Unterminated quoted identifier")
        expectRefused("SELECT 1 /* x", 1, 10, "Unterminated comment")
    }

    @Test func postgresOnlySyntaxIsRefusedInTheLexer() {
        expectRefused("SELECT eventName FROM \(a) WHERE eventName = $1", 1, 78, "Unexpected character '$'")
        expectRefused("SELECT $$x$$ FROM \(a)", 1, 8, "Unexpected character '$'")
        expectRefused("SELECT eventName::text FROM \(a)", 1, 17, "'::' casts are not supported")
        expectRefused("SELECT eventName FROM \(a) WHERE eventName = \\'x\\'", 1, 78, "Unexpected character '\\'")
        expectRefused("SELECT eventName FROM \(a) WHERE eventName = E'\\x'", 1, 79, "mismatched input")
        expectRefused("SELECT eventName FROM \(a) WHERE eventName ~ 'x'", 1, 76, "Unexpected character '~'")
    }

    @Test func intervalLiteralsAreRefusedInFavourOfDateAdd() {
        expectRefused("SELECT eventName FROM \(a) WHERE eventTime > now() - INTERVAL '1' DAY", 1, 86, "INTERVAL literals are not supported")
    }

    @Test func regularExpressionsPostgreSQLWouldReadDifferentlyAreRefused() {
        let prefix = "SELECT eventName FROM \(a) WHERE regexp_like(eventName, "
        expectRefused(prefix + "'(?<=a)b')", 1, 89, "Lookbehind")
        expectRefused(prefix + "'(?<name>a)')", 1, 89, "named groups")
        expectRefused(prefix + "'a*+')", 1, 89, "Possessive")
        expectRefused(prefix + "'a++')", 1, 89, "Possessive")
        expectRefused(prefix + "'a?+')", 1, 89, "Possessive")
        expectRefused(prefix + "'a(?s)b')", 1, 89, "Inline flags")
        expectRefused(prefix + "'(?m)^a')", 1, 89, "Inline flags")
        expectRefused(prefix + "'(?>a)')", 1, 89, "Atomic groups")
        expectRefused(prefix + "'\\Qa\\E')", 1, 89, "Escape '\\Q'")
        expectRefused(prefix + "'\\p{L}')", 1, 89, "Escape '\\p'")
        expectRefused(prefix + "'[a-z&&[^e]]')", 1, 89, "intersection '&&'")
        expectRefused(prefix + "'[a-z[0-9]]')", 1, 89, "Nested character classes")
        expectRefused(prefix + "'a{1,1000}')", 1, 89, "between 0 and 255")
        expectRefused(prefix + "'" + String(repeating: "a", count: 1001) + "')", 1, 89, "longer than 1000 characters")
        expectRefused(prefix + "eventSource)", 1, 89, "requires a string literal")
        #expect(LakeFixtures.refusal(prefix + "'(?i)^create')") == nil, "a leading (?i) is the one flag PostgreSQL reads alike")
    }

    @Test func queriesOverTenThousandCharactersAreRefused() {
        let text = "SELECT eventName FROM \(a) WHERE eventName = '" + String(repeating: "x", count: 10_000) + "'"
        expectRefused(text, 1, 10_001, "exceeds the limit of 10000 characters")
        let atLimit = "SELECT eventName FROM \(a) -- " + String(repeating: "x", count: 10_000 - 62)
        #expect(LakeFixtures.refusal(atLimit) == nil)
    }

    @Test func nestingBeyondSixtyFourLevelsIsRefusedSoTheParserCannotExhaustTheStack() {
        let deep = "SELECT " + String(repeating: "lower(", count: 70) + "'x'" + String(repeating: ")", count: 70)
        expectRefused(deep, 1, 386, "Query is nested too deeply")
        let conditions = (0..<300).map { "eventName = 'e\($0)'" }.joined(separator: " OR ")
        #expect(LakeFixtures.refusal("SELECT eventName FROM \(a) WHERE \(conditions)") == nil, "a long flat OR list does not nest")
    }

    @Test func timestampLiteralsThatDoNotParseAreRefusedAtCompileTime() {
        expectRefused("SELECT eventName FROM \(a) WHERE eventTime > '2024-13-45'", 1, 78, "'2024-13-45' is not a valid timestamp literal")
        expectRefused("SELECT eventName FROM \(a) WHERE eventTime > 'yesterday'", 1, 78, "not a valid timestamp literal")
        expectRefused("SELECT eventName FROM \(a) WHERE eventTime BETWEEN '2024-02-30' AND '2024-03-01'", 1, 84, "'2024-02-30'")
    }

    @Test func groupingMistakesAreRefusedAsTrinoRefusesThem() {
        expectRefused("SELECT eventName, count(*) FROM \(a)", 1, 8, "'eventName' must be an aggregate expression or appear in GROUP BY clause")
        expectRefused("SELECT eventName FROM \(a) GROUP BY eventSource", 1, 8, "'eventName' must be an aggregate expression")
        expectRefused("SELECT count(*) FROM \(a) WHERE count(*) > 1", 1, 74, "WHERE clause cannot contain aggregations")
        expectRefused("SELECT count(count(*)) FROM \(a)", 1, 8, "Cannot nest aggregations")
        expectRefused("SELECT eventName FROM \(a) GROUP BY 2", 1, 69, "GROUP BY position 2 is not in select list")
        expectRefused("SELECT eventName FROM \(a) ORDER BY 3", 1, 69, "ORDER BY position 3 is not in select list")
        expectRefused(
            "SELECT DISTINCT eventName FROM \(a) ORDER BY eventTime", 1, 78, "For SELECT DISTINCT, ORDER BY expressions must appear in select list")
        expectRefused("SELECT row_number() FROM \(a)", 1, 8, "requires an OVER clause")
    }

    @Test func typeMismatchesAreRefused() {
        expectRefused("SELECT eventName FROM \(a) WHERE eventName = 1", 1, 76, "Cannot apply operator: varchar = bigint")
        expectRefused("SELECT eventName FROM \(a) WHERE readOnly = 'true'", 1, 75, "Cannot apply operator: boolean = varchar")
        expectRefused("SELECT eventName FROM \(a) WHERE eventName", 1, 66, "WHERE clause must evaluate to a boolean")
        expectRefused("SELECT eventName FROM \(a) ORDER BY requestParameters", 1, 69, "is not orderable")
        expectRefused("SELECT eventName FROM \(a) UNION SELECT eventName, eventSource FROM \(a)", 1, 60, "different number of fields")
        expectRefused("SELECT date_trunc('fortnight', eventTime) FROM \(a)", 1, 19, "'fortnight' is not a valid TIMESTAMP field")
        expectRefused("SELECT element_at(resources, 0) FROM \(a)", 1, 30, "SQL array indices start at 1")
    }

    @Test func joinsAndFromItemsLakeDoesNotNeedAreRefused() {
        expectRefused("SELECT eventName FROM \(a) NATURAL JOIN \(a)", 1, 60, "NATURAL JOIN is not supported")
        expectRefused("SELECT 1 FROM \(a) x JOIN \(a) y USING (eventName)", 1, 98, "JOIN … USING is not supported")
        expectRefused("SELECT 1 FROM LATERAL (SELECT 1)", 1, 15, "LATERAL is not supported")
        expectRefused("SELECT eventName FROM \(a) WHERE eventName = ANY (SELECT 'x')", 1, 78, "Quantified comparisons")
    }

    @Test func aStoreTheServerDidNotBindIsNotFound() throws {
        let query = try LakeQuery.parse("SELECT eventName FROM \(a)")
        #expect(throws: LakeQueryError(message: "line 1:23: Event data store \(a) not found", line: 1, column: 23)) {
            try query.compile(stores: [:])
        }
    }
}
