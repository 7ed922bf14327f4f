import Foundation
import Testing

@testable import CairnCore

@Suite struct EventRetentionRuleTests {
    let now = Date(timeIntervalSince1970: 1_796_472_000)  // 2026-12-05T12:00:00Z

    @Test func eventHistorysNinetyDaysAreTheLeastKept() {
        #expect(EventRetention(configuredDays: 7).configuredDays == 90)
        #expect(EventRetention().days(longestStoreDays: nil) == 90)
        #expect(EventRetention(configuredDays: 400).days(longestStoreDays: nil) == 400)
    }

    @Test func aStoreWithALongerRetentionKeepsTheLogLonger() {
        #expect(EventRetention().days(longestStoreDays: 2_557) == 2_557)
        #expect(EventRetention(configuredDays: 3_000).days(longestStoreDays: 366) == 3_000)
    }

    /// The first kept day is the UTC midnight at or before now − retention: every event of the days before it is
    /// older than the retention, and no event younger than it is on a day that leaves.
    @Test func theFirstKeptDayIsTheMidnightAtOrBeforeTheCutoff() {
        let first = EventRetention().firstKeptDay(now: now, longestStoreDays: nil)
        let cutoff = now.addingTimeInterval(-90 * 86_400)
        let expected = cutoff.addingTimeInterval(-43_200)
        #expect(first == expected)
        #expect(first <= cutoff)
        #expect(cutoff.timeIntervalSince(first) < 86_400)
        let midnight = Date(timeIntervalSince1970: 1_796_428_800)  // 2026-12-05T00:00:00Z exactly
        let ninetyBefore = midnight.addingTimeInterval(-90 * 86_400)
        #expect(EventRetention().firstKeptDay(now: midnight, longestStoreDays: nil) == ninetyBefore)
    }
}
