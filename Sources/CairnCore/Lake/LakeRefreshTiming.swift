package import Foundation

/// When a dashboard's RefreshSchedule next refreshes it. Every `Value` HOURS counts from the last scheduled
/// refresh (or from when the schedule was set); 1 DAYS runs at `TimeOfDay` (UTC), or a day after the last
/// refresh when no time is given. A schedule that is not ENABLED never runs.
package enum LakeRefreshTiming {
    package static func next(_ schedule: LakeRefreshSchedule?, after last: Date) -> Date? {
        guard let schedule, schedule.Status == "ENABLED", let f = schedule.Frequency, let value = f.Value, value > 0 else { return nil }
        if f.Unit == "HOURS" { return last.addingTimeInterval(Double(value) * 3600) }
        guard f.Unit == "DAYS" else { return nil }
        guard let time = schedule.TimeOfDay else { return last.addingTimeInterval(Double(value) * 86_400) }
        let parts = time.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        let offset = Double(parts[0] * 3600 + parts[1] * 60)
        let day = (last.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        let today = Date(timeIntervalSince1970: day + offset)
        return today > last ? today : today.addingTimeInterval(86_400)
    }

    package static func isDue(_ dashboard: LakeDashboardRecord, now: Date) -> Bool {
        guard let next = next(dashboard.refreshSchedule, after: dashboard.scheduledRefresh ?? dashboard.updated) else { return false }
        return next <= now
    }
}
