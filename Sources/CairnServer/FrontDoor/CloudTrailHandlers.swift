import CairnCore
import Foundation

/// The CloudTrail JSON 1.1 door for trails and event history: decode the request as botocore's model shapes it, run the one
/// TrailOperations method, encode the answer. No rule lives here.
struct CloudTrailHandlers: Sendable {
    let trails: TrailOperations
    let history: EventHistory
    let publicKeys: PublicKeyOperations

    private static func reply<T: Encodable>(_ value: T) throws -> AWSReply {
        .json(try CloudTrailJSON.encoder.encode(value))
    }

    var all: [AWSHandler] {
        let trails = self.trails
        typealias Ops = OperationCatalogue.Trails
        return [
            AWSHandler(operation: Ops.createTrail) { call in
                let trail = try await trails.createTrail(try call.decode(CloudTrailJSON.CreateTrailInput.self), parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.Trail(trail, full: false))
            },
            AWSHandler(operation: Ops.updateTrail) { call in
                let name = try call.decode(CloudTrailJSON.NameInput.self).Name
                let trail = try await trails.updateTrail(name, try call.decode(TrailSettingsInput.self), parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.Trail(trail, full: false))
            },
            AWSHandler(operation: Ops.deleteTrail) { call in
                try await trails.deleteTrail(try call.decode(CloudTrailJSON.NameInput.self).Name, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.Empty())
            },
            AWSHandler(operation: Ops.getTrail) { call in
                let trail = try await trails.getTrail(try call.decode(CloudTrailJSON.NameInput.self).Name, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.GetTrailOutput(Trail: .init(trail, full: true)))
            },
            AWSHandler(operation: Ops.describeTrails) { call in
                let found = try await trails.describeTrails(try call.decode(CloudTrailJSON.DescribeTrailsInput.self), parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.DescribeTrailsOutput(trailList: found.map { .init($0, full: true) }))
            },
            AWSHandler(operation: Ops.listTrails) { call in
                let page = try await trails.listTrails(nextToken: try call.decode(CloudTrailJSON.ListTrailsInput.self).NextToken, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.ListTrailsOutput(
                    Trails: page.trails.map { .init(TrailARN: $0.arn.description, Name: $0.arn.name.value, HomeRegion: $0.arn.region) },
                    NextToken: page.nextToken))
            },
            AWSHandler(operation: Ops.getTrailStatus) { call in
                let status = try await trails.getTrailStatus(try call.decode(CloudTrailJSON.NameInput.self).Name, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.TrailStatusOutput(status))
            },
            AWSHandler(operation: Ops.startLogging) { call in
                try await trails.setLogging(try call.decode(CloudTrailJSON.NameInput.self).Name, on: true, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.Empty())
            },
            AWSHandler(operation: Ops.stopLogging) { call in
                try await trails.setLogging(try call.decode(CloudTrailJSON.NameInput.self).Name, on: false, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.Empty())
            },
            AWSHandler(operation: Ops.putEventSelectors) { call in
                let trail = try await trails.putEventSelectors(try call.decode(CloudTrailJSON.PutEventSelectorsInput.self), parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.EventSelectorsOutput(trail))
            },
            AWSHandler(operation: Ops.getEventSelectors) { call in
                let trail = try await trails.getEventSelectors(try call.decode(CloudTrailJSON.TrailNameInput.self).TrailName, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.EventSelectorsOutput(trail))
            },
            AWSHandler(operation: Ops.putInsightSelectors) { call in
                let trail = try await trails.putInsightSelectors(try call.decode(CloudTrailJSON.PutInsightSelectorsInput.self), parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.InsightSelectorsOutput(TrailARN: trail.arn.description, InsightSelectors: trail.insightSelectors))
            },
            AWSHandler(operation: Ops.getInsightSelectors) { call in
                let (arn, selectors) = try await trails.getInsightSelectors(
                    try call.decode(CloudTrailJSON.TrailNameInput.self).TrailName, parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.InsightSelectorsOutput(TrailARN: arn.description, InsightSelectors: selectors))
            },
            AWSHandler(operation: Ops.addTags) { call in
                try await trails.addTags(try call.decode(CloudTrailJSON.TagsInput.self), parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.Empty())
            },
            AWSHandler(operation: Ops.removeTags) { call in
                try await trails.removeTags(try call.decode(CloudTrailJSON.TagsInput.self), parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.Empty())
            },
            AWSHandler(operation: OperationCatalogue.Events.lookupEvents) { [history] call in
                let input = try call.decode(LookupEventsJSON.Input.self)
                let page = try await history.lookup(parameters: call.parameters) { now in try input.lookup(now: now) }
                return try Self.reply(LookupEventsJSON.Output(Events: page.events.map { .init($0.record, json: $0.json) }, NextToken: page.nextToken))
            },
            AWSHandler(operation: Ops.listPublicKeys) { [publicKeys] call in
                let input = try call.decode(PublicKeysJSON.Input.self)
                let keys = try await publicKeys.list(
                    startTime: input.StartTime.map(Date.init(timeIntervalSince1970:)), endTime: input.EndTime.map(Date.init(timeIntervalSince1970:)),
                    nextToken: input.NextToken, parameters: call.parameters)
                return try Self.reply(PublicKeysJSON.Output(keys))
            },
            AWSHandler(operation: Ops.listTags) { call in
                let tagged = try await trails.listTags(try call.decode(CloudTrailJSON.ListTagsInput.self), parameters: call.parameters)
                return try Self.reply(CloudTrailJSON.ListTagsOutput(
                    ResourceTagList: tagged.map { .init(ResourceId: $0.0.description, TagsList: $0.1) }))
            },
        ]
    }
}
