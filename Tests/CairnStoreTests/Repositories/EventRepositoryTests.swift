import CairnCore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnStore

@Suite struct EventRepositoryTests {
    let logger = Logger(label: "test")

    func record(account: String, time: Date, name: String) -> EventRecord {
        EventRecord.sample(account: account, time: time, name: name)
    }

    @Test func eventsAreStoredWholeAndReadBackNewestFirstPerAccount() async throws {
        try await withTestStore { store in
            try await store.transaction(logger: logger) { tx in try await tx.events.ensurePartitions() }
            let now = Date()
            try await store.transaction(logger: logger) { tx in
                try await tx.events.append(record(account: "111111111111", time: now - 60, name: "Older"))
                try await tx.events.append(record(account: "111111111111", time: now, name: "Newer"))
                try await tx.events.append(record(account: "222222222222", time: now, name: "Other"))
                // Far outside the made partitions: lands in the default partition instead of failing.
                try await tx.events.append(record(account: "111111111111", time: now - 86400 * 60, name: "Old"))
            }
            let events = try await store.read(logger: logger) { tx in
                try await tx.events.recent(account: AccountId("111111111111")!, region: "eu-west-1", limit: 10)
            }
            #expect(events.map(\.eventName) == ["Newer", "Older", "Old"])
            #expect(events[0].userIdentity.arn == "arn:aws:iam::111111111111:root")
        }
    }

    /// History is searched in widening windows (a day, a week, a month, the rest); pages must cross window
    /// edges without losing, repeating or reordering an event, also for events exactly on an edge.
    @Test func lookupPagesAcrossTimeWindowsInOrder() async throws {
        try await withTestStore { store in
            let now = Date()
            let ages: [TimeInterval] = [10, 86_400 - 1, 86_400, 86_400 + 1, 3 * 86_400, 7 * 86_400, 20 * 86_400, 60 * 86_400, 89 * 86_400]
            try await store.transaction(logger: logger) { tx in
                for (i, age) in ages.enumerated() {
                    try await tx.events.append(record(account: "111111111111", time: now - age, name: "E\(i)"), at: now - age)
                }
            }
            let all = ages.indices.map { "E\($0)" }
            for size in [1, 2, 4, 50] {
                var lookup = try EventLookup.forLookupEvents(
                    attributes: [], startTime: nil, endTime: now, eventCategory: nil, maxResults: size, nextToken: nil, now: now)
                var seen: [String] = []
                while true {
                    let page = try await store.read(logger: logger) { [lookup] tx in
                        try await tx.events.lookup(account: AccountId("111111111111")!, region: "eu-west-1", lookup)
                    }
                    seen += page.events.map(\.record.eventName)
                    guard let next = page.next else { break }
                    lookup.after = next
                }
                #expect(seen == all, "page size \(size): \(seen)")
            }
        }
    }

    @Test func concurrentPartitionMakersDoNotFail() async throws {
        try await withTestStore { store in
            try await store.client.query("DROP TABLE IF EXISTS events_21000101")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask { () async throws -> Void in
                        try await store.transaction(logger: logger) { tx in
                            _ = try await tx.query("SELECT cairn_ensure_event_partitions('2100-01-01'::date, 3)")
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func aNulCharacterInRequestParametersStillRecordsTheEvent() async throws {
        try await withTestStore { store in
            var r = record(account: "111111111111", time: Date(), name: "WithNul")
            r.requestParameters = .object(["name": .string("a\u{0}b"), "literal": .string("\\u0000 stays text")])
            try await store.transaction(logger: logger) { tx in try await tx.events.append(r) }
            let events = try await store.read(logger: logger) { tx in
                try await tx.events.recent(account: AccountId("111111111111")!, region: "eu-west-1", limit: 1)
            }
            #expect(events.first?.requestParameters?["name"]?.stringValue == "a\u{FFFD}b")
            #expect(events.first?.requestParameters?["literal"]?.stringValue == "\\u0000 stays text")
        }
    }

    @Test func aRolledBackTransactionLeavesNoEvent() async throws {
        struct Refused: Error {}
        try await withTestStore { store in
            await #expect(throws: Refused.self) {
                try await store.transaction(logger: logger) { tx in
                    try await tx.events.append(record(account: "111111111111", time: Date(), name: "Doomed"))
                    throw Refused()
                }
            }
            let events = try await store.read(logger: logger) { tx in
                try await tx.events.recent(account: AccountId("111111111111")!, region: "eu-west-1", limit: 10)
            }
            #expect(events.isEmpty)
        }
    }
}
