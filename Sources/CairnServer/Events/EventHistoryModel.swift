import CairnCore
import Foundation

/// Event history's shapes: LookupEvents as botocore's model names it, and the REST rendering's search and
/// export, which take any number of attributes at once.
enum EventHistoryModel {
    struct LookupAttribute: Codable, Sendable {
        var AttributeKey: String?
        var AttributeValue: String?
    }

    struct LookupEventsInput: OperationInput, Codable {
        var LookupAttributes: [LookupAttribute]?
        var StartTime: Date?
        var EndTime: Date?
        var EventCategory: String?
        var MaxResults: Int?
        var NextToken: String?
    }

    /// REST's search: every attribute given must hold. The same catalogue entry as LookupEvents.
    struct SearchEventsInput: OperationInput, Encodable {
        struct Attribute: Encodable, Sendable {
            var AttributeKey: String
            var AttributeValue: String
        }

        var LookupAttributes: [Attribute]
        var StartTime: Date?
        var EndTime: Date?
        var EventCategory: String?
        var MaxResults: Int?
        var NextToken: String?
        /// Export only: `jsonl` or `csv`.
        var Format: String?

        var filters: [(key: String, value: String)] { LookupAttributes.map { ($0.AttributeKey, $0.AttributeValue) } }
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
        let record: EventRecord

        init(_ record: EventRecord, json: String) {
            self.record = record
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

        private enum CodingKeys: String, CodingKey {
            case EventId, EventName, ReadOnly, AccessKeyId, EventTime, EventSource, Username, Resources, CloudTrailEvent
        }
    }

    struct LookupEventsOutput: OperationOutput, Encodable {
        var Events: [Event]
        var NextToken: String?
    }
}
