import CairnCore
import Foundation

/// CloudTrail's channel shapes and cloudtrail-data's PutAuditEvents, member names as botocore's models
/// spell them.
enum ChannelModel {
    struct CreateChannelInput: OperationInput, Codable {
        var Name: String?
        var Source: String?
        var Destinations: [ChannelDestination]?
        var Tags: [TrailTag]?
    }

    struct UpdateChannelInput: OperationInput, Codable {
        var Channel: String?
        var Destinations: [ChannelDestination]?
        var Name: String?
    }

    struct ChannelInput: OperationInput, Codable {
        var Channel: String?
    }

    struct ListChannelsInput: OperationInput, Codable {
        var MaxResults: Int?
        var NextToken: String?
    }

    struct ResourcePolicyInput: OperationInput, Codable {
        var ResourceArn: String?
        var ResourcePolicy: String?
    }

    /// The call's own event records the channel and the events' ids, not their payloads, which are stored
    /// once, as the ingested events themselves.
    struct PutAuditEventsInput: OperationInput, Decodable {
        var channelArn: String?
        var externalId: String?
        var auditEvents: [AuditEventRules.Input]?

        private struct RecordedEvent: Encodable { var id: String? }
        private enum CodingKeys: String, CodingKey { case channelArn, externalId, auditEvents }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(channelArn, forKey: .channelArn)
            try c.encodeIfPresent(externalId, forKey: .externalId)
            try c.encode((auditEvents ?? []).map { RecordedEvent(id: $0.id) }, forKey: .auditEvents)
        }
    }

    /// A channel as CreateChannel, GetChannel, UpdateChannel and ListChannels return it.
    struct Channel: OperationOutput, Encodable {
        var ChannelArn: String
        var Name: String
        var Source: String?
        var Destinations: [ChannelDestination]?
        var Tags: [TrailTag]?
        var IngestionStatus: Status?

        struct Status: Encodable, Sendable {
            var LatestIngestionSuccessTime: Date?
            var LatestIngestionSuccessEventID: String?
            var LatestIngestionErrorCode: String?
            var LatestIngestionAttemptTime: Date?
            var LatestIngestionAttemptEventID: String?
        }

        /// `full`: GetChannel's fields (source, destinations, ingestion status); ListChannels has ARN and name
        /// only. CreateChannel answers with the tags and no status; UpdateChannel with neither.
        init(_ c: ChannelRecord, full: Bool, tags: Bool = false, status: Bool = true) {
            ChannelArn = c.arn
            Name = c.name
            guard full else { return }
            Source = c.source
            Destinations = c.destinations
            if tags { Tags = c.tags }
            guard status else { return }
            IngestionStatus = Status(
                LatestIngestionSuccessTime: c.latestIngestionSuccessTime,
                LatestIngestionSuccessEventID: c.latestIngestionSuccessEventId?.uuidString.lowercased(),
                LatestIngestionErrorCode: c.latestIngestionErrorCode, LatestIngestionAttemptTime: c.latestIngestionAttemptTime,
                LatestIngestionAttemptEventID: c.latestIngestionAttemptEventId?.uuidString.lowercased())
        }
    }

    struct ListChannelsOutput: OperationOutput, Encodable {
        var Channels: [Channel]
        var NextToken: String?
    }

    struct PutAuditEventsOutput: OperationOutput, Encodable {
        struct Success: Encodable, Sendable { var id: String, eventID: String }
        struct Failure: Encodable, Sendable { var id: String, errorCode: String, errorMessage: String }
        var successful: [Success]
        var failed: [Failure]
    }

    struct ResourcePolicyOutput: OperationOutput, Encodable {
        var ResourceArn: String
        var ResourcePolicy: String
    }
}
