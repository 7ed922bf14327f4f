/// The settings fields of a CreateTrail or UpdateTrail request, exactly as sent: nil means "not sent".
///
/// On UpdateTrail an empty string for an optional string field means "remove this setting" (how the AWS
/// CLI and Terraform switch off SNS, KMS or CloudWatch Logs delivery); on CreateTrail it means the same as
/// not sending the field.
package struct TrailSettingsInput: Hashable, Sendable {
    package var s3BucketName: String?
    package var s3KeyPrefix: String?
    package var snsTopicName: String?
    package var includeGlobalServiceEvents: Bool?
    package var isMultiRegionTrail: Bool?
    package var enableLogFileValidation: Bool?
    package var cloudWatchLogsLogGroupArn: String?
    package var cloudWatchLogsRoleArn: String?
    package var kmsKeyId: String?
    package var isOrganizationTrail: Bool?

    package init(
        s3BucketName: String? = nil, s3KeyPrefix: String? = nil, snsTopicName: String? = nil,
        includeGlobalServiceEvents: Bool? = nil, isMultiRegionTrail: Bool? = nil,
        enableLogFileValidation: Bool? = nil, cloudWatchLogsLogGroupArn: String? = nil,
        cloudWatchLogsRoleArn: String? = nil, kmsKeyId: String? = nil, isOrganizationTrail: Bool? = nil
    ) {
        self.s3BucketName = s3BucketName
        self.s3KeyPrefix = s3KeyPrefix
        self.snsTopicName = snsTopicName
        self.includeGlobalServiceEvents = includeGlobalServiceEvents
        self.isMultiRegionTrail = isMultiRegionTrail
        self.enableLogFileValidation = enableLogFileValidation
        self.cloudWatchLogsLogGroupArn = cloudWatchLogsLogGroupArn
        self.cloudWatchLogsRoleArn = cloudWatchLogsRoleArn
        self.kmsKeyId = kmsKeyId
        self.isOrganizationTrail = isOrganizationTrail
    }
}

extension TrailSettingsInput: Codable {
    enum CodingKeys: String, CodingKey {
        case s3BucketName = "S3BucketName", s3KeyPrefix = "S3KeyPrefix", snsTopicName = "SnsTopicName"
        case includeGlobalServiceEvents = "IncludeGlobalServiceEvents", isMultiRegionTrail = "IsMultiRegionTrail"
        case enableLogFileValidation = "EnableLogFileValidation", cloudWatchLogsLogGroupArn = "CloudWatchLogsLogGroupArn"
        case cloudWatchLogsRoleArn = "CloudWatchLogsRoleArn", kmsKeyId = "KmsKeyId", isOrganizationTrail = "IsOrganizationTrail"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        s3BucketName = try c.decodeIfPresent(String.self, forKey: .s3BucketName)
        s3KeyPrefix = try c.decodeIfPresent(String.self, forKey: .s3KeyPrefix)
        snsTopicName = try c.decodeIfPresent(String.self, forKey: .snsTopicName)
        includeGlobalServiceEvents = try c.decodeIfPresent(Bool.self, forKey: .includeGlobalServiceEvents)
        isMultiRegionTrail = try c.decodeIfPresent(Bool.self, forKey: .isMultiRegionTrail)
        enableLogFileValidation = try c.decodeIfPresent(Bool.self, forKey: .enableLogFileValidation)
        cloudWatchLogsLogGroupArn = try c.decodeIfPresent(String.self, forKey: .cloudWatchLogsLogGroupArn)
        cloudWatchLogsRoleArn = try c.decodeIfPresent(String.self, forKey: .cloudWatchLogsRoleArn)
        kmsKeyId = try c.decodeIfPresent(String.self, forKey: .kmsKeyId)
        isOrganizationTrail = try c.decodeIfPresent(Bool.self, forKey: .isOrganizationTrail)
    }
}
