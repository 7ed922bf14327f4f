package import Foundation

/// An event-history query: which events of one account and region, in which time range, from where to go on.
/// Built from LookupEvents (one attribute, AWS's limits) or from REST (several attributes, ANDed); the store
/// turns it into one indexed query, newest first.
package struct EventLookup: Sendable, Equatable {
    package enum Attribute: String, CaseIterable, Sendable {
        case eventId = "EventId", eventName = "EventName", readOnly = "ReadOnly", username = "Username"
        case resourceType = "ResourceType", resourceName = "ResourceName", eventSource = "EventSource"
        case accessKeyId = "AccessKeyId"
    }

    package struct Filter: Sendable, Equatable {
        package let attribute: Attribute
        package let value: String
    }

    /// Where the previous page ended: the last event's time and id (events sort by both, newest first).
    package struct Cursor: Sendable, Equatable {
        package let time: Date
        package let eventId: UUID

        package init(time: Date, eventId: UUID) {
            self.time = time
            self.eventId = eventId
        }
    }

    package var filters: [Filter]
    package var start: Date
    package var end: Date
    /// `EventCategory=insight`: Insights events instead of management events.
    package var insights: Bool
    package var maxResults: Int
    package var after: Cursor?
    /// The time range as asked for (absent bounds stay absent), which a NextToken is bound to.
    var askedRange = ""

    /// Event history keeps 90 days.
    package static let retention: TimeInterval = 90 * 86_400
    package static let maximumResults = 50

    /// The AWS door: at most one attribute honoured (AWS silently ignores the rest [OBS]), 1–50 results, both
    /// times inclusive and within the last 90 days, `insight` the only category.
    package static func forLookupEvents(
        attributes: [(key: String?, value: String?)], startTime: Date?, endTime: Date?, eventCategory: String?,
        maxResults: Int?, nextToken: String?, now: Date
    ) throws(ServiceError) -> EventLookup {
        var filters: [Filter] = []
        for (key, value) in attributes.prefix(1) { filters.append(try filter(key: key, value: value)) }
        return try build(filters, startTime, endTime, eventCategory, maxResults, nextToken, now)
    }

    /// REST: any number of attributes, each at most once, all of which must hold.
    package static func forREST(
        filters raw: [(key: String, value: String)], startTime: Date?, endTime: Date?, eventCategory: String?,
        limit: Int?, nextToken: String?, now: Date
    ) throws(ServiceError) -> EventLookup {
        var filters: [Filter] = []
        for (key, value) in raw {
            let f = try filter(key: key, value: value)
            if filters.contains(where: { $0.attribute == f.attribute }) {
                throw ServiceError(code: "InvalidLookupAttributesException", status: 400, message: "\(key) is given more than once.")
            }
            filters.append(f)
        }
        return try build(filters, startTime, endTime, eventCategory, limit, nextToken, now)
    }

    /// The most events one export returns; the response's token continues from there.
    package static let maximumExport = 10_000

    /// REST export: REST's filters, and up to 10,000 events at a time (default 10,000).
    package static func forExport(
        filters raw: [(key: String, value: String)], startTime: Date?, endTime: Date?, eventCategory: String?,
        limit: Int?, nextToken: String?, now: Date
    ) throws(ServiceError) -> EventLookup {
        if let limit, !(1...maximumExport).contains(limit) {
            throw ServiceError(
                code: "InvalidMaxResultsException", status: 400, message: "limit must be between 1 and \(maximumExport); got \(limit).")
        }
        var lookup = try forREST(
            filters: raw, startTime: startTime, endTime: endTime, eventCategory: eventCategory, limit: nil, nextToken: nextToken, now: now)
        lookup.maxResults = limit ?? maximumExport
        return lookup
    }

    static func filter(key: String?, value: String?) throws(ServiceError) -> Filter {
        guard let key, let attribute = Attribute(rawValue: key) else {
            throw ServiceError(
                code: "InvalidLookupAttributesException", status: 400,
                message: "AttributeKey \(key ?? "null") is not valid. Valid keys: \(Attribute.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let value, (1...2000).contains(weightedLength(value)) else {
            throw ServiceError(
                code: "InvalidLookupAttributesException", status: 400,
                message: "AttributeValue for \(key) must be 1 to 2000 characters long.")
        }
        if attribute == .readOnly && value != "true" && value != "false" {
            throw ServiceError(code: "InvalidLookupAttributesException", status: 400, message: "AttributeValue for ReadOnly must be true or false.")
        }
        return Filter(attribute: attribute, value: value)
    }

    /// The model's length rule: `_`, space, `,` and newline count as two characters.
    static func weightedLength(_ value: String) -> Int {
        value.reduce(0) { $0 + ("_ ,\n".contains($1) ? 2 : 1) }
    }

    static func build(
        _ filters: [Filter], _ startTime: Date?, _ endTime: Date?, _ category: String?, _ maxResults: Int?, _ token: String?, _ now: Date
    ) throws(ServiceError) -> EventLookup {
        if let category, category != "insight" {
            throw ServiceError(
                code: "InvalidEventCategoryException", status: 400,
                message: "EventCategory \(category) is not valid. The only valid value is insight.")
        }
        if let maxResults, !(1...maximumResults).contains(maxResults) {
            throw ServiceError(
                code: "InvalidMaxResultsException", status: 400, message: "MaxResults must be between 1 and \(maximumResults); got \(maxResults).")
        }
        // Both bounds are kept within the 90 days that exist: outside them no event can match, and an instant
        // a client may send (1e20 seconds) is beyond what the database's timestamps can represent.
        let earliest = now.addingTimeInterval(-retention)
        let start = min(max(startTime ?? earliest, earliest), now)
        let end = min(max(endTime ?? now, earliest), now)
        if let startTime, let endTime, startTime > endTime {
            throw ServiceError(code: "InvalidTimeRangeException", status: 400, message: "StartTime must be before or equal to EndTime.")
        }
        var lookup = EventLookup(
            filters: filters, start: start, end: end, insights: category == "insight", maxResults: maxResults ?? maximumResults, after: nil)
        lookup.askedRange = "\(startTime?.timeIntervalSince1970 ?? -1)-\(endTime?.timeIntervalSince1970 ?? -1)"
        if let token {
            guard let cursor = lookup.cursor(from: token) else {
                throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "The NextToken is not valid for this request.")
            }
            lookup.after = cursor
        }
        return lookup
    }

    /// What the token binds to: the same filters, category and time range (AWS: "the same parameters").
    var fingerprint: String {
        let parts = filters.map { "\($0.attribute.rawValue)=\($0.value)" } + ["insights=\(insights)", "range=\(askedRange)"]
        var hash: UInt64 = 14_695_981_039_346_656_037
        for b in parts.joined(separator: "\u{1}").utf8 { hash = (hash ^ UInt64(b)) &* 1_099_511_628_211 }
        return String(hash, radix: 36)
    }

    /// The token for the page after `cursor`, bound to the filters, category and range as asked.
    package func token(after cursor: Cursor) -> String {
        PageToken.after("\(cursor.time.timeIntervalSince1970):\(cursor.eventId.uuidString)", for: fingerprint)
    }

    func cursor(from token: String) -> Cursor? {
        guard let position = PageToken.key(token, for: fingerprint) else { return nil }
        let parts = position.split(separator: ":")
        guard parts.count == 2, let seconds = Double(parts[0]), (start.timeIntervalSince1970...end.timeIntervalSince1970).contains(seconds),
            let id = UUID(uuidString: String(parts[1]))
        else {
            return nil
        }
        return Cursor(time: Date(timeIntervalSince1970: seconds), eventId: id)
    }
}
