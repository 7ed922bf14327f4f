package import Foundation

/// How long the event log keeps events, and so which whole days may leave it.
///
/// One log serves event history (90 days), every event data store (its own retention, up to ten years) and trail
/// delivery, so an event may go only once none of them can still ask for it: the longest of history's 90 days, the
/// operator's setting and every store's retention. Days leave whole (their partition is dropped), never row by
/// row: the log stays append-only.
package struct EventRetention: Sendable, Equatable {
    /// Event history's 90 days: the least any deployment keeps.
    package static let minimumDays = Int(EventLookup.retention / 86_400)
    /// A hundred years: a bound on the setting, not a promise the disk will hold.
    package static let maximumDays = 36_500

    /// What the operator asked for (`CAIRN_EVENT_RETENTION_DAYS`), at least `minimumDays`.
    package let configuredDays: Int

    package init(configuredDays: Int = EventRetention.minimumDays) {
        self.configuredDays = max(configuredDays, Self.minimumDays)
    }

    /// The days kept when the longest event data store retention is `longestStoreDays` (nil: no store).
    package func days(longestStoreDays: Int?) -> Int {
        max(configuredDays, longestStoreDays ?? 0)
    }

    /// The first UTC day whose events are kept at `now`. Every event of an earlier day is older than the retention
    /// (the day ends before `now - days`), so its partition may be dropped.
    package func firstKeptDay(now: Date, longestStoreDays: Int?) -> Date {
        let cutoff = now.addingTimeInterval(-Double(days(longestStoreDays: longestStoreDays)) * 86_400)
        return Self.utcDay(containing: cutoff)
    }

    static func utcDay(containing time: Date) -> Date {
        let seconds = time.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / 86_400).rounded(.down) * 86_400)
    }
}
