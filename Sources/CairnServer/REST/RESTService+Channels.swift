import CairnCore
import Foundation
import OpenAPIRuntime

/// Channels and ingestion over REST: bodies re-keyed into CloudTrail's shapes (as for trails) and run through
/// the same ChannelOperations as the AWS doors.
extension RESTService {
    var channels: ChannelOperations { ChannelOperations(runner: runner) }
    typealias EventOps = OperationCatalogue.Events

    func listChannels(_ input: Operations.ListChannels.Input) async throws -> Operations.ListChannels.Output {
        var extra: [String: CairnCore.JSONValue] = [:]
        if let limit = input.query.limit { extra["MaxResults"] = .number(Double(limit)) }
        if let token = input.query.nextToken { extra["NextToken"] = .string(token) }
        let call = try RESTShapeCoding.call(EventOps.listChannels, body: Optional<String>.none, extra: extra)
        let page = try await channels.list(try call.decode(ChannelOperations.ListInput.self), parameters: call.parameters)
        return .ok(.init(body: .json(try RESTShapeCoding.answer(
            ChannelHandlers.ListJSON(Channels: page.channels.map { .init($0, full: false) }, NextToken: page.nextToken)))))
    }

    func createChannel(_ input: Operations.CreateChannel.Input) async throws -> Operations.CreateChannel.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let call = try RESTShapeCoding.call(EventOps.createChannel, body: body)
        let created = try await channels.create(try call.decode(ChannelOperations.CreateInput.self), parameters: call.parameters)
        var out = ChannelHandlers.ChannelJSON(created, full: true, tags: true)
        out.IngestionStatus = nil
        return .created(.init(body: .json(try RESTShapeCoding.answer(out))))
    }

    func getChannel(_ input: Operations.GetChannel.Input) async throws -> Operations.GetChannel.Output {
        let found = try await channels.get(input.path.channel, parameters: .object(["Channel": .string(input.path.channel)]))
        return .ok(.init(body: .json(try RESTShapeCoding.answer(ChannelHandlers.ChannelJSON(found, full: true)))))
    }

    func updateChannel(_ input: Operations.UpdateChannel.Input) async throws -> Operations.UpdateChannel.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let call = try RESTShapeCoding.call(EventOps.updateChannel, body: body, extra: ["Channel": .string(input.path.channel)])
        let updated = try await channels.update(try call.decode(ChannelOperations.UpdateInput.self), parameters: call.parameters)
        return .ok(.init(body: .json(try RESTShapeCoding.answer(ChannelHandlers.ChannelJSON(updated, full: true)))))
    }

    func deleteChannel(_ input: Operations.DeleteChannel.Input) async throws -> Operations.DeleteChannel.Output {
        try await channels.delete(input.path.channel, parameters: .object(["Channel": .string(input.path.channel)]))
        return .noContent(.init())
    }

    /// The body's keys are already cloudtrail-data's (lower camel), so no re-keying: the channel joins them.
    func putAuditEvents(_ input: Operations.PutAuditEvents.Input) async throws -> Operations.PutAuditEvents.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        var object: [String: CairnCore.JSONValue] = [:]
        if case .object(let members) = try JSONDecoder().decode(CairnCore.JSONValue.self, from: try JSONEncoder().encode(body)) { object = members }
        object["channelArn"] = .string(input.path.channel)
        let parameters = CairnCore.JSONValue.object(object)
        let call = AWSCall(operation: EventOps.putAuditEvents, parameters: parameters, jsonBody: try JSONEncoder().encode(parameters))
        let result = try await channels.putAuditEvents(try call.decode(ChannelOperations.PutInput.self))
        let decoded = try JSONDecoder().decode(
            Components.Schemas.PutAuditEventsResult.self, from: try CloudTrailJSON.encoder.encode(ChannelHandlers.PutJSON(result)))
        return .ok(.init(body: .json(decoded)))
    }
}

/// A channel's resource-based policy over REST: the channel by id or ARN, the policy as a JSON string.
extension RESTService {
    func getChannelPolicy(_ input: Operations.GetChannelPolicy.Input) async throws -> Operations.GetChannelPolicy.Output {
        let arn = channels.resourceARN(input.path.channel) ?? input.path.channel
        let (resource, policy) = try await channels.getResourcePolicy(arn, parameters: .object(["ResourceArn": .string(arn)]))
        return .ok(.init(body: .json(.init(resourceArn: resource, resourcePolicy: policy))))
    }

    func putChannelPolicy(_ input: Operations.PutChannelPolicy.Input) async throws -> Operations.PutChannelPolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let arn = channels.resourceARN(input.path.channel) ?? input.path.channel
        let (resource, policy) = try await channels.putResourcePolicy(
            .init(ResourceArn: arn, ResourcePolicy: body.resourcePolicy),
            parameters: .object(["ResourceArn": .string(arn), "ResourcePolicy": .string(body.resourcePolicy)]))
        return .ok(.init(body: .json(.init(resourceArn: resource, resourcePolicy: policy))))
    }

    func deleteChannelPolicy(_ input: Operations.DeleteChannelPolicy.Input) async throws -> Operations.DeleteChannelPolicy.Output {
        let arn = channels.resourceARN(input.path.channel) ?? input.path.channel
        try await channels.deleteResourcePolicy(arn, parameters: .object(["ResourceArn": .string(arn)]))
        return .noContent(.init())
    }
}
