import Foundation
import PostgresNIO

/// Inserts a batch of events in one statement, one array per column. Every call's event passes through
/// here (alone in a write's transaction, or with its neighbours in a group commit), so it is prepared once
/// per connection. '' stands for NULL in the optional columns: arrays of optionals do not bind, and none of
/// these is ever legitimately empty. Resource lists
/// travel as JSON arrays; the common empty one skips the per-row unpacking.
struct EventBatchInsert: PostgresPreparedStatement {
    static let sql = """
        INSERT INTO events (event_id, event_time, account_id, region, event_source, event_name, read_only,
                            username, access_key_id, event_category, error_code, resource_types, resource_names, record)
        SELECT u.id, u.t, u.account, u.region, u.source, u.name, u.ro, NULLIF(u.username, ''), NULLIF(u.key, ''), u.category,
               NULLIF(u.error, ''),
               CASE WHEN u.types = '[]' THEN '{}'::text[] ELSE ARRAY(SELECT jsonb_array_elements_text(u.types::jsonb)) END,
               CASE WHEN u.resources = '[]' THEN '{}'::text[] ELSE ARRAY(SELECT jsonb_array_elements_text(u.resources::jsonb)) END,
               u.record::jsonb
        FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[],
                    $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
             AS u(id, t, account, region, source, name, ro, username, key, category, error, types, resources, record)
        """
    static let bindingDataTypes: [PostgresDataType] = [
        .uuidArray, .timestamptzArray, .textArray, .textArray, .textArray, .textArray, .boolArray,
        .textArray, .textArray, .textArray, .textArray, .textArray, .textArray, .textArray,
    ]
    typealias Row = ()

    let rows: [EventRepository.EventRow]
    let resourceTypes: [String]
    let resourceNames: [String]
    let records: [String]

    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 14)
        b.append(rows.map(\.id))
        b.append(rows.map(\.time))
        b.append(rows.map(\.account))
        b.append(rows.map(\.region))
        b.append(rows.map(\.source))
        b.append(rows.map(\.name))
        b.append(rows.map(\.readOnly))
        b.append(rows.map { $0.username ?? "" })
        b.append(rows.map { $0.accessKeyId ?? "" })
        b.append(rows.map(\.category))
        b.append(rows.map { $0.errorCode ?? "" })
        b.append(resourceTypes)
        b.append(resourceNames)
        b.append(records)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws {}
}
