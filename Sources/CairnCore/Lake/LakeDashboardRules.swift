package import Foundation

/// CloudTrail Lake's rules for dashboards (reference/cloudtrail-lake.md §1.5): names, widgets, schedules, limits,
/// and how a refresh fills a widget's placeholders.
package enum LakeDashboardRules {
    /// Custom dashboards per account and region, and widgets per dashboard (AWS's quotas).
    package static let maximumDashboards = 100
    package static let maximumWidgets = 10

    package static func validateName(_ name: String?) throws(ServiceError) -> String {
        guard let name else { throw ServiceError.missingParameter("Name") }
        guard (3...128).contains(name.count),
            name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
        else { throw invalid("Dashboard name \(name) is not valid: use 3 to 128 letters, digits, underscores or hyphens.") }
        return name
    }

    package static func arn(partition: String, region: String, account: String, name: String) -> String {
        "arn:\(partition):cloudtrail:\(region):\(account):dashboard/\(name)"
    }

    /// A `DashboardId` is the dashboard's name or its ARN in the caller's account and region.
    package static func name(fromId raw: String?, partition: String, region: String, account: String) throws(ServiceError) -> String {
        guard let raw else { throw ServiceError.missingParameter("DashboardId") }
        let prefix = "arn:\(partition):cloudtrail:\(region):\(account):dashboard/"
        if raw.hasPrefix("arn:") {
            guard raw.hasPrefix(prefix) else { throw notFound(raw) }
            return String(raw.dropFirst(prefix.count))
        }
        return raw
    }

    /// The alias DescribeQuery finds a widget's query by, with the refresh's id.
    package static func alias(dashboard: String, index: Int) -> String { "Widget-\(index + 1)-\(dashboard)" }

    package static func validateWidget(
        statement: String?, parameters: [String]?, view: [String: String]?
    ) throws(ServiceError) -> (
        String, [String]?, [String: String]
    ) {
        guard let statement else { throw ServiceError.missingParameter("QueryStatement") }
        guard let view else { throw ServiceError.missingParameter("ViewProperties") }
        if let parameters {
            guard (1...10).contains(parameters.count), parameters.allSatisfy({ (1...1024).contains($0.count) }) else {
                throw invalid("QueryParameters must hold 1 to 10 values of 1 to 1024 characters.")
            }
        }
        for (key, value) in view {
            guard (3...128).contains(key.count), (1...128).contains(value.count) else {
                throw invalid("ViewProperties keys are 3 to 128 characters and values 1 to 128.")
            }
        }
        return (statement, parameters, view)
    }

    /// Custom dashboards refresh every 1, 6, 12 or 24 hours, or every day, at an optional HH:MM (UTC).
    package static func validateSchedule(_ schedule: LakeRefreshSchedule?) throws(ServiceError) {
        guard let schedule else { return }
        if let f = schedule.Frequency {
            let ok = (f.Unit == "HOURS" && [1, 6, 12, 24].contains(f.Value ?? 0)) || (f.Unit == "DAYS" && f.Value == 1)
            guard ok else { throw invalid("RefreshSchedule Frequency must be 1, 6, 12 or 24 HOURS, or 1 DAYS.") }
        }
        if let status = schedule.Status, status != "ENABLED" && status != "DISABLED" {
            throw invalid("RefreshSchedule Status must be ENABLED or DISABLED.")
        }
        if let time = schedule.TimeOfDay {
            let parts = time.split(separator: ":").compactMap { Int($0) }
            guard time.count == 5, parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else {
                throw invalid("RefreshSchedule TimeOfDay must be HH:MM (UTC).")
            }
        }
    }

    /// The widget's statement with each `?`, in order, replaced by its QueryParameters entry, where `$StartTime$`,
    /// `$EndTime$` and `$Period$` take the refresh's values (defaults: the last day, now, one hour). A value is
    /// written with any `'` doubled, as it sits inside the quotes AWS asks widgets to write around `?`. The result
    /// is parsed and compiled like any statement, so a value can never reach PostgreSQL as SQL.
    package static func statement(
        _ widget: LakeDashboardWidget, values: [String: String], now: Date
    ) -> String {
        let defaults = ["$StartTime$": timestamp(now.addingTimeInterval(-86_400)), "$EndTime$": timestamp(now), "$Period$": "1h"]
        var parameters = (widget.QueryParameters ?? []).makeIterator()
        var out = ""
        for c in widget.QueryStatement {
            guard c == "?", let parameter = parameters.next() else {
                out.append(c)
                continue
            }
            let value = values[parameter] ?? defaults[parameter] ?? parameter
            out += value.replacingOccurrences(of: "'", with: "''")
        }
        return out
    }

    /// Lake's timestamp literal, `yyyy-MM-dd HH:mm:ss` in UTC: the ISO 8601 form without its `T` and `Z`.
    static func timestamp(_ date: Date) -> String {
        String(UTCTimestamp.iso8601(date).dropLast()).replacingOccurrences(of: "T", with: " ")
    }

    static func invalid(_ message: String) -> ServiceError { ServiceError(code: "InvalidParameterException", status: 400, message: message) }

    package static func notFound(_ raw: String) -> ServiceError {
        ServiceError(code: "ResourceNotFoundException", status: 400, message: "Dashboard \(raw) was not found.")
    }
}
