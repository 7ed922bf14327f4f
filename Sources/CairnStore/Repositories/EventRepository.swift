package import CairnCore
import Foundation
import PostgresNIO

/// The event log. Events are only ever inserted: the record of a write is inserted inside the write's own
/// transaction, so a committed change always has its event and a rolled-back one never does.
package struct EventRepository: Sendable {
    let tx: Transaction

    package func append(_ record: EventRecord) async throws {
        let json = String(decoding: try EventRepository.encoder.encode(record), as: UTF8.self)
        guard let id = UUID(uuidString: record.eventID) else { throw EventRepositoryError.badEventId(record.eventID) }
        let types = record.resources?.compactMap(\.type) ?? []
        let names = record.resources?.map(\.ARN) ?? []
        try await tx.query(
            """
            INSERT INTO events (event_id, event_time, account_id, region, event_source, event_name, read_only,
                                username, access_key_id, event_category, error_code, resource_types, resource_names, record)
            VALUES (\(id), \(record.eventTime)::timestamptz, \(record.recipientAccountId), \(record.awsRegion),
                    \(record.eventSource), \(record.eventName), \(record.readOnly), \(record.userIdentity.userName),
                    \(record.userIdentity.accessKeyId), \(record.eventCategory), \(record.errorCode), \(types),
                    \(names), \(json)::jsonb)
            """)
    }

    /// Events of one account and region, newest first: the basis of event history.
    package func recent(account: AccountId, region: String, limit: Int) async throws -> [EventRecord] {
        let rows = try await tx.query(
            """
            SELECT record::text FROM events WHERE account_id = \(account.value) AND region = \(region)
            ORDER BY event_time DESC, event_id DESC LIMIT \(limit)
            """)
        var out: [EventRecord] = []
        for try await text in rows.decode(String.self) {
            out.append(try JSONDecoder().decode(EventRecord.self, from: Data(text.utf8)))
        }
        return out
    }

    /// Makes the daily partitions from yesterday to a week ahead; run at start and daily.
    package func ensurePartitions() async throws {
        try await tx.query("SELECT cairn_ensure_event_partitions((now() AT TIME ZONE 'UTC')::date - 1, 9)")
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()
}

enum EventRepositoryError: Error {
    case badEventId(String)
}
