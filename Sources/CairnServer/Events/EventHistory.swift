import CairnCore
import CairnStore
import Foundation

/// Event history: the caller's account's events in the calling region, newest first. Shared by LookupEvents on
/// the CloudTrail door and `GET /v1/events`.
struct EventHistory: Sendable {
    let runner: OperationRunner

    struct Page: Sendable {
        let events: [(record: EventRecord, json: String)]
        let nextToken: String?
    }

    /// `build` turns the request into a lookup inside the runner, so a refused request has its event too.
    func lookup(parameters: JSONValue?, _ build: @escaping @Sendable (Date) throws -> EventLookup) async throws -> Page {
        try await runner.run(OperationCatalogue.Events.lookupEvents, parameters: parameters) { tx, facts in
            let lookup = try build(facts.time)
            let found = try await tx.events.lookup(account: facts.principal.account, region: facts.region, lookup)
            return .init(Page(events: found.events, nextToken: found.next.map { lookup.token(after: $0) }))
        }
    }
}

extension EventHistory {
    /// Up to `lookup.maxResults` events (10,000 at most), newest first, read a thousand at a time; the token
    /// continues after the last one when more match.
    func export(parameters: JSONValue?, _ build: @escaping @Sendable (Date) throws -> EventLookup) async throws -> Page {
        try await runner.run(OperationCatalogue.Events.lookupEvents, parameters: parameters) { tx, facts in
            let whole = try build(facts.time)
            var events: [(record: EventRecord, json: String)] = []
            var page = whole
            var next: EventLookup.Cursor? = nil
            repeat {
                page.maxResults = min(1_000, whole.maxResults - events.count)
                let found = try await tx.events.lookup(account: facts.principal.account, region: facts.region, page)
                events += found.events
                next = found.next
                page.after = next
            } while next != nil && events.count < whole.maxResults
            return .init(Page(events: events, nextToken: next.map { whole.token(after: $0) }))
        }
    }
}

/// LookupEvents' wire shapes, member names as botocore's model spells them.
enum LookupEventsJSON {
    struct Attribute: Decodable, Sendable {
        var AttributeKey: String?
        var AttributeValue: String?
    }

    /// Timestamps arrive as epoch seconds (JSON 1.1), so they are decoded as numbers, not with Date's default.
    struct Input: Decodable, Sendable {
        var LookupAttributes: [Attribute]?
        var StartTime: Double?
        var EndTime: Double?
        var EventCategory: String?
        var MaxResults: Int?
        var NextToken: String?

        func lookup(now: Date) throws(ServiceError) -> EventLookup {
            try EventLookup.forLookupEvents(
                attributes: (LookupAttributes ?? []).map { ($0.AttributeKey, $0.AttributeValue) },
                startTime: StartTime.map(Date.init(timeIntervalSince1970:)), endTime: EndTime.map(Date.init(timeIntervalSince1970:)),
                eventCategory: EventCategory, maxResults: MaxResults, nextToken: NextToken, now: now)
        }
    }

    struct Resource: Encodable, Sendable {
        var ResourceType: String?
        var ResourceName: String
    }

    struct Event: Encodable, Sendable {
        var EventId: String
        var EventName: String
        var ReadOnly: String
        var AccessKeyId: String?
        var EventTime: Date
        var EventSource: String
        var Username: String?
        var Resources: [Resource]
        var CloudTrailEvent: String

        init(_ record: EventRecord, json: String) {
            EventId = record.eventID
            EventName = record.eventName
            ReadOnly = record.readOnly ? "true" : "false"
            AccessKeyId = record.userIdentity.accessKeyId
            EventTime = UTCTimestamp.parse(record.eventTime) ?? Date(timeIntervalSince1970: 0)
            EventSource = record.eventSource
            Username = record.historyUsername
            Resources = (record.resources ?? []).map { Resource(ResourceType: $0.type, ResourceName: $0.ARN) }
            CloudTrailEvent = json
        }
    }

    struct Output: Encodable, Sendable {
        var Events: [Event]
        var NextToken: String?
    }
}
