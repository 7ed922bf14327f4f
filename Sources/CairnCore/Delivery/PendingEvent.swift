package import Foundation

/// One stored event on its way to the trails that take it: where it happened, what selectors look at, and the
/// record exactly as stored (a log file carries it byte for byte, so a re-delivery repeats it with its eventID).
package struct PendingEvent: Sendable {
    package let eventId: UUID
    package let time: Date
    package let accountId: String
    package let region: String
    package let facts: TrailEventFacts
    package let recordJSON: String

    package init(eventId: UUID, time: Date, accountId: String, region: String, facts: TrailEventFacts, recordJSON: String) {
        self.eventId = eventId
        self.time = time
        self.accountId = accountId
        self.region = region
        self.facts = facts
        self.recordJSON = recordJSON
    }
}
