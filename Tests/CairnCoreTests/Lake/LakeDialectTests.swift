import Foundation
import Testing

@testable import CairnCore

/// Trino's dialect as Lake documents it, compiled with Trino's meaning rather than PostgreSQL's where the two differ.
@Suite struct LakeDialectTests {
    let a = LakeFixtures.trail

    @Test func javaRegularExpressionsAreRewrittenWherePostgreSQLSpellsThemDifferently() throws {
        #expect(try LakeRegex.translate(#"\bfoo\B"#).pattern == #"\yfoo\Y"#, "\\b is a backspace in PostgreSQL")
        #expect(try LakeRegex.translate(#"\x41\x{1F600}"#).pattern == #"\u0041\U0001F600"#)
        #expect(try LakeRegex.translate(#"^\Aa\z"#).pattern == #"^\Aa\Z"#)
        #expect(try LakeRegex.translate("(?i)(a)(?:b)(c)").groups == 2)
        #expect(try LakeRegex.translate("(?i)ab").wholeMatch == "(?i)(ab)", "the leading flag stays first")
        #expect(try LakeRegex.translate(#"[\d\]a-z]{2,5}?"#).pattern == #"[\d\]a-z]{2,5}?"#)
        #expect(try LakeRegex.replacement("$1-$0-\\$", groups: 1) == #"\1-\&-$"#)
        #expect(throws: LakeRefusal.self) { try LakeRegex.replacement("$2", groups: 1) }
        #expect(throws: LakeRefusal.self) { try LakeRegex.translate("*a") }
    }

    @Test func regexpFunctionsBindTheTranslatedPatternAndReplaceEveryMatch() throws {
        let q = try LakeFixtures.compile(
            "SELECT regexp_extract(eventName, 'Create(\\w+)', 1) AS what, regexp_replace(eventName, '([A-Z])', '_$1') AS snake FROM \(a)")
        #expect(q.sql.contains("(regexp_match(\"t1\".\"event_name\", $"))
        #expect(
            q.binds.contains(.text("(Create(\\w+))")) && q.binds.contains(.integer(2)), "group 1 of Trino is group 2 once the whole match is wrapped")
        #expect(q.binds.contains(.text("_\\1")) && q.sql.contains("'g')"))
    }

    @Test func timestampLiteralsAcceptLakesFormsAsUTC() {
        let expected = LakeFixtures.utc("2024-03-01T13:51:00Z")
        #expect(LakeTimestampLiteral.timestamp("2024-03-01 13:51:00") == expected)
        #expect(LakeTimestampLiteral.timestamp("2024-03-01T13:51:00Z") == expected)
        #expect(LakeTimestampLiteral.timestamp("2024-03-01 13:51") == expected)
        #expect(LakeTimestampLiteral.timestamp("2024-03-01 15:51:00+02:00") == expected)
        #expect(LakeTimestampLiteral.timestamp("2024-03-01 13:51:00.250") == expected.addingTimeInterval(0.25))
        #expect(LakeTimestampLiteral.timestamp("2020-01-01") == LakeFixtures.utc("2020-01-01T00:00:00Z"))
        #expect(LakeTimestampLiteral.timestamp("2024-02-29 00:00:00") != nil)
        for bad in ["2023-02-29", "2024-03-01 24:00:00", "2024-3-1", "2024-03-01 13:51:00 junk", "", "now"] {
            #expect(LakeTimestampLiteral.timestamp(bad) == nil, "\(bad)")
        }
        #expect(LakeTimestampLiteral.date("2024-03-01 00:00:00") == nil)
    }

    @Test func eventTimeComparesAsAnInstantInWhereButAsUTCTimestampInTheSelectList() throws {
        let q = try LakeFixtures.compile(
            "SELECT eventTime > '2024-01-01' AS recent FROM \(a) WHERE eventTime BETWEEN '2024-01-01' AND TIMESTAMP '2024-02-01 00:00:00'")
        #expect(q.sql.contains(#"("t1"."event_time" BETWEEN $"#) && q.sql.contains("::timestamptz AND $"))
        #expect(q.sql.contains(#"(("t1"."event_time" AT TIME ZONE 'UTC') > ($"#))
        #expect(q.binds.contains(.timestamp(LakeFixtures.utc("2024-02-01T00:00:00Z"))))
    }

    @Test func varcharOrderingIsByCodePointAndNullsSortLast() throws {
        let q = try LakeFixtures.compile("SELECT eventName FROM \(a) WHERE eventName > 'M' ORDER BY eventName NULLS FIRST, awsRegion DESC")
        #expect(q.sql.contains(#"("t1"."event_name" COLLATE "C" > $"#))
        #expect(q.sql.contains(#"COLLATE "C" ASC NULLS FIRST"#) && q.sql.contains(#"COLLATE "C" DESC NULLS LAST"#))
    }

    @Test func eventTimeSortsWithoutANullsClauseExceptOnTheOuterSideOfAJoin() throws {
        let q = try LakeFixtures.compile(
            "SELECT i.eventTime, m.eventTime FROM \(LakeFixtures.insights) AS i LEFT JOIN \(a) AS m ON m.eventTime > i.eventTime ORDER BY i.eventTime, m.eventTime DESC"
        )
        #expect(q.sql.contains(#"ORDER BY "q0"."h0" ASC, "q0"."h1" DESC NULLS LAST"#))
        #expect(q.sql.contains(#"("t2"."event_time" > "t1"."event_time")"#), "the join still compares instants")
    }

    @Test func resultValuesRenderAsLakeShowsThem() throws {
        let q = try LakeFixtures.compile(
            "SELECT readOnly, count(*) AS n, avg(1) AS mean, requestParameters, date(eventTime) AS day, NULL AS nothing FROM \(a) GROUP BY readOnly, requestParameters, date(eventTime)"
        )
        #expect(q.sql.contains(#"(CASE "q0"."c0" WHEN true THEN 'true' WHEN false THEN 'false' END)"#))
        #expect(q.sql.contains(#"CAST("q0"."c1" AS text)"#) && q.sql.contains(#"cairn_lake_double_text("q0"."c2")"#))
        #expect(q.sql.contains(#"cairn_lake_compact("q0"."c3")"#) && q.sql.contains(#"to_char("q0"."c4", 'YYYY-MM-DD')"#))
        #expect(q.columns == ["readOnly", "n", "mean", "requestParameters", "day", "nothing"])
    }

    @Test func selectStarListsLakesColumnsButNotTheRecordText() throws {
        let q = try LakeFixtures.compile("SELECT * FROM \(a)")
        #expect(q.columns.first == "eventversion" && q.columns.contains("useridentity") && q.columns.contains("tlsdetails"))
        #expect(!q.columns.contains("eventjson"))
        let insights = try LakeFixtures.compile("SELECT * FROM \(LakeFixtures.insights)")
        #expect(insights.columns.contains("insightcontext") && !insights.columns.contains("useridentity"))
    }

    @Test func lambdasWindowsAndUnnestCompile() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT eventName, filter(resources, r -> r.type LIKE 'AWS::S3::%') AS objects, transform(resources, r -> lower(r.arn)) AS arns,
                   all_match(resources, r -> r.arn IS NOT NULL) AS complete, none_match(resources, r -> r.type = 'x') AS clean,
                   row_number() OVER (PARTITION BY eventSource ORDER BY eventTime DESC) AS n, t.type
            FROM \(a) CROSS JOIN UNNEST(resources) WITH ORDINALITY AS t(accountid, type, arn, arnprefix, position)
            """)
        #expect(q.columns == ["eventName", "objects", "arns", "complete", "clean", "n", "type"])
        #expect(
            q.sql.contains(
                "row_number() OVER (PARTITION BY \"t1\".\"event_source\" ORDER BY (\"t1\".\"event_time\" AT TIME ZONE 'UTC') DESC NULLS LAST)"))
        #expect(q.sql.contains("WITH ORDINALITY AS \"t2\"(\"c0\", \"c1\")"))
    }

    @Test func setOperationsWidenNumericColumnsOnBothSides() throws {
        let q = try LakeFixtures.compile("SELECT 1 AS x UNION SELECT 2.5 ORDER BY x")
        #expect(q.sql.contains("CAST(\"u1\".\"c0\" AS double precision)") && q.columns == ["x"])
    }

    @Test func castsFollowTrinoAndTryCastReadsNullForBadText() throws {
        let q = try LakeFixtures.compile(
            "SELECT CAST('42' AS bigint) AS n, TRY_CAST(eventName AS bigint) AS bad, CAST(readOnly AS varchar) AS ro, CAST(requestParameters AS json) AS js, TRY_CAST('x' AS timestamp) AS never FROM \(a)"
        )
        #expect(q.sql.contains("CAST($") && q.sql.contains("cairn_lake_bigint(\"t1\".\"event_name\")"))
        #expect(q.sql.contains("CAST(NULL AS timestamp)"))
        #expect(LakeFixtures.refusal("SELECT CAST('x' AS timestamp)")?.message == "line 1:13: Value cannot be cast to timestamp(3): x")
    }

    @Test func theFunctionTableWritesOnlyItsOwnSQLAndEveryPlaceholderHasAnArgument() {
        for function in LakeFunctionTable.all where function.special == nil {
            var rest = Substring(function.template)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                let placeholder = rest[rest.index(after: open)..<close]
                if let index = Int(placeholder.split(separator: ":")[0]) {
                    #expect(index < function.parameters.count, "\(function.name): \(function.template)")
                } else {
                    #expect(["d", "filter", "over"].contains(placeholder), "\(function.name): \(placeholder)")
                }
                rest = rest[rest.index(after: close)...]
            }
            #expect(function.name == function.name.lowercased())
        }
    }

    @Test func schemaKeysAreSafeToWriteIntoSQL() {
        func check(_ fields: [LakeField]) {
            for field in fields {
                #expect(field.path.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }, "\(field.name)")
                #expect(field.name == field.name.lowercased())
                switch field.type {
                case .row(let inner): check(inner)
                case .array(.row(let inner)): check(inner)
                default: break
                }
            }
        }
        check(LakeSchema.cloudTrail)
        check(LakeSchema.insight)
        check(LakeSchema.activityAuditLog)
    }

    @Test func storeIdsAreListedOnceInOrderAndLowerCased() throws {
        let query = try LakeQuery.parse(
            "SELECT 1 FROM \(a.uppercased()) JOIN \(LakeFixtures.insights) ON true WHERE EXISTS (SELECT 1 FROM \(a))")
        #expect(query.storeIDs == [a, LakeFixtures.insights])
    }

    @Test func theNulCharacterIsRefusedBecausePostgreSQLTextCannotHoldIt() {
        #expect(LakeFixtures.refusal("SELECT 'a\u{0}b'")?.column == 10)
    }
}
