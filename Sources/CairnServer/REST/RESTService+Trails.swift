import CairnCore
import Foundation
import OpenAPIRuntime

/// Trails over REST: each handler re-keys its body into CloudTrail's request shape and runs the same
/// TrailOperations method as the JSON 1.1 door, so rules, errors and events are identical.
extension RESTService {
    var trails: TrailOperations { TrailOperations(runner: runner) }
    typealias TrailOps = OperationCatalogue.Trails

    private static func body<T>(_ body: T?) throws -> T {
        guard let body else { throw ServiceError.serialization("expected application/json") }
        return body
    }

    func createTrail(_ input: Operations.CreateTrail.Input) async throws -> Operations.CreateTrail.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let call = try RESTShapeCoding.call(TrailOps.createTrail, body: body)
        let trail = try await trails.createTrail(try call.decode(CloudTrailJSON.CreateTrailInput.self), parameters: call.parameters)
        return .created(.init(body: .json(try RESTShapeCoding.answer(CloudTrailJSON.Trail(trail, full: false)))))
    }

    func describeTrails(_ input: Operations.DescribeTrails.Input) async throws -> Operations.DescribeTrails.Output {
        var extra: [String: CairnCore.JSONValue] = [:]
        if let names = input.query.name { extra["trailNameList"] = .array(names.map { .string($0) }) }
        if let shadows = input.query.includeShadowTrails { extra["includeShadowTrails"] = .bool(shadows) }
        let call = try RESTShapeCoding.call(TrailOps.describeTrails, body: Optional<String>.none, extra: extra)
        let found = try await trails.describeTrails(try call.decode(CloudTrailJSON.DescribeTrailsInput.self), parameters: call.parameters)
        return .ok(.init(body: .json(try RESTShapeCoding.answer(CloudTrailJSON.DescribeTrailsOutput(trailList: found.map { .init($0, full: true) })))))
    }

    func listTrails(_ input: Operations.ListTrails.Input) async throws -> Operations.ListTrails.Output {
        let parameters: CairnCore.JSONValue = .object(input.query.nextToken.map { ["NextToken": .string($0)] } ?? [:])
        let page = try await trails.listTrails(nextToken: input.query.nextToken, parameters: parameters)
        return .ok(.init(body: .json(.init(
            trails: page.trails.map { .init(trailARN: $0.arn.description, name: $0.arn.name.value, homeRegion: $0.arn.region) },
            nextToken: page.nextToken))))
    }

    func getTrail(_ input: Operations.GetTrail.Input) async throws -> Operations.GetTrail.Output {
        let trail = try await trails.getTrail(input.path.trail, parameters: .object(["Name": .string(input.path.trail)]))
        return .ok(.init(body: .json(try RESTShapeCoding.answer(CloudTrailJSON.Trail(trail, full: true)))))
    }

    func updateTrail(_ input: Operations.UpdateTrail.Input) async throws -> Operations.UpdateTrail.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let call = try RESTShapeCoding.call(TrailOps.updateTrail, body: body, extra: ["Name": .string(input.path.trail)])
        let trail = try await trails.updateTrail(input.path.trail, try call.decode(TrailSettingsInput.self), parameters: call.parameters)
        return .ok(.init(body: .json(try RESTShapeCoding.answer(CloudTrailJSON.Trail(trail, full: false)))))
    }

    func deleteTrail(_ input: Operations.DeleteTrail.Input) async throws -> Operations.DeleteTrail.Output {
        try await trails.deleteTrail(input.path.trail, parameters: .object(["Name": .string(input.path.trail)]))
        return .noContent(.init())
    }

    func getTrailStatus(_ input: Operations.GetTrailStatus.Input) async throws -> Operations.GetTrailStatus.Output {
        let status = try await trails.getTrailStatus(input.path.trail, parameters: .object(["Name": .string(input.path.trail)]))
        return .ok(.init(body: .json(try RESTShapeCoding.answer(CloudTrailJSON.TrailStatusOutput(status)))))
    }

    func startTrailLogging(_ input: Operations.StartTrailLogging.Input) async throws -> Operations.StartTrailLogging.Output {
        try await trails.setLogging(input.path.trail, on: true, parameters: .object(["Name": .string(input.path.trail)]))
        return .noContent(.init())
    }

    func stopTrailLogging(_ input: Operations.StopTrailLogging.Input) async throws -> Operations.StopTrailLogging.Output {
        try await trails.setLogging(input.path.trail, on: false, parameters: .object(["Name": .string(input.path.trail)]))
        return .noContent(.init())
    }

    func getTrailEventSelectors(_ input: Operations.GetTrailEventSelectors.Input) async throws -> Operations.GetTrailEventSelectors.Output {
        let trail = try await trails.getEventSelectors(input.path.trail, parameters: .object(["TrailName": .string(input.path.trail)]))
        return .ok(.init(body: .json(try RESTShapeCoding.answer(CloudTrailJSON.EventSelectorsOutput(trail)))))
    }

    func putTrailEventSelectors(_ input: Operations.PutTrailEventSelectors.Input) async throws -> Operations.PutTrailEventSelectors.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let call = try RESTShapeCoding.call(TrailOps.putEventSelectors, body: body, extra: ["TrailName": .string(input.path.trail)])
        let trail = try await trails.putEventSelectors(try call.decode(CloudTrailJSON.PutEventSelectorsInput.self), parameters: call.parameters)
        return .ok(.init(body: .json(try RESTShapeCoding.answer(CloudTrailJSON.EventSelectorsOutput(trail)))))
    }

    func getTrailInsightSelectors(_ input: Operations.GetTrailInsightSelectors.Input) async throws -> Operations.GetTrailInsightSelectors.Output {
        let (arn, selectors) = try await trails.getInsightSelectors(input.path.trail, parameters: .object(["TrailName": .string(input.path.trail)]))
        return .ok(.init(body: .json(try RESTShapeCoding.answer(
            CloudTrailJSON.InsightSelectorsOutput(TrailARN: arn.description, InsightSelectors: selectors)))))
    }

    func putTrailInsightSelectors(_ input: Operations.PutTrailInsightSelectors.Input) async throws -> Operations.PutTrailInsightSelectors.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let call = try RESTShapeCoding.call(TrailOps.putInsightSelectors, body: body, extra: ["TrailName": .string(input.path.trail)])
        let trail = try await trails.putInsightSelectors(try call.decode(CloudTrailJSON.PutInsightSelectorsInput.self), parameters: call.parameters)
        return .ok(.init(body: .json(try RESTShapeCoding.answer(
            CloudTrailJSON.InsightSelectorsOutput(TrailARN: trail.arn.description, InsightSelectors: trail.insightSelectors)))))
    }

    func listTrailTags(_ input: Operations.ListTrailTags.Input) async throws -> Operations.ListTrailTags.Output {
        let parameters: CairnCore.JSONValue = .object(["ResourceIdList": .array([.string(input.path.trail)])])
        let tagged = try await trails.listTags(.init(ResourceIdList: [input.path.trail]), parameters: parameters)
        guard let (arn, tags) = tagged.first else { throw ServiceError.internalFailure }
        return .ok(.init(body: .json(try RESTShapeCoding.answer(CloudTrailJSON.ResourceTag(ResourceId: arn.description, TagsList: tags)))))
    }

    func addTrailTags(_ input: Operations.AddTrailTags.Input) async throws -> Operations.AddTrailTags.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let call = try RESTShapeCoding.call(TrailOps.addTags, body: body, extra: ["ResourceId": .string(input.path.trail)])
        try await trails.addTags(try call.decode(CloudTrailJSON.TagsInput.self), parameters: call.parameters)
        return .noContent(.init())
    }

    func removeTrailTags(_ input: Operations.RemoveTrailTags.Input) async throws -> Operations.RemoveTrailTags.Output {
        let tags = input.query.key.map { TrailTag(key: $0) }
        let parameters: CairnCore.JSONValue = .object([
            "ResourceId": .string(input.path.trail),
            "TagsList": .array(input.query.key.map { .object(["Key": .string($0)]) }),
        ])
        try await trails.removeTags(.init(ResourceId: input.path.trail, TagsList: tags), parameters: parameters)
        return .noContent(.init())
    }

    func registerTrailDelegatedAdministrator(
        _ input: Operations.RegisterTrailDelegatedAdministrator.Input
    ) async throws -> Operations.RegisterTrailDelegatedAdministrator.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await CloudTrailDelegatedAdminHandlers(runner: runner).register(
            body.memberAccountId, parameters: .object(["MemberAccountId": .string(body.memberAccountId)]))
        return .noContent(.init())
    }

    func deregisterTrailDelegatedAdministrator(
        _ input: Operations.DeregisterTrailDelegatedAdministrator.Input
    ) async throws -> Operations.DeregisterTrailDelegatedAdministrator.Output {
        try await CloudTrailDelegatedAdminHandlers(runner: runner).deregister(
            input.path.accountId, parameters: .object(["DelegatedAdminAccountId": .string(input.path.accountId)]))
        return .noContent(.init())
    }
}
