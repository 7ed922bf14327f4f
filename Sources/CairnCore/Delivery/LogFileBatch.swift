/// The events one trail delivers for one account and region in one pass: they become one log file (or a few,
/// when there are many), under that account's and region's folder for their kind (`CloudTrail`, or
/// `CloudTrail-Insight` for Insights events).
package struct LogFileBatch: Sendable {
    package static let insightKind = "CloudTrail-Insight"

    package let trailId: Int64
    package let accountId: String
    package let region: String
    package let kind: String
    package var events: [PendingEvent]

    package init(trailId: Int64, accountId: String, region: String, kind: String = "CloudTrail", events: [PendingEvent]) {
        self.trailId = trailId
        self.accountId = accountId
        self.region = region
        self.kind = kind
        self.events = events
    }

    /// The folder an event's file goes to.
    package static func kind(of event: PendingEvent) -> String { event.facts.eventCategory == "Insight" ? insightKind : "CloudTrail" }

    /// `{"Records":[…]}` with each record as stored.
    package static func document(_ events: some Collection<PendingEvent>) -> String {
        var out = "{\"Records\":["
        out.reserveCapacity(events.reduce(16) { $0 + $1.recordJSON.utf8.count + 1 })
        var first = true
        for event in events {
            if !first { out += "," }
            out += event.recordJSON
            first = false
        }
        return out + "]}"
    }
}
