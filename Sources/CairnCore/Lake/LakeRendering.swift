/// How Lake shows a value in query results: every value is a string (§5 of the Lake reference). Timestamps print
/// with milliseconds, booleans as `true`/`false`, doubles as Java prints them, structures as compact JSON.
enum LakeRendering {
    static func text(_ sql: String, _ type: LakeType) -> String {
        switch type {
        case .varchar: return sql
        case .bigint, .integer, .unknown: return "CAST(\(sql) AS text)"
        case .double: return "cairn_lake_double_text(\(sql))"
        case .boolean: return "(CASE \(sql) WHEN true THEN 'true' WHEN false THEN 'false' END)"
        case .timestamp: return "to_char(\(sql), 'YYYY-MM-DD HH24:MI:SS.MS')"
        case .date: return "to_char(\(sql), 'YYYY-MM-DD')"
        case .json, .map, .array, .row: return "cairn_lake_compact(\(sql))"
        }
    }
}
