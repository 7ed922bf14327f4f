import CairnCore
import Foundation

/// CloudTrail's request and response shapes: the trail operations' inputs and outputs, member names exactly
/// as botocore's model spells them (hence the PascalCase properties). Absent optionals are left out, as AWS
/// leaves out unset trail fields.
enum CloudTrailModel {
    // MARK: Requests

    struct NameInput: OperationInput, Codable {
        var Name: String?
    }

    struct TrailNameInput: OperationInput, Codable {
        var TrailName: String?
    }

    /// CreateTrail's members: the name, the settings (shared with UpdateTrail, so they sit beside the name in
    /// the same object) and the tags.
    struct CreateTrailInput: OperationInput, Codable {
        var Name: String?
        var settings: TrailSettingsInput
        var TagsList: [TrailTag]?

        enum CodingKeys: String, CodingKey { case Name, TagsList }

        init(Name: String?, settings: TrailSettingsInput, TagsList: [TrailTag]?) {
            self.Name = Name
            self.settings = settings
            self.TagsList = TagsList
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            Name = try c.decodeIfPresent(String.self, forKey: .Name)
            TagsList = try c.decodeIfPresent([TrailTag].self, forKey: .TagsList)
            settings = try TrailSettingsInput(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(Name, forKey: .Name)
            try c.encodeIfPresent(TagsList, forKey: .TagsList)
            try settings.encode(to: encoder)
        }
    }

    /// UpdateTrail's members: the trail's name or ARN and the settings to change.
    struct UpdateTrailInput: OperationInput, Codable {
        var Name: String?
        var settings: TrailSettingsInput

        enum CodingKeys: String, CodingKey { case Name }

        init(Name: String?, settings: TrailSettingsInput) {
            self.Name = Name
            self.settings = settings
        }

        init(from decoder: any Decoder) throws {
            Name = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .Name)
            settings = try TrailSettingsInput(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(Name, forKey: .Name)
            try settings.encode(to: encoder)
        }
    }

    struct DescribeTrailsInput: OperationInput, Codable {
        var trailNameList: [String]?
        var includeShadowTrails: Bool?
    }

    struct ListTrailsInput: OperationInput, Codable {
        var NextToken: String?
    }

    struct PutEventSelectorsInput: OperationInput, Codable {
        var TrailName: String?
        var EventSelectors: [TrailEventSelectorInput]?
        var AdvancedEventSelectors: [TrailAdvancedEventSelector]?
    }

    struct PutInsightSelectorsInput: OperationInput, Codable {
        var TrailName: String?
        var InsightSelectors: [TrailInsightSelectorInput]?
        var EventDataStore: String?
        var InsightsDestination: String?
    }

    struct TagsInput: OperationInput, Codable {
        var ResourceId: String?
        var TagsList: [TrailTag]?
    }

    struct ListTagsInput: OperationInput, Codable {
        var ResourceIdList: [String]?
        var NextToken: String?
    }

    // MARK: Responses

    /// A trail as CreateTrail, UpdateTrail (no HomeRegion or Has* flags there), GetTrail and DescribeTrails
    /// return it.
    struct Trail: OperationOutput, Encodable {
        var Name: String
        var S3BucketName: String
        var S3KeyPrefix: String?
        var SnsTopicName: String?
        var SnsTopicARN: String?
        var IncludeGlobalServiceEvents: Bool
        var IsMultiRegionTrail: Bool
        var HomeRegion: String?
        var TrailARN: String
        var LogFileValidationEnabled: Bool
        var CloudWatchLogsLogGroupArn: String?
        var CloudWatchLogsRoleArn: String?
        var KmsKeyId: String?
        var HasCustomEventSelectors: Bool?
        var HasInsightSelectors: Bool?
        var IsOrganizationTrail: Bool

        init(_ t: TrailRecord, full: Bool) {
            let s = t.settings
            Name = t.arn.name.value
            S3BucketName = s.s3BucketName
            S3KeyPrefix = s.s3KeyPrefix
            SnsTopicName = s.snsTopicName
            SnsTopicARN = s.snsTopicARN
            IncludeGlobalServiceEvents = s.includeGlobalServiceEvents
            IsMultiRegionTrail = s.isMultiRegionTrail
            TrailARN = t.arn.description
            LogFileValidationEnabled = s.logFileValidationEnabled
            CloudWatchLogsLogGroupArn = s.cloudWatchLogsLogGroupArn
            CloudWatchLogsRoleArn = s.cloudWatchLogsRoleArn
            KmsKeyId = s.kmsKeyId
            IsOrganizationTrail = t.organizationId != nil
            if full {
                HomeRegion = t.arn.region
                HasCustomEventSelectors = t.hasCustomEventSelectors
                HasInsightSelectors = !t.insightSelectors.isEmpty
            }
        }
    }

    struct GetTrailOutput: OperationOutput, Encodable { var Trail: Trail }
    struct DescribeTrailsOutput: OperationOutput, Encodable { var trailList: [Trail] }

    struct TrailInfo: Encodable, Sendable {
        var TrailARN: String
        var Name: String
        var HomeRegion: String
    }

    struct ListTrailsOutput: OperationOutput, Encodable {
        var Trails: [TrailInfo]
        var NextToken: String?
    }

    struct TrailStatusOutput: OperationOutput, Encodable {
        var IsLogging: Bool
        var LatestDeliveryError: String?
        var LatestNotificationError: String?
        var LatestDeliveryTime: Date?
        var LatestNotificationTime: Date?
        var StartLoggingTime: Date?
        var StopLoggingTime: Date?
        var LatestCloudWatchLogsDeliveryError: String?
        var LatestCloudWatchLogsDeliveryTime: Date?
        var LatestDigestDeliveryTime: Date?
        var LatestDigestDeliveryError: String?
        var LatestDeliveryAttemptTime: String
        var LatestNotificationAttemptTime: String
        var LatestNotificationAttemptSucceeded: String
        var LatestDeliveryAttemptSucceeded: String
        var TimeLoggingStarted: String
        var TimeLoggingStopped: String

        /// The six deprecated string fields are always sent, as AWS still sends them: the same instants as
        /// ISO 8601 text, or "" when there is none.
        init(_ s: TrailStatus) {
            IsLogging = s.isLogging
            LatestDeliveryError = s.latestDeliveryError
            LatestNotificationError = s.latestNotificationError
            LatestDeliveryTime = s.latestDeliveryTime
            LatestNotificationTime = s.latestNotificationTime
            StartLoggingTime = s.startLoggingTime
            StopLoggingTime = s.stopLoggingTime
            LatestCloudWatchLogsDeliveryError = s.latestCloudWatchLogsDeliveryError
            LatestCloudWatchLogsDeliveryTime = s.latestCloudWatchLogsDeliveryTime
            LatestDigestDeliveryTime = s.latestDigestDeliveryTime
            LatestDigestDeliveryError = s.latestDigestDeliveryError
            LatestDeliveryAttemptTime = Self.text(s.latestDeliveryAttemptTime)
            LatestNotificationAttemptTime = Self.text(s.latestNotificationAttemptTime)
            LatestNotificationAttemptSucceeded = Self.text(s.latestNotificationAttemptSucceeded)
            LatestDeliveryAttemptSucceeded = Self.text(s.latestDeliveryAttemptSucceeded)
            TimeLoggingStarted = Self.text(s.startLoggingTime)
            TimeLoggingStopped = Self.text(s.stopLoggingTime)
        }

        static func text(_ date: Date?) -> String { date.map(UTCTimestamp.iso8601) ?? "" }
    }

    struct EventSelectorsOutput: OperationOutput, Encodable {
        var TrailARN: String
        var EventSelectors: [TrailEventSelector]?
        var AdvancedEventSelectors: [TrailAdvancedEventSelector]?

        init(_ t: TrailRecord) {
            TrailARN = t.arn.description
            EventSelectors = t.eventSelectors.basicSelectors
            AdvancedEventSelectors = t.eventSelectors.advancedSelectors
        }
    }

    /// A trail's selectors (TrailARN) or a store's (EventDataStoreArn, with the InsightsDestination store).
    struct InsightSelectorsOutput: OperationOutput, Encodable {
        var TrailARN: String?
        var InsightSelectors: [TrailInsightSelector]
        var EventDataStoreArn: String?
        var InsightsDestination: String?
    }

    struct GetInsightSelectorsInput: OperationInput, Codable {
        var TrailName: String?
        var EventDataStore: String?
    }

    struct ResourceTag: Encodable, Sendable {
        var ResourceId: String
        var TagsList: [TrailTag]
    }

    struct ListTagsOutput: OperationOutput, Encodable {
        var ResourceTagList: [ResourceTag]
    }
}
