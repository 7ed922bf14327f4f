import Foundation

extension LakeSQLExpression {
    /// A store relation's whole event, the row its columns are fields of.
    static func record(of relation: String, kind: LakeStoreKind) -> LakeSQLExpression {
        var record = LakeSQLExpression("\(relation).\"record\"", .row(LakeSchema.columns(kind)))
        record.source = LakeJSONSource(base: record.sql, relation: relation)
        return record
    }

    /// A field of a row: from the store's typed column when it has one, else by extending the JSON path.
    static func member(_ field: LakeField, of base: LakeSQLExpression) -> LakeSQLExpression {
        var value: LakeSQLExpression
        if let physical = field.physical, let relation = base.source?.relation {
            let column = physical.replacingOccurrences(of: "{r}", with: relation)
            if field.type == .timestamp {
                value = node("(\(column) AT TIME ZONE 'UTC')", .timestamp, [base])
                value.instant = column
            } else {
                value = node(column, field.type, [base])
                if field.path.isEmpty { value.json = "\(relation).\"record\"" }
            }
        } else {
            value = decoded(base.jsonSource.appending(field.path), field.type, [base])
        }
        if base.source != nil {
            // The path was folded into one lookup, so the base's SQL no longer encloses the column.
            for i in value.uses.indices { value.uses[i].covers.removeAll { $0 == base.sql } }
        }
        return value
    }

    /// A map's value (`jsonb`) as the map's value type; CloudTrail's maps hold text, nested JSON printed compactly.
    static func mapValue(_ jsonb: String, _ type: LakeType, _ parts: [LakeSQLExpression]) -> LakeSQLExpression {
        guard type == .varchar else { return decoded(LakeJSONSource(base: jsonb), type, parts) }
        var value = node("cairn_lake_text(\(jsonb))", .varchar, parts)
        value.json = jsonb
        return value
    }
}
