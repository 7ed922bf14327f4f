import CairnCore
import CairnTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import CairnStore

/// Days leave the event log whole, and only when nothing still needs them (migration 0027).
@Suite struct EventRetentionTests {
    let logger = Logger(label: "test")
    let account = "111111111111"

    func record(time: Date, name: String) -> EventRecord {
        EventRecord.sample(account: account, time: time, name: name)
    }

    /// UTC midnight `days` before today.
    func day(_ days: Int) -> Date {
        Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 / 86_400).rounded(.down) - Double(days)) * 86_400)
    }

    func partitionName(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd"
        return "events_" + f.string(from: date)
    }

    func makePartitions(_ store: Store, from first: Date, days: Int) async throws {
        try await store.transaction(logger: logger) { tx in
            _ = try await tx.query("SELECT cairn_ensure_event_partitions((\(first) AT TIME ZONE 'UTC')::date, \(days)::integer)")
        }
    }

    func append(_ store: Store, _ events: [(String, Date)]) async throws {
        try await store.transaction(logger: logger) { tx in
            for (name, time) in events { try await tx.events.append(record(time: time, name: name), at: time) }
        }
    }

    /// Marks every event committed so far as routed by trail delivery.
    func deliverAll(_ store: Store) async throws {
        try await store.client.query("UPDATE delivery_progress SET delivered_before = pg_current_xact_id()")
    }

    func exists(_ store: Store, _ table: String) async throws -> Bool {
        let rows = try await store.client.query("SELECT to_regclass(\(table)) IS NOT NULL")
        for try await present in rows.decode(Bool.self) { return present }
        return false
    }

    func names(_ store: Store) async throws -> [String] {
        let rows = try await store.client.query("SELECT event_name FROM events ORDER BY event_time")
        var out: [String] = []
        for try await name in rows.decode(String.self) { out.append(name) }
        return out
    }

    func drop(_ store: Store, before firstKept: Date, asServiceRole: Bool = false) async throws -> [String] {
        try await store.transaction(logger: logger) { tx in
            if asServiceRole { try await tx.query("SET LOCAL ROLE cairn_service") }
            return try await tx.events.dropExpiredPartitions(before: firstKept)
        }
    }

    @Test func daysBeforeTheFirstKeptDayAreDroppedWholeAndLaterDaysStay() async throws {
        try await withTestStore { store in
            try await store.transaction(logger: logger) { tx in try await tx.events.ensurePartitions() }
            try await makePartitions(store, from: day(200), days: 3)
            try await append(
                store,
                [
                    ("Day200a", day(200) + 60), ("Day200b", day(199) - 1), ("Day199", day(199)), ("Day198", day(198) + 43_200),
                    ("Today", Date()),
                ])
            try await deliverAll(store)

            // As the service role, which owns no partition: the function drops as the owner.
            let dropped = try await drop(store, before: day(199), asServiceRole: true)
            #expect(dropped == [partitionName(day(200))])
            #expect(try await !exists(store, partitionName(day(200))))
            #expect(try await exists(store, partitionName(day(199))))
            #expect(try await names(store) == ["Day199", "Day198", "Today"])

            // The next pass with the same horizon has nothing left to drop.
            #expect(try await drop(store, before: day(199)).isEmpty)
        }
    }

    @Test func aDayWithEventsTrailDeliveryHasNotRoutedIsKept() async throws {
        try await withTestStore { store in
            try await makePartitions(store, from: day(300), days: 1)
            try await append(store, [("Undelivered", day(300) + 10)])
            #expect(try await drop(store, before: day(100)).isEmpty)
            #expect(try await exists(store, partitionName(day(300))))

            try await deliverAll(store)
            #expect(try await drop(store, before: day(100)) == [partitionName(day(300))])
            #expect(try await names(store).isEmpty)
        }
    }

    @Test func aDayWithAnEventInATrailsDeliveryBacklogIsKept() async throws {
        try await withTestStore { store in
            try await makePartitions(store, from: day(300), days: 1)
            try await append(store, [("Backlogged", day(300) + 10)])
            try await deliverAll(store)
            try await store.client.query(
                "INSERT INTO trail_delivery_backlog (trail_id, event_id, event_time) VALUES (1, gen_random_uuid(), \(day(300) + 10))")
            #expect(try await drop(store, before: day(100)).isEmpty)

            try await store.client.query("DELETE FROM trail_delivery_backlog")
            #expect(try await drop(store, before: day(100)) == [partitionName(day(300))])
        }
    }

    @Test func theDefaultPartitionIsNeverDropped() async throws {
        try await withTestStore { store in
            // A day without a partition of its own lands in the default partition.
            try await append(store, [("InDefault", day(400) + 10)])
            try await deliverAll(store)
            #expect(try await drop(store, before: day(100)).isEmpty)
            #expect(try await exists(store, "events_default"))
            #expect(try await names(store) == ["InDefault"])
        }
    }

    /// The event log's own rows stay untouchable: retention drops days, the service role still cannot delete one.
    @Test func theServiceRoleStillCannotDeleteEvents() async throws {
        try await withTestStore { store in
            try await append(store, [("Kept", Date())])
            await #expect(throws: PSQLError.self) {
                try await store.transaction(logger: logger) { tx in
                    try await tx.query("SET LOCAL ROLE cairn_service")
                    try await tx.query("DELETE FROM events")
                }
            }
            #expect(try await names(store) == ["Kept"])
        }
    }

    /// A store pending deletion can be restored with its events, so its retention still counts.
    @Test func theLongestStoreRetentionCountsStoresPendingDeletion() async throws {
        try await withTestStore { store in
            let longest = { @Sendable in try await store.read(logger: logger) { tx in try await tx.eventDataStores.longestRetentionDays() } }
            #expect(try await longest() == nil)
            let owner = try await Bootstrap(regions: ["us-east-1"], rootCredentials: nil).run(on: store, logger: logger).operatorAccount
            for (name, days, pending) in [("short", 400, false), ("long", 3_000, true)] {
                try await store.client.query(
                    """
                    INSERT INTO event_data_stores (id, account_id, region, name, status, category, advanced_event_selectors,
                        multi_region, organization_enabled, retention_days, termination_protection, billing_mode, created_at,
                        updated_at, deletion_requested_at)
                    VALUES (gen_random_uuid(), \(owner.value), 'us-east-1', \(name), \(pending ? "PENDING_DELETION" : "ENABLED"),
                        'Management', '[]', true, false, \(days), false, 'EXTENDABLE_RETENTION_PRICING', now(), now(),
                        \(pending ? Date() : nil))
                    """)
            }
            #expect(try await longest() == 3_000)
            // Three thousand days kept: the firstKeptDay the service asks for moves back accordingly.
            let now = Date()
            let cutoff = now.addingTimeInterval(-3_000 * 86_400)
            #expect(EventRetention().firstKeptDay(now: now, longestStoreDays: 3_000) <= cutoff)
        }
    }
}
