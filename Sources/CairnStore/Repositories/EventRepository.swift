package import CairnCore
package import Foundation
import PostgresNIO

/// The event log. Events are only ever inserted: the record of a write is inserted inside the write's own
/// transaction, so a committed change always has its event and a rolled-back one never does.
package struct EventRepository: Sendable {
    let tx: Transaction

    /// Inserts one event. `at` is the call's precise time (the record's eventTime has whole seconds), so history
    /// keeps the calls of one second in the order they happened.
    package func append(_ record: EventRecord, at time: Date? = nil) async throws {
        try await insert([try Self.row(record, at: time)])
    }

    /// The row that stores a record: its lookup columns and its JSON. Building it is the costly part of
    /// recording, so group commit builds rows in the calling tasks, in parallel, before they queue.
    package static func row(_ record: EventRecord, at time: Date?) throws -> EventRow {
        guard let id = UUID(text: record.eventID) else { throw EventRepositoryError.badEventId(record.eventID) }
        return EventRow(
            id: id, time: time ?? UTCTimestamp.parse(record.eventTime) ?? Date(), account: record.recipientAccountId,
            region: record.awsRegion, source: record.eventSource, name: record.eventName, readOnly: record.readOnly,
            username: record.historyUsername, accessKeyId: record.userIdentity.accessKeyId, category: record.eventCategory,
            errorCode: record.errorCode, resourceTypes: record.resources?.compactMap(\.type) ?? [],
            resourceNames: record.resources?.map(\.ARN) ?? [], record: record.jsonText)
    }

    /// One row of `events`: the lookup columns and the record as JSON text (made `storable`).
    package struct EventRow: Sendable {
        package var id: UUID
        package var time: Date
        package var account: String
        package var region: String
        package var source: String
        package var name: String
        package var readOnly: Bool
        package var username: String?
        package var accessKeyId: String?
        package var category: String
        package var errorCode: String?
        package var resourceTypes: [String]
        package var resourceNames: [String]
        /// Set only by the initializer, which makes it storable.
        package private(set) var record: String

        package init(
            id: UUID, time: Date, account: String, region: String, source: String, name: String, readOnly: Bool, username: String?,
            accessKeyId: String?, category: String, errorCode: String?, resourceTypes: [String], resourceNames: [String], record: String
        ) {
            (self.id, self.time, self.account, self.region, self.source, self.name) = (id, time, account, region, source, name)
            (self.readOnly, self.username, self.accessKeyId, self.category, self.errorCode) = (readOnly, username, accessKeyId, category, errorCode)
            // Made storable here, in the task that builds the row, not by the group commit's one committer.
            (self.resourceTypes, self.resourceNames, self.record) = (resourceTypes, resourceNames, EventRepository.storable(record))
        }
    }

    /// Inserts rows in one statement (`unnest` of one array per column). Each row's record passed through
    /// `storable` when the row was made, so no caller's NUL can make an event fail to store.
    package func insert(_ rows: [EventRow]) async throws {
        guard !rows.isEmpty else { return }
        let records = rows.map(\.record)
        let types = try rows.map { $0.resourceTypes.isEmpty ? "[]" : Self.storable(try Self.encoder.encode($0.resourceTypes)) }
        let names = try rows.map { $0.resourceNames.isEmpty ? "[]" : Self.storable(try Self.encoder.encode($0.resourceNames)) }
        _ = try await tx.execute(EventBatchInsert(rows: rows, resourceTypes: types, resourceNames: names, records: records))
    }

    /// Events of one account and region, newest first: the basis of event history.
    package func recent(account: AccountId, region: String, limit: Int) async throws -> [EventRecord] {
        let rows = try await tx.query(
            """
            SELECT record::text FROM events WHERE account_id = \(account.value) AND region = \(region) AND event_category <> 'Insight'
            ORDER BY event_time DESC, event_id DESC LIMIT \(limit)
            """)
        var out: [EventRecord] = []
        for try await text in rows.decode(String.self) {
            out.append(try JSONDecoder().decode(EventRecord.self, from: Data(text.utf8)))
        }
        return out
    }

    /// One page of event history, newest first, and the cursor after its last event when more may follow.
    ///
    /// The search walks back in widening windows (the last day, week, month, then the rest of the range), so
    /// PostgreSQL plans each query over the few daily partitions the window touches instead of all ninety;
    /// a recent page, which is almost every page, is found in the first window.
    package func lookup(
        account: AccountId, region: String, _ q: EventLookup
    ) async throws -> (events: [(record: EventRecord, json: String)], next: EventLookup.Cursor?) {
        if let raw = q.filters.first(where: { $0.attribute == .eventId })?.value, UUID(uuidString: raw) == nil { return ([], nil) }
        let need = q.maxResults + 1
        var found: [(text: String, time: Date, id: UUID)] = []
        var upper = min(q.end, q.after?.time ?? q.end)
        var strict = false
        for span in Self.lookupWindows {
            guard upper >= q.start else { break }
            let lower = span.map { max(q.start, upper.addingTimeInterval(-$0)) } ?? q.start
            found += try await window(account: account, region: region, q, from: lower, to: upper, strictUpper: strict, limit: need - found.count)
            if found.count >= need || lower <= q.start { break }
            upper = lower
            strict = true
        }
        var out: [(record: EventRecord, json: String)] = []
        for row in found.prefix(q.maxResults) {
            if q.insights {
                guard let summary = EventRecord.summary(ofInsight: row.text) else { continue }
                out.append((summary, row.text))
            } else {
                out.append((try JSONDecoder().decode(EventRecord.self, from: Data(row.text.utf8)), row.text))
            }
        }
        let next = found.count > q.maxResults ? found.prefix(q.maxResults).last.map { EventLookup.Cursor(time: $0.time, eventId: $0.id) } : nil
        return (out, next)
    }

    /// The last day, week and month, then the rest (nil).
    static let lookupWindows: [TimeInterval?] = [86_400, 7 * 86_400, 30 * 86_400, nil]

    /// Matching events with `from <= event_time <= to` (`< to` when `strictUpper`), after the cursor, newest first.
    private func window(
        account: AccountId, region: String, _ q: EventLookup, from lower: Date, to upper: Date, strictUpper: Bool, limit: Int
    ) async throws -> [(text: String, time: Date, id: UUID)] {
        let rows = try await tx.query(
            Self.windowQuery(account: account, region: region, q, from: lower, to: upper, strictUpper: strictUpper, limit: limit))
        var out: [(text: String, time: Date, id: UUID)] = []
        for try await (text, time, id) in rows.decode((String, Date, UUID).self) { out.append((text, time, id)) }
        return out
    }

    /// One window's statement. PostgreSQL plans it with its values (an unnamed statement), so an absent filter's
    /// `NULL IS NULL OR …` folds away and each lookup uses its own index; the partial indexes' conditions (migration
    /// 0040) are stated where the planner must prove them. EventLookupPlanTests explains it.
    static func windowQuery(
        account: AccountId, region: String, _ q: EventLookup, from lower: Date, to upper: Date, strictUpper: Bool, limit: Int
    ) -> PostgresQuery {
        func value(_ a: EventLookup.Attribute) -> String? { q.filters.first { $0.attribute == a }?.value }
        let eventId = value(.eventId).flatMap { UUID(uuidString: $0) }
        let readOnly = value(.readOnly).map { $0 == "true" }
        let category = q.insights ? "Insight" : "Management"
        return """
            SELECT record::text, event_time, event_id FROM events
            WHERE account_id = \(account.value) AND region = \(region) AND event_category = \(category)
              AND event_time >= \(lower) AND event_time <= \(upper) AND (NOT \(strictUpper) OR event_time < \(upper))
              AND (\(eventId)::uuid IS NULL OR event_id = \(eventId))
              AND (\(value(.eventName))::text IS NULL OR event_name = \(value(.eventName)))
              AND (\(readOnly)::boolean IS NULL OR read_only = \(readOnly))
              AND (\(value(.username))::text IS NULL OR username = \(value(.username)))
              AND (\(value(.eventSource))::text IS NULL OR event_source = \(value(.eventSource)))
              AND (\(value(.accessKeyId))::text IS NULL OR access_key_id = \(value(.accessKeyId)))
              AND (\(value(.resourceName))::text IS NULL
                   OR (resource_names <> '{}' AND resource_names @> ARRAY[\(value(.resourceName))]::text[]))
              AND (\(value(.resourceType))::text IS NULL
                   OR (resource_types <> '{}' AND resource_types @> ARRAY[\(value(.resourceType))]::text[]))
              AND (\(q.after?.time)::timestamptz IS NULL OR (event_time, event_id) < (\(q.after?.time), \(q.after?.eventId)))
            ORDER BY event_time DESC, event_id DESC LIMIT \(limit)
            """
    }

    /// Makes the daily partitions from yesterday to a week ahead; run at start and daily.
    package func ensurePartitions() async throws {
        try await tx.query("SELECT cairn_ensure_event_partitions((now() AT TIME ZONE 'UTC')::date - 1, 9)")
    }

    /// Drops the day partitions before `firstKeptDay` (a UTC midnight) that trail delivery is done with, oldest
    /// first; returns their names. A day that cannot be locked within a second stays for the next pass
    /// (migration 0027 says why and what else keeps a day).
    package func dropExpiredPartitions(before firstKeptDay: Date) async throws -> [String] {
        let rows = try await tx.query(
            "SELECT cairn_drop_expired_event_partitions((\(firstKeptDay) AT TIME ZONE 'UTC')::date)")
        var dropped: [String] = []
        for try await name in rows.decode(String.self) { dropped.append(name) }
        return dropped
    }

    /// JSONB cannot hold U+0000, which a caller may send inside any string; an event must never fail to
    /// record because of its call's input, so NUL escapes become U+FFFD. Escaped backslashes are skipped, so a
    /// literal `\u0000` text stays as it was.
    static func storable(_ json: String) -> String {
        // Almost no record has a NUL escape: finding none costs one scan and no copy.
        // Over the contiguous bytes: through String.UTF8View's iterator this scan was 8 % of the committer's time.
        let escapes =
            json.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "\\")) } ?? json.utf8.contains(UInt8(ascii: "\\"))
        guard escapes, json.contains("\\u0000") else { return json }
        return storable(Data(json.utf8))
    }

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
