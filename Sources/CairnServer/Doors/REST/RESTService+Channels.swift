import CairnCore
import Foundation
import OpenAPIRuntime

/// Channels, their resource policies and ingestion over REST: the same operations as the CloudTrail and
/// cloudtrail-data doors.
extension RESTService {
    func listChannels(_ input: Operations.ListChannels.Input) async throws -> Operations.ListChannels.Output {
        let page = try await run(ChannelOperations.listChannels) {
            ChannelModel.ListChannelsInput(MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(channels: page.Channels.map(Self.channel), nextToken: page.NextToken))))
    }

    func createChannel(_ input: Operations.CreateChannel.Input) async throws -> Operations.CreateChannel.Output {
        let created = try await run(ChannelOperations.createChannel) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return ChannelModel.CreateChannelInput(
                Name: b.name, Source: b.source, Destinations: b.destinations.map { ChannelDestination(type: $0._type, location: $0.location) },
                Tags: b.tags?.map(Self.tag))
        }
        return .created(.init(body: .json(Self.channel(created))))
    }

    func getChannel(_ input: Operations.GetChannel.Input) async throws -> Operations.GetChannel.Output {
        let found = try await run(ChannelOperations.getChannel) { ChannelModel.ChannelInput(Channel: input.path.channel) }
        return .ok(.init(body: .json(Self.channel(found))))
    }

    func updateChannel(_ input: Operations.UpdateChannel.Input) async throws -> Operations.UpdateChannel.Output {
        let updated = try await run(ChannelOperations.updateChannel) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return ChannelModel.UpdateChannelInput(
                Channel: input.path.channel, Destinations: b.destinations?.map { ChannelDestination(type: $0._type, location: $0.location) },
                Name: b.name)
        }
        return .ok(.init(body: .json(Self.channel(updated))))
    }

    func deleteChannel(_ input: Operations.DeleteChannel.Input) async throws -> Operations.DeleteChannel.Output {
        _ = try await run(ChannelOperations.deleteChannel) { ChannelModel.ChannelInput(Channel: input.path.channel) }
        return .noContent(.init())
    }

    func putAuditEvents(_ input: Operations.PutAuditEvents.Input) async throws -> Operations.PutAuditEvents.Output {
        let result = try await run(ChannelOperations.putAuditEvents) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return ChannelModel.PutAuditEventsInput(
                channelArn: input.path.channel, externalId: nil,
                auditEvents: b.auditEvents.map { AuditEventRules.Input(id: $0.id, eventData: $0.eventData, eventDataChecksum: $0.eventDataChecksum) })
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        successful: result.successful.map { .init(id: $0.id, eventID: $0.eventID) },
                        failed: result.failed.map { .init(id: $0.id, errorCode: $0.errorCode, errorMessage: $0.errorMessage) }))))
    }

    static func channel(_ c: ChannelModel.Channel) -> Components.Schemas.Channel {
        .init(
            channelArn: c.ChannelArn, name: c.Name, source: c.Source,
            destinations: c.Destinations?.map { .init(_type: $0.type, location: $0.location) }, tags: c.Tags?.map(tag),
            ingestionStatus: c.IngestionStatus.map {
                .init(
                    latestIngestionSuccessTime: $0.LatestIngestionSuccessTime, latestIngestionSuccessEventID: $0.LatestIngestionSuccessEventID,
                    latestIngestionErrorCode: $0.LatestIngestionErrorCode, latestIngestionAttemptTime: $0.LatestIngestionAttemptTime,
                    latestIngestionAttemptEventID: $0.LatestIngestionAttemptEventID)
            })
    }
}

/// A channel's resource-based policy over REST: the channel by id or ARN, the policy as a JSON string.
extension RESTService {
    func getChannelPolicy(_ input: Operations.GetChannelPolicy.Input) async throws -> Operations.GetChannelPolicy.Output {
        let found = try await run(ResourcePolicyOperations.getResourcePolicy) { try policyInput(input.path.channel, policy: nil) }
        return .ok(.init(body: .json(.init(resourceArn: found.ResourceArn, resourcePolicy: found.ResourcePolicy))))
    }

    func putChannelPolicy(_ input: Operations.PutChannelPolicy.Input) async throws -> Operations.PutChannelPolicy.Output {
        let put = try await run(ResourcePolicyOperations.putResourcePolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return try policyInput(input.path.channel, policy: b.resourcePolicy)
        }
        return .ok(.init(body: .json(.init(resourceArn: put.ResourceArn, resourcePolicy: put.ResourcePolicy))))
    }

    func deleteChannelPolicy(_ input: Operations.DeleteChannelPolicy.Input) async throws -> Operations.DeleteChannelPolicy.Output {
        _ = try await run(ResourcePolicyOperations.deleteResourcePolicy) { try policyInput(input.path.channel, policy: nil) }
        return .noContent(.init())
    }

    /// The path names a channel by id or ARN; the operation takes its ARN, in the caller's account and region.
    private func policyInput(_ channel: String, policy: String?) throws -> ChannelModel.ResourcePolicyInput {
        guard let scope = RequestScope.current else { throw ServiceError.internalFailure }
        let account = scope.principal.account.value, partition = runner.partition
        let arn =
            ChannelRules.channelId(channel, partition: partition, region: scope.region, account: account)
            .map { ChannelRules.arn(partition: partition, region: scope.region, account: account, id: $0) } ?? channel
        return ChannelModel.ResourcePolicyInput(ResourceArn: arn, ResourcePolicy: policy)
    }
}
