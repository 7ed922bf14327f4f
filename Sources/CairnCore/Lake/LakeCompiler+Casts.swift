extension LakeCompiler {
    /// The Lake type a CAST names.
    func type(_ name: LakeTypeName) throws(LakeQueryError) -> LakeType {
        switch (name.name, name.parameters.count) {
        case ("varchar", 0), ("char", 0): return .varchar
        case ("bigint", 0): return .bigint
        case ("integer", 0), ("int", 0), ("smallint", 0), ("tinyint", 0): return .integer
        case ("double", 0), ("real", 0), ("decimal", 0): return .double
        case ("boolean", 0): return .boolean
        case ("timestamp", 0): return .timestamp
        case ("date", 0): return .date
        case ("json", 0): return .json
        case ("array", 1): return .array(try type(name.parameters[0]))
        case ("map", 2):
            guard try type(name.parameters[0]) == .varchar else {
                throw LakeQueryError("Only maps with varchar keys are supported", at: name.parameters[0].position)
            }
            return .map(try type(name.parameters[1]))
        default:
            throw LakeQueryError("Unknown type: \(name.name)", at: name.position)
        }
    }

    /// CAST and TRY_CAST. TRY_CAST from text reads NULL where the text is not a value of the type; so does CAST
    /// to timestamp and date (PostgreSQL would silently drop a zone Trino honours, so both go through the same
    /// parser).
    mutating func cast(
        _ operand: LakeExpression, to name: LakeTypeName, isTry: Bool, _ scope: LakeScope
    ) throws(LakeQueryError)
        -> LakeSQLExpression
    {
        let target = try type(name)
        if case .string(let text) = operand.kind, target == .timestamp || target == .date {
            let parsed = target == .date ? LakeTimestampLiteral.date(text) : LakeTimestampLiteral.timestamp(text)
            if let parsed { return bound(.timestamp(parsed), target) }
            if isTry { return LakeSQLExpression("CAST(NULL AS \(target.postgres))", target) }
            throw LakeQueryError("Value cannot be cast to \(target): \(text)", at: operand.position)
        }
        let value = try expression(operand, scope)
        if value.type == target { return value }
        guard let sql = conversion(value, to: target, isTry: isTry) else {
            throw LakeQueryError("Cannot cast \(value.type) to \(target)", at: operand.position)
        }
        return .node(sql, target, [value])
    }

    private func conversion(_ value: LakeSQLExpression, to target: LakeType, isTry: Bool) -> String? {
        let x = value.sql
        switch (value.type, target) {
        case (.unknown, _):
            return "CAST(NULL AS \(target.postgres))"
        case (.double, .varchar):
            return "cairn_lake_double_text(\(x))"
        case (.bigint, .varchar), (.integer, .varchar), (.boolean, .varchar):
            return "CAST(\(x) AS text)"
        case (.timestamp, .varchar):
            return LakeRendering.text(x, .timestamp)
        case (.date, .varchar):
            return LakeRendering.text(x, .date)
        case (.json, .varchar):
            return "cairn_lake_text(\(x))"
        case (.varchar, .bigint), (.varchar, .integer):
            return isTry ? "CAST(cairn_lake_bigint(\(x)) AS \(target.postgres))" : "CAST(\(x) AS \(target.postgres))"
        case (.varchar, .double):
            return isTry ? "cairn_lake_double(\(x))" : "CAST(\(x) AS double precision)"
        case (.varchar, .boolean):
            return isTry ? "(CASE lower(btrim(\(x))) WHEN 'true' THEN true WHEN 'false' THEN false END)" : "CAST(\(x) AS boolean)"
        case (.varchar, .timestamp):
            return "cairn_lake_timestamp(\(x))"
        case (.varchar, .date), (.json, .date):
            return "CAST(cairn_lake_timestamp(\(value.type == .json ? "cairn_lake_scalar(\(x))" : x)) AS date)"
        case (.json, .timestamp):
            return "cairn_lake_timestamp(cairn_lake_scalar(\(x)))"
        case (.json, .bigint), (.json, .integer):
            return "CAST(cairn_lake_bigint(cairn_lake_scalar(\(x))) AS \(target.postgres))"
        case (.json, .double):
            return "cairn_lake_double(cairn_lake_scalar(\(x)))"
        case (.json, .boolean):
            return "(CASE cairn_lake_scalar(\(x)) WHEN 'true' THEN true WHEN 'false' THEN false END)"
        case (let from, let to) where from.isNumeric && to.isNumeric:
            return "CAST(\(x) AS \(to.postgres))"
        case (.boolean, let to) where to.isNumeric:
            return "CAST(CAST(\(x) AS integer) AS \(to.postgres))"
        case (let from, .boolean) where from.isNumeric:
            return "(\(x) <> 0)"
        case (.date, .timestamp), (.timestamp, .date):
            return "CAST(\(x) AS \(target.postgres))"
        case (.varchar, .json), (.bigint, .json), (.integer, .json), (.double, .json), (.boolean, .json):
            return "to_jsonb(\(x))"
        case (.map, .json), (.array, .json), (.row, .json):
            return x
        case (.json, .map):
            return "cairn_lake_object(\(x))"
        case (.json, .array):
            return "cairn_lake_array(\(x))"
        case (.map, .map), (.array, .array), (.row, .map):
            return x
        default:
            return nil
        }
    }
}
