package import CairnCore
import Foundation
import PostgresNIO

/// The event log. Events are only ever inserted: the record of a write is inserted inside the write's own
/// transaction, so a committed change always has its event and a rolled-back one never does.
package struct EventRepository: Sendable {
    let tx: Transaction

    package func append(_ record: EventRecord) async throws {
        let json = Self.storable(try EventRepository.encoder.encode(record))
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

    /// JSONB cannot hold U+0000, which a caller may send inside any string; an event must never fail to
    /// record because of its call's input, so NUL escapes become U+FFFD. Escaped backslashes are skipped, so a
    /// literal `\u0000` text stays as it was.
    static func storable(_ json: Data) -> String {
        var out = [UInt8]()
        out.reserveCapacity(json.count)
        let bytes = [UInt8](json)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                if bytes[i + 1] == UInt8(ascii: "u"), i + 5 < bytes.count, bytes[(i + 2)...(i + 5)].elementsEqual("0000".utf8) {
                    out.append(contentsOf: Array("\\ufffd".utf8))
                    i += 6
                    continue
                }
                out.append(b)
                out.append(bytes[i + 1])
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
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
