import CairnCore
import Foundation
import OpenAPIRuntime

/// Trails over REST: each handler maps its path, query and body to the operation's input and its output to
/// the REST shape — the same operations as the CloudTrail door, so rules, errors and events are identical.
extension RESTService {
    func createTrail(_ input: Operations.CreateTrail.Input) async throws -> Operations.CreateTrail.Output {
        let trail = try await run(TrailOperations.createTrail) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return CloudTrailModel.CreateTrailInput(
                Name: b.name,
                settings: Self.settings(b),
                TagsList: b.tagsList?.map(Self.tag))
        }
        return .created(.init(body: .json(Self.trail(trail))))
    }

    func describeTrails(_ input: Operations.DescribeTrails.Input) async throws -> Operations.DescribeTrails.Output {
        let found = try await run(TrailOperations.describeTrails) {
            CloudTrailModel.DescribeTrailsInput(trailNameList: input.query.name, includeShadowTrails: input.query.includeShadowTrails)
        }
        return .ok(.init(body: .json(.init(trailList: found.trailList.map(Self.trail)))))
    }

    func listTrails(_ input: Operations.ListTrails.Input) async throws -> Operations.ListTrails.Output {
        let page = try await run(TrailOperations.listTrails) { CloudTrailModel.ListTrailsInput(NextToken: input.query.nextToken) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        trails: page.Trails.map { .init(trailARN: $0.TrailARN, name: $0.Name, homeRegion: $0.HomeRegion) }, nextToken: page.NextToken)
                )))
    }

    func getTrail(_ input: Operations.GetTrail.Input) async throws -> Operations.GetTrail.Output {
        let found = try await run(TrailOperations.getTrail) { CloudTrailModel.NameInput(Name: input.path.trail) }
        return .ok(.init(body: .json(Self.trail(found.Trail))))
    }

    func updateTrail(_ input: Operations.UpdateTrail.Input) async throws -> Operations.UpdateTrail.Output {
        let trail = try await run(TrailOperations.updateTrail) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return CloudTrailModel.UpdateTrailInput(
                Name: input.path.trail,
                settings: Self.settings(b))
        }
        return .ok(.init(body: .json(Self.trail(trail))))
    }

    func deleteTrail(_ input: Operations.DeleteTrail.Input) async throws -> Operations.DeleteTrail.Output {
        _ = try await run(TrailOperations.deleteTrail) { CloudTrailModel.NameInput(Name: input.path.trail) }
        return .noContent(.init())
    }

    func getTrailStatus(_ input: Operations.GetTrailStatus.Input) async throws -> Operations.GetTrailStatus.Output {
        let s = try await run(TrailOperations.getTrailStatus) { CloudTrailModel.NameInput(Name: input.path.trail) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        isLogging: s.IsLogging, startLoggingTime: s.StartLoggingTime, stopLoggingTime: s.StopLoggingTime,
                        latestDeliveryTime: s.LatestDeliveryTime, latestDeliveryError: s.LatestDeliveryError,
                        latestNotificationTime: s.LatestNotificationTime, latestNotificationError: s.LatestNotificationError,
                        latestDigestDeliveryTime: s.LatestDigestDeliveryTime, latestDigestDeliveryError: s.LatestDigestDeliveryError,
                        latestCloudWatchLogsDeliveryTime: s.LatestCloudWatchLogsDeliveryTime,
                        latestCloudWatchLogsDeliveryError: s.LatestCloudWatchLogsDeliveryError))))
    }

    func startTrailLogging(_ input: Operations.StartTrailLogging.Input) async throws -> Operations.StartTrailLogging.Output {
        _ = try await run(TrailOperations.startLogging) { CloudTrailModel.NameInput(Name: input.path.trail) }
        return .noContent(.init())
    }

    func stopTrailLogging(_ input: Operations.StopTrailLogging.Input) async throws -> Operations.StopTrailLogging.Output {
        _ = try await run(TrailOperations.stopLogging) { CloudTrailModel.NameInput(Name: input.path.trail) }
        return .noContent(.init())
    }

    func getTrailEventSelectors(_ input: Operations.GetTrailEventSelectors.Input) async throws -> Operations.GetTrailEventSelectors.Output {
        let found = try await run(TrailOperations.getEventSelectors) { CloudTrailModel.TrailNameInput(TrailName: input.path.trail) }
        return .ok(.init(body: .json(Self.eventSelectors(found))))
    }

    func putTrailEventSelectors(_ input: Operations.PutTrailEventSelectors.Input) async throws -> Operations.PutTrailEventSelectors.Output {
        let put = try await run(TrailOperations.putEventSelectors) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return CloudTrailModel.PutEventSelectorsInput(
                TrailName: input.path.trail,
                EventSelectors: b.eventSelectors?.map {
                    TrailEventSelectorInput(
                        readWriteType: $0.readWriteType, includeManagementEvents: $0.includeManagementEvents,
                        dataResources: $0.dataResources?.map { TrailDataResourceInput(type: $0._type, values: $0.values) },
                        excludeManagementEventSources: $0.excludeManagementEventSources)
                },
                AdvancedEventSelectors: b.advancedEventSelectors?.map {
                    TrailAdvancedEventSelector(
                        name: $0.name,
                        fieldSelectors: $0.fieldSelectors.map {
                            TrailAdvancedFieldSelector(
                                field: $0.field, equals: $0.equals, startsWith: $0.startsWith, endsWith: $0.endsWith, notEquals: $0.notEquals,
                                notStartsWith: $0.notStartsWith, notEndsWith: $0.notEndsWith)
                        })
                })
        }
        return .ok(.init(body: .json(Self.eventSelectors(put))))
    }

    func getTrailInsightSelectors(_ input: Operations.GetTrailInsightSelectors.Input) async throws -> Operations.GetTrailInsightSelectors.Output {
        let found = try await run(TrailOperations.getInsightSelectors) { CloudTrailModel.GetInsightSelectorsInput(TrailName: input.path.trail) }
        return .ok(.init(body: .json(Self.insightSelectors(found))))
    }

    func putTrailInsightSelectors(_ input: Operations.PutTrailInsightSelectors.Input) async throws -> Operations.PutTrailInsightSelectors.Output {
        let put = try await run(TrailOperations.putInsightSelectors) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return CloudTrailModel.PutInsightSelectorsInput(
                TrailName: input.path.trail,
                InsightSelectors: b.insightSelectors.map {
                    TrailInsightSelectorInput(insightType: $0.insightType, eventCategories: $0.eventCategories)
                })
        }
        return .ok(.init(body: .json(Self.insightSelectors(put))))
    }

    func listTrailTags(_ input: Operations.ListTrailTags.Input) async throws -> Operations.ListTrailTags.Output {
        let listed = try await run(TrailOperations.listTags) { CloudTrailModel.ListTagsInput(ResourceIdList: [input.path.trail]) }
        guard let first = listed.ResourceTagList.first else { throw ServiceError.internalFailure }
        return .ok(.init(body: .json(.init(resourceId: first.ResourceId, tagsList: first.TagsList.map(Self.tag)))))
    }

    func addTrailTags(_ input: Operations.AddTrailTags.Input) async throws -> Operations.AddTrailTags.Output {
        _ = try await run(TrailOperations.addTags) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return CloudTrailModel.TagsInput(ResourceId: input.path.trail, TagsList: b.tagsList.map(Self.tag))
        }
        return .noContent(.init())
    }

    func removeTrailTags(_ input: Operations.RemoveTrailTags.Input) async throws -> Operations.RemoveTrailTags.Output {
        _ = try await run(TrailOperations.removeTags) {
            CloudTrailModel.TagsInput(ResourceId: input.path.trail, TagsList: input.query.key.map { TrailTag(key: $0) })
        }
        return .noContent(.init())
    }

    func registerTrailDelegatedAdministrator(
        _ input: Operations.RegisterTrailDelegatedAdministrator.Input
    ) async throws -> Operations.RegisterTrailDelegatedAdministrator.Output {
        _ = try await run(TrailDelegatedAdministrators.register) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return TrailDelegatedAdministrators.RegisterInput(MemberAccountId: b.memberAccountId)
        }
        return .noContent(.init())
    }

    func deregisterTrailDelegatedAdministrator(
        _ input: Operations.DeregisterTrailDelegatedAdministrator.Input
    ) async throws -> Operations.DeregisterTrailDelegatedAdministrator.Output {
        _ = try await run(TrailDelegatedAdministrators.deregister) {
            TrailDelegatedAdministrators.DeregisterInput(DelegatedAdminAccountId: input.path.accountId)
        }
        return .noContent(.init())
    }
}

/// The settings members CreateTrail's and UpdateTrail's REST bodies share (the bucket is required in one only).
protocol RESTTrailSettings {
    var bucketName: String? { get }
    var s3KeyPrefix: String? { get }
    var snsTopicName: String? { get }
    var includeGlobalServiceEvents: Bool? { get }
    var isMultiRegionTrail: Bool? { get }
    var enableLogFileValidation: Bool? { get }
    var cloudWatchLogsLogGroupArn: String? { get }
    var cloudWatchLogsRoleArn: String? { get }
    var kmsKeyId: String? { get }
    var isOrganizationTrail: Bool? { get }
}

/// The trail shapes in REST's names.
extension RESTService {
    static func settings(_ b: some RESTTrailSettings) -> TrailSettingsInput {
        TrailSettingsInput(
            s3BucketName: b.bucketName, s3KeyPrefix: b.s3KeyPrefix, snsTopicName: b.snsTopicName,
            includeGlobalServiceEvents: b.includeGlobalServiceEvents, isMultiRegionTrail: b.isMultiRegionTrail,
            enableLogFileValidation: b.enableLogFileValidation, cloudWatchLogsLogGroupArn: b.cloudWatchLogsLogGroupArn,
            cloudWatchLogsRoleArn: b.cloudWatchLogsRoleArn, kmsKeyId: b.kmsKeyId, isOrganizationTrail: b.isOrganizationTrail)
    }

    static func trail(_ t: CloudTrailModel.Trail) -> Components.Schemas.Trail {
        .init(
            name: t.Name, trailARN: t.TrailARN, homeRegion: t.HomeRegion, s3BucketName: t.S3BucketName, s3KeyPrefix: t.S3KeyPrefix,
            snsTopicName: t.SnsTopicName, snsTopicARN: t.SnsTopicARN, includeGlobalServiceEvents: t.IncludeGlobalServiceEvents,
            isMultiRegionTrail: t.IsMultiRegionTrail, logFileValidationEnabled: t.LogFileValidationEnabled,
            cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn, cloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn, kmsKeyId: t.KmsKeyId,
            hasCustomEventSelectors: t.HasCustomEventSelectors, hasInsightSelectors: t.HasInsightSelectors,
            isOrganizationTrail: t.IsOrganizationTrail)
    }

    static func tag(_ t: Components.Schemas.TrailTag) -> TrailTag { TrailTag(key: t.key, value: t.value) }
    static func tag(_ t: TrailTag) -> Components.Schemas.TrailTag { .init(key: t.key, value: t.value) }

    static func eventSelectors(_ s: CloudTrailModel.EventSelectorsOutput) -> Components.Schemas.TrailEventSelectors {
        .init(
            trailARN: s.TrailARN ?? "",
            eventSelectors: s.EventSelectors?.map {
                .init(
                    readWriteType: $0.readWriteType.rawValue, includeManagementEvents: $0.includeManagementEvents,
                    dataResources: $0.dataResources.map { .init(_type: $0.type, values: $0.values) },
                    excludeManagementEventSources: $0.excludeManagementEventSources)
            },
            advancedEventSelectors: s.AdvancedEventSelectors?.map {
                .init(
                    name: $0.name,
                    fieldSelectors: $0.fieldSelectors.map {
                        .init(
                            field: $0.field, equals: $0.equals, startsWith: $0.startsWith, endsWith: $0.endsWith, notEquals: $0.notEquals,
                            notStartsWith: $0.notStartsWith, notEndsWith: $0.notEndsWith)
                    })
            })
    }

    static func insightSelectors(_ s: CloudTrailModel.InsightSelectorsOutput) -> Components.Schemas.TrailInsightSelectors {
        .init(
            trailARN: s.TrailARN ?? "",
            insightSelectors: s.InsightSelectors.map {
                .init(insightType: $0.insightType.rawValue, eventCategories: $0.eventCategories.map(\.rawValue))
            })
    }
}

extension Components.Schemas.CreateTrailRequest: RESTTrailSettings {
    var bucketName: String? { s3BucketName }
}

extension Components.Schemas.UpdateTrailRequest: RESTTrailSettings {
    var bucketName: String? { s3BucketName }
}
