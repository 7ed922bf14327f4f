import CairnCore
import Foundation
import OpenAPIRuntime

/// Event history over REST: several attributes at once and RFC 3339 times; export as JSON lines or CSV.
extension RESTService {
    func lookupEvents(_ input: Operations.LookupEvents.Input) async throws -> Operations.LookupEvents.Output {
        let q = input.query
        let page = try await run(EventHistoryOperations.searchEvents) {
            Self.search(
                [
                    (.eventId, q.eventId), (.eventName, q.eventName), (.readOnly, q.readOnly), (.username, q.username),
                    (.resourceType, q.resourceType), (.resourceName, q.resourceName), (.eventSource, q.eventSource),
                    (.accessKeyId, q.accessKeyId),
                ], start: q.startTime, end: q.endTime, category: q.eventCategory, limit: q.limit, nextToken: q.nextToken, format: nil)
        }
        return .ok(.init(body: .json(.init(events: try page.Events.map(Self.event), nextToken: page.NextToken))))
    }

    func exportEvents(_ input: Operations.ExportEvents.Input) async throws -> Operations.ExportEvents.Output {
        let q = input.query
        let format: EventExport.Format = q.format == .csv ? .csv : .jsonLines
        let page = try await run(EventHistoryOperations.exportEvents) {
            Self.search(
                [
                    (.eventId, q.eventId), (.eventName, q.eventName), (.readOnly, q.readOnly), (.username, q.username),
                    (.resourceType, q.resourceType), (.resourceName, q.resourceName), (.eventSource, q.eventSource),
                    (.accessKeyId, q.accessKeyId),
                ], start: q.startTime, end: q.endTime, category: q.eventCategory, limit: q.limit, nextToken: q.nextToken,
                format: format.rawValue)
        }
        let events = page.Events.map { (record: $0.record, json: $0.CloudTrailEvent) }
        let headers = Operations.ExportEvents.Output.Ok.Headers(cairnNextToken: page.NextToken)
        switch format {
        case .csv: return .ok(.init(headers: headers, body: .csv(HTTPBody(EventExport.csv(events)))))
        case .jsonLines: return .ok(.init(headers: headers, body: .applicationXNdjson(HTTPBody(EventExport.jsonLines(events)))))
        }
    }

    func listPublicKeys(_ input: Operations.ListPublicKeys.Input) async throws -> Operations.ListPublicKeys.Output {
        let keys = try await run(PublicKeyOperations.listPublicKeys) {
            PublicKeyOperations.Input(StartTime: input.query.startTime, EndTime: input.query.endTime)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        publicKeyList: keys.PublicKeyList.map {
                            .init(
                                value: $0.Value.base64EncodedString(), validityStartTime: $0.ValidityStartTime, validityEndTime: $0.ValidityEndTime,
                                fingerprint: $0.Fingerprint)
                        }))))
    }

    /// The attributes a REST history request gives, in the order the query names them.
    private static func search(
        _ given: [(EventLookup.Attribute, String?)], start: Date?, end: Date?, category: String?, limit: Int?, nextToken: String?,
        format: String?
    ) -> EventHistoryModel.SearchEventsInput {
        EventHistoryModel.SearchEventsInput(
            LookupAttributes: given.compactMap { attribute, value in value.map { .init(AttributeKey: attribute.rawValue, AttributeValue: $0) } },
            StartTime: start, EndTime: end, EventCategory: category, MaxResults: limit, NextToken: nextToken, Format: format)
    }

    static func event(_ e: EventHistoryModel.Event) throws -> Components.Schemas.Event {
        .init(
            eventId: e.EventId, eventName: e.EventName, eventSource: e.EventSource, eventTime: e.EventTime, readOnly: e.ReadOnly == "true",
            username: e.Username, accessKeyId: e.AccessKeyId,
            resources: e.Resources.map { .init(resourceType: $0.ResourceType, resourceName: $0.ResourceName) },
            cloudTrailEvent: try JSONDecoder().decode(Components.Schemas.Event.CloudTrailEventPayload.self, from: Data(e.CloudTrailEvent.utf8)))
    }
}
