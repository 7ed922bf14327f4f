import CairnCore
import Foundation

/// CloudTrail's channel operations (JSON 1.1) and cloudtrail-data's PutAuditEvents (REST-JSON,
/// `POST /PutAuditEvents?channelArn=…`), decoded as botocore's models shape them.
struct ChannelHandlers: Sendable {
    let channels: ChannelOperations

    struct ChannelJSON: Encodable, Sendable {
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

        /// `full`: GetChannel's fields (source, destinations, ingestion status); ListChannels has ARN and name only.
        init(_ c: ChannelRecord, full: Bool, tags: Bool = false) {
            ChannelArn = c.arn
            Name = c.name
            guard full else { return }
            Source = c.source
            Destinations = c.destinations
            if tags { Tags = c.tags }
            IngestionStatus = Status(
                LatestIngestionSuccessTime: c.latestIngestionSuccessTime,
                LatestIngestionSuccessEventID: c.latestIngestionSuccessEventId?.uuidString.lowercased(),
                LatestIngestionErrorCode: c.latestIngestionErrorCode, LatestIngestionAttemptTime: c.latestIngestionAttemptTime,
                LatestIngestionAttemptEventID: c.latestIngestionAttemptEventId?.uuidString.lowercased())
        }
    }

    struct ListJSON: Encodable, Sendable {
        var Channels: [ChannelJSON]
        var NextToken: String?
    }

    struct PutJSON: Encodable, Sendable {
        struct Success: Encodable, Sendable { var id: String, eventID: String }
        struct Failure: Encodable, Sendable { var id: String, errorCode: String, errorMessage: String }
        var successful: [Success]
        var failed: [Failure]

        init(_ r: ChannelOperations.PutResult) {
            successful = r.successful.map { Success(id: $0.id, eventID: $0.eventID) }
            failed = r.failed.map { Failure(id: $0.id, errorCode: $0.errorCode, errorMessage: $0.errorMessage) }
        }
    }

    struct PolicyJSON: Encodable, Sendable {
        var ResourceArn: String
        var ResourcePolicy: String
    }

    private static func reply<T: Encodable>(_ value: T) throws -> AWSReply { .json(try CloudTrailJSON.encoder.encode(value)) }

    var all: [AWSHandler] {
        let channels = self.channels
        typealias Ops = OperationCatalogue.Events
        return [
            AWSHandler(operation: Ops.createChannel) { call in
                let c = try await channels.create(try call.decode(ChannelOperations.CreateInput.self), parameters: call.parameters)
                var out = ChannelJSON(c, full: true, tags: true)
                out.IngestionStatus = nil
                return try Self.reply(out)
            },
            AWSHandler(operation: Ops.getChannel) { call in
                let c = try await channels.get(try call.decode(ChannelOperations.ChannelInput.self).Channel, parameters: call.parameters)
                return try Self.reply(ChannelJSON(c, full: true))
            },
            AWSHandler(operation: Ops.listChannels) { call in
                let page = try await channels.list(try call.decode(ChannelOperations.ListInput.self), parameters: call.parameters)
                return try Self.reply(ListJSON(Channels: page.channels.map { ChannelJSON($0, full: false) }, NextToken: page.nextToken))
            },
            AWSHandler(operation: Ops.updateChannel) { call in
                let c = try await channels.update(try call.decode(ChannelOperations.UpdateInput.self), parameters: call.parameters)
                var out = ChannelJSON(c, full: true)
                out.IngestionStatus = nil
                return try Self.reply(out)
            },
            AWSHandler(operation: Ops.deleteChannel) { call in
                try await channels.delete(try call.decode(ChannelOperations.ChannelInput.self).Channel, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.Empty())
            },
            AWSHandler(operation: Ops.putResourcePolicy) { call in
                let (arn, policy) = try await channels.putResourcePolicy(try call.decode(ChannelOperations.PolicyInput.self), parameters: call.parameters)
                return try Self.reply(PolicyJSON(ResourceArn: arn, ResourcePolicy: policy))
            },
            AWSHandler(operation: Ops.getResourcePolicy) { call in
                let (arn, policy) = try await channels.getResourcePolicy(
                    try call.decode(ChannelOperations.PolicyInput.self).ResourceArn, parameters: call.parameters)
                return try Self.reply(PolicyJSON(ResourceArn: arn, ResourcePolicy: policy))
            },
            AWSHandler(operation: Ops.deleteResourcePolicy) { call in
                try await channels.deleteResourcePolicy(try call.decode(ChannelOperations.PolicyInput.self).ResourceArn, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.Empty())
            },
            AWSHandler(operation: Ops.putAuditEvents) { call in
                let result = try await channels.putAuditEvents(try call.decode(ChannelOperations.PutInput.self))
                return try Self.reply(PutJSON(result))
            },
        ]
    }
}
