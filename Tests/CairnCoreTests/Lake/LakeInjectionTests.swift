import Testing

@testable import CairnCore

/// User text never reaches PostgreSQL as SQL: whatever a literal holds, it is bound, and the SQL is the same.
@Suite struct LakeInjectionTests {
    static let hostile = [
        "'; DROP TABLE events; --", "' OR 1=1 --", "it''s", "$$; SELECT pg_sleep(10); $$", "\\'; DROP TABLE x; --", "\\",
        "*/ DROP TABLE x /*", "\"; DROP TABLE x; --", "%' OR '1'='1", "');COMMIT;DROP TABLE x;--",
    ]

    @Test(arguments: hostile) func aHostileLiteralIsBoundAndAbsentFromTheSQL(_ payload: String) throws {
        let a = LakeFixtures.trail
        let quoted = payload.replacingOccurrences(of: "'", with: "''")
        let shapes = [
            "SELECT eventName FROM \(a) WHERE eventName = '\(quoted)'",
            "SELECT eventName FROM \(a) WHERE eventName LIKE '\(quoted)' OR element_at(requestParameters, '\(quoted)') IS NULL",
            "SELECT concat(eventName, '\(quoted)') AS x FROM \(a) WHERE json_extract_scalar(eventjson, '$[\"\(quoted.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"]') IS NULL",
            "SELECT eventName FROM \(a) WHERE regexp_like(eventName, '\(quoted.filter { !"\\*+?()[]{}$".contains($0) })')",
            "SELECT eventName FROM \(a) WHERE eventName IN ('\(quoted)', 'x') ORDER BY eventName LIMIT 5",
        ]
        let reference = try LakeFixtures.compile(shapes[0].replacingOccurrences(of: quoted, with: "harmless"))
        for (n, text) in shapes.enumerated() {
            let q = try LakeFixtures.compile(text)
            let literal = payload.replacingOccurrences(of: "''", with: "'")
            if literal.count > 1 { #expect(!q.sql.contains(literal), "shape \(n)") }
            #expect(!q.sql.contains("DROP") && !q.sql.contains("pg_sleep") && !q.sql.contains("COMMIT"), "shape \(n)")
            #expect(!q.sql.contains(";"), "shape \(n)")
            if n == 0 {
                #expect(q.sql == reference.sql, "the literal changes only the binds")
                #expect(q.binds.contains(.text(payload)))
            }
        }
    }

    @Test func aliasesAndQuotedNamesNeverReachTheSQL() throws {
        let q = try LakeFixtures.compile(
            "SELECT eventName AS \"x\"\"; DROP TABLE events; --\" FROM \(LakeFixtures.trail) AS \"t; DROP\"")
        #expect(q.columns == ["x\"; DROP TABLE events; --"])
        #expect(!q.sql.contains("DROP"))
    }
}
