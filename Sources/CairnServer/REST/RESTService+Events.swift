import CairnCore
import Foundation
import OpenAPIRuntime

/// Event history over REST: LookupEvents with several attributes at once and RFC 3339 times.
extension RESTService {
    func lookupEvents(_ input: Operations.LookupEvents.Input) async throws -> Operations.LookupEvents.Output {
        let q = input.query
        let (filters, parameters) = Self.historyFilters(
            [
                (.eventId, q.eventId), (.eventName, q.eventName), (.readOnly, q.readOnly), (.username, q.username),
                (.resourceType, q.resourceType), (.resourceName, q.resourceName), (.eventSource, q.eventSource), (.accessKeyId, q.accessKeyId),
            ], start: q.startTime, end: q.endTime)
        let asked = filters
        let page = try await EventHistory(runner: runner).lookup(parameters: .object(parameters)) { now in
            try EventLookup.forREST(
                filters: asked, startTime: q.startTime, endTime: q.endTime, eventCategory: q.eventCategory, limit: q.limit,
                nextToken: q.nextToken, now: now)
        }
        return .ok(.init(body: .json(.init(events: try page.events.map(Self.event), nextToken: page.nextToken))))
    }

    /// The attributes a REST history request gives, as lookup filters and as the parameters its event records.
    static func historyFilters(
        _ given: [(EventLookup.Attribute, String?)], start: Date?, end: Date?
    ) -> (filters: [(key: String, value: String)], parameters: [String: CairnCore.JSONValue]) {
        var filters: [(key: String, value: String)] = []
        for (attribute, value) in given { if let value { filters.append((attribute.rawValue, value)) } }
        var parameters: [String: CairnCore.JSONValue] = [:]
        for (k, v) in filters { parameters[k] = .string(v) }
        if let start { parameters["StartTime"] = .string(UTCTimestamp.iso8601(start)) }
        if let end { parameters["EndTime"] = .string(UTCTimestamp.iso8601(end)) }
        return (filters, parameters)
    }

    static func event(_ e: (record: EventRecord, json: String)) throws -> Components.Schemas.Event {
        let r = e.record
        return .init(
            eventId: r.eventID, eventName: r.eventName, eventSource: r.eventSource,
            eventTime: UTCTimestamp.parse(r.eventTime) ?? Date(timeIntervalSince1970: 0), readOnly: r.readOnly,
            username: r.historyUsername, accessKeyId: r.userIdentity.accessKeyId,
            resources: (r.resources ?? []).map { .init(resourceType: $0.type, resourceName: $0.ARN) },
            cloudTrailEvent: try JSONDecoder().decode(Components.Schemas.Event.CloudTrailEventPayload.self, from: Data(e.json.utf8)))
    }
}

/// Export over REST: the same filters as event history, as JSON lines or CSV.
extension RESTService {
    func exportEvents(_ input: Operations.ExportEvents.Input) async throws -> Operations.ExportEvents.Output {
        let q = input.query
        let (filters, given) = Self.historyFilters(
            [
                (.eventId, q.eventId), (.eventName, q.eventName), (.readOnly, q.readOnly), (.username, q.username),
                (.resourceType, q.resourceType), (.resourceName, q.resourceName), (.eventSource, q.eventSource), (.accessKeyId, q.accessKeyId),
            ], start: q.startTime, end: q.endTime)
        let format: EventExport.Format = q.format == .csv ? .csv : .jsonLines
        var parameters = given
        parameters["format"] = .string(format.rawValue)
        let asked = filters
        let page = try await EventHistory(runner: runner).export(parameters: .object(parameters)) { now in
            try EventLookup.forExport(
                filters: asked, startTime: q.startTime, endTime: q.endTime, eventCategory: q.eventCategory, limit: q.limit,
                nextToken: q.nextToken, now: now)
        }
        let headers = Operations.ExportEvents.Output.Ok.Headers(cairnNextToken: page.nextToken)
        switch format {
        case .csv: return .ok(.init(headers: headers, body: .csv(HTTPBody(EventExport.csv(page.events)))))
        case .jsonLines: return .ok(.init(headers: headers, body: .applicationXNdjson(HTTPBody(EventExport.jsonLines(page.events)))))
        }
    }
}
