package import Foundation

/// An import of trail log files into an event data store, and how far it got.
package struct LakeImportRecord: Sendable, Equatable {
    package let id: UUID
    package let account: String
    package let region: String
    package let storeId: UUID
    package let destination: String
    package let sourceURI: String
    package let sourceRegion: String
    package let roleArn: String
    package let startEventTime: Date?
    package let endEventTime: Date?
    package var status: String
    package var prefixesFound: Int64 = 0
    package var prefixesCompleted: Int64 = 0
    package var filesCompleted: Int64 = 0
    package var eventsCompleted: Int64 = 0
    package var failedEntries: Int64 = 0
    package let created: Date
    package var updated: Date

    package init(
        id: UUID, account: String, region: String, storeId: UUID, destination: String, sourceURI: String, sourceRegion: String,
        roleArn: String, startEventTime: Date?, endEventTime: Date?, status: String, created: Date, updated: Date
    ) {
        self.id = id
        self.account = account
        self.region = region
        self.storeId = storeId
        self.destination = destination
        self.sourceURI = sourceURI
        self.sourceRegion = sourceRegion
        self.roleArn = roleArn
        self.startEventTime = startEventTime
        self.endEventTime = endEventTime
        self.status = status
        self.created = created
        self.updated = updated
    }

    /// INITIALIZING and IN_PROGRESS imports are under way: one per account at a time.
    package var isUnderWay: Bool { status == "INITIALIZING" || status == "IN_PROGRESS" }
}

/// Which trail log files an import reads: CloudTrail's `…/CloudTrail/<region>/<yyyy>/<mm>/<dd>/` layout, and the
/// day in a file's key, matched against the import's event-time bounds before the file is read (as AWS does).
package enum LakeImportFiles {
    package static func isLogFile(_ key: String) -> Bool {
        key.contains("/CloudTrail/") && (key.hasSuffix(".json.gz") || key.hasSuffix(".json"))
    }

    /// The day a log file's key names, or nil when it names none.
    package static func day(of key: String) -> Date? {
        let parts = key.split(separator: "/")
        guard let i = parts.firstIndex(of: "CloudTrail"), parts.count > i + 4,
            let y = Int(parts[i + 2]), let m = Int(parts[i + 3]), let d = Int(parts[i + 4])
        else { return nil }
        var c = DateComponents()
        (c.year, c.month, c.day) = (y, m, d)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: c)
    }

    /// Whether a file of `day` can hold events within [start, end].
    package static func overlaps(day: Date, start: Date?, end: Date?) -> Bool {
        if let start, day.addingTimeInterval(86_400) <= start { return false }
        if let end, day > end { return false }
        return true
    }
}
