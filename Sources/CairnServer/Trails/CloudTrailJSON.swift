import CairnCore
import Foundation

/// CloudTrail's request and response shapes, member names exactly as botocore's model spells them (hence the
/// PascalCase properties). Timestamps encode as epoch seconds, as JSON 1.1 carries them; absent optionals are
/// left out, as AWS leaves out unset trail fields.
enum CloudTrailJSON {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    // MARK: Requests

    struct NameInput: Decodable, Sendable {
        var Name: String?
    }

    struct TrailNameInput: Decodable, Sendable {
        var TrailName: String?
    }

    struct CreateTrailInput: Decodable, Sendable {
        var Name: String?
        var settings: TrailSettingsInput
        var TagsList: [TrailTag]?

        enum CodingKeys: String, CodingKey { case Name, TagsList }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            Name = try c.decodeIfPresent(String.self, forKey: .Name)
            TagsList = try c.decodeIfPresent([TrailTag].self, forKey: .TagsList)
            settings = try TrailSettingsInput(from: decoder)
        }
    }

    struct DescribeTrailsInput: Decodable, Sendable {
        var trailNameList: [String]?
        var includeShadowTrails: Bool?
    }

    struct ListTrailsInput: Decodable, Sendable {
        var NextToken: String?
    }

    struct PutEventSelectorsInput: Decodable, Sendable {
        var TrailName: String?
        var EventSelectors: [TrailEventSelectorInput]?
        var AdvancedEventSelectors: [TrailAdvancedEventSelector]?
    }

    struct PutInsightSelectorsInput: Decodable, Sendable {
        var TrailName: String?
        var InsightSelectors: [TrailInsightSelectorInput]?
        var EventDataStore: String?
        var InsightsDestination: String?
    }

    struct TagsInput: Decodable, Sendable {
        var ResourceId: String?
        var TagsList: [TrailTag]?
    }

    struct ListTagsInput: Decodable, Sendable {
        var ResourceIdList: [String]?
        var NextToken: String?
    }

    // MARK: Responses

    /// A trail as CreateTrail, UpdateTrail (no HomeRegion or Has* flags there), GetTrail and DescribeTrails
    /// return it.
    struct Trail: Encodable, Sendable {
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

    struct GetTrailOutput: Encodable, Sendable { var Trail: Trail }
    struct DescribeTrailsOutput: Encodable, Sendable { var trailList: [Trail] }

    struct TrailInfo: Encodable, Sendable {
        var TrailARN: String
        var Name: String
        var HomeRegion: String
    }

    struct ListTrailsOutput: Encodable, Sendable {
        var Trails: [TrailInfo]
        var NextToken: String?
    }

    struct TrailStatusOutput: Encodable, Sendable {
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

    struct EventSelectorsOutput: Encodable, Sendable {
        var TrailARN: String
        var EventSelectors: [TrailEventSelector]?
        var AdvancedEventSelectors: [TrailAdvancedEventSelector]?

        init(_ t: TrailRecord) {
            TrailARN = t.arn.description
            EventSelectors = t.eventSelectors.basicSelectors
            AdvancedEventSelectors = t.eventSelectors.advancedSelectors
        }
    }

    struct InsightSelectorsOutput: Encodable, Sendable {
        var TrailARN: String
        var InsightSelectors: [TrailInsightSelector]
    }

    struct ResourceTag: Encodable, Sendable {
        var ResourceId: String
        var TagsList: [TrailTag]
    }

    struct ListTagsOutput: Encodable, Sendable {
        var ResourceTagList: [ResourceTag]
    }

    struct Empty: Encodable, Sendable {}
}
