/// A Lake query as PostgreSQL runs it: every result column is text (rendered as Lake renders values), named `"c0"`,
/// `"c1"`, …; `columns` holds the names Lake shows for them.
public struct LakeCompiledQuery: Sendable {
    public var sql: String
    public var binds: [LakeValue]
    public var columns: [String]

    public init(sql: String, binds: [LakeValue], columns: [String]) {
        self.sql = sql
        self.binds = binds
        self.columns = columns
    }
}
