/// Everything CreateTrail and UpdateTrail can set on a trail, after defaults and validation.
///
/// Optional strings are nil when unset, because AWS omits unset string fields from trail responses.
package struct TrailSettings: Hashable, Sendable {
    package var s3BucketName: String
    package var s3KeyPrefix: String?
    /// As the caller sent it (name or ARN); AWS still returns this deprecated field.
    package var snsTopicName: String?
    package var snsTopicARN: String?
    package var includeGlobalServiceEvents: Bool
    package var isMultiRegionTrail: Bool
    package var logFileValidationEnabled: Bool
    package var cloudWatchLogsLogGroupArn: String?
    package var cloudWatchLogsRoleArn: String?
    /// Always a full ARN (key or alias), as AWS returns it.
    package var kmsKeyId: String?
    package var isOrganizationTrail: Bool

    package init(
        s3BucketName: String, s3KeyPrefix: String? = nil, snsTopicName: String? = nil, snsTopicARN: String? = nil,
        includeGlobalServiceEvents: Bool = true, isMultiRegionTrail: Bool = false, logFileValidationEnabled: Bool = false,
        cloudWatchLogsLogGroupArn: String? = nil, cloudWatchLogsRoleArn: String? = nil, kmsKeyId: String? = nil,
        isOrganizationTrail: Bool = false
    ) {
        self.s3BucketName = s3BucketName
        self.s3KeyPrefix = s3KeyPrefix
        self.snsTopicName = snsTopicName
        self.snsTopicARN = snsTopicARN
        self.includeGlobalServiceEvents = includeGlobalServiceEvents
        self.isMultiRegionTrail = isMultiRegionTrail
        self.logFileValidationEnabled = logFileValidationEnabled
        self.cloudWatchLogsLogGroupArn = cloudWatchLogsLogGroupArn
        self.cloudWatchLogsRoleArn = cloudWatchLogsRoleArn
        self.kmsKeyId = kmsKeyId
        self.isOrganizationTrail = isOrganizationTrail
    }

    /// CreateTrail defaults: IncludeGlobalServiceEvents true, IsMultiRegionTrail false,
    /// EnableLogFileValidation false, IsOrganizationTrail false.
    ///
    /// Checks run in this order: S3BucketName present, multi-Region × global events (AWS checks this before
    /// the bucket), bucket name, key prefix, SNS topic, KMS key, log group, role, then the log group/role
    /// pairing. The trail name and the organization prerequisites are checked by their own rules.
    package static func forCreate(_ input: TrailSettingsInput, context: TrailSettingsContext) throws(TrailRuleViolation) -> TrailSettings {
        guard let bucket = input.s3BucketName else {
            throw .invalidParameter("S3BucketName is required to create a trail.")
        }
        let isMultiRegion = input.isMultiRegionTrail ?? false
        let includeGlobal = input.includeGlobalServiceEvents ?? true
        if isMultiRegion && !includeGlobal { throw .multiRegionNeedsGlobalEvents }
        var settings = TrailSettings(
            s3BucketName: bucket, includeGlobalServiceEvents: includeGlobal, isMultiRegionTrail: isMultiRegion,
            logFileValidationEnabled: input.enableLogFileValidation ?? false,
            isOrganizationTrail: input.isOrganizationTrail ?? false)
        try settings.applyStrings(input, context: context)
        return settings
    }

    /// UpdateTrail: fields not sent keep their value; an empty optional string removes the setting.
    ///
    /// The multi-Region × global coupling (UG "concepts"): going multi→single with
    /// IncludeGlobalServiceEvents not sent turns global events off; going single→multi with it not sent
    /// turns them on; a result that is multi-Region without global events, explicit or not, is rejected.
    /// Whether the caller may change IsOrganizationTrail, and whether the trail fits the five-per-Region
    /// limit after becoming multi-Region, are separate rules (`OrganizationTrailRules`, `TrailLimit`); use
    /// `TrailSettingsTransition` to see which apply.
    package func applying(_ update: TrailSettingsInput, context: TrailSettingsContext) throws(TrailRuleViolation) -> TrailSettings {
        var next = self
        let isMultiRegion = update.isMultiRegionTrail ?? isMultiRegionTrail
        var includeGlobal = update.includeGlobalServiceEvents ?? includeGlobalServiceEvents
        if update.includeGlobalServiceEvents == nil && isMultiRegion != isMultiRegionTrail {
            includeGlobal = isMultiRegion
        }
        if isMultiRegion && !includeGlobal { throw .multiRegionNeedsGlobalEvents }
        next.isMultiRegionTrail = isMultiRegion
        next.includeGlobalServiceEvents = includeGlobal
        if let validation = update.enableLogFileValidation { next.logFileValidationEnabled = validation }
        if let organization = update.isOrganizationTrail { next.isOrganizationTrail = organization }
        if let bucket = update.s3BucketName { next.s3BucketName = bucket }
        try next.applyStrings(update, context: context)
        return next
    }

    /// Validates and stores the string fields in the documented order. On create every field is new; on
    /// update only the sent ones change, but the bucket and the CloudWatch Logs pair are re-checked on
    /// the result, since an update can break the pairing by removing one half.
    private mutating func applyStrings(_ input: TrailSettingsInput, context: TrailSettingsContext) throws(TrailRuleViolation) {
        try TrailS3BucketName.validate(s3BucketName)
        if let prefix = input.s3KeyPrefix {
            try TrailDeliveryTargets.validateS3KeyPrefix(prefix)
            s3KeyPrefix = prefix.isEmpty ? nil : prefix
        }
        if let topic = input.snsTopicName {
            if topic.isEmpty {
                snsTopicName = nil
                snsTopicARN = nil
            } else {
                snsTopicARN = try TrailDeliveryTargets.snsTopicARN(for: topic, context: context)
                snsTopicName = topic
            }
        }
        if let key = input.kmsKeyId {
            kmsKeyId = key.isEmpty ? nil : try TrailDeliveryTargets.kmsKeyARN(for: key, context: context)
        }
        if let group = input.cloudWatchLogsLogGroupArn {
            if !group.isEmpty { try TrailDeliveryTargets.validateLogGroupARN(group, context: context) }
            cloudWatchLogsLogGroupArn = group.isEmpty ? nil : group
        }
        if let role = input.cloudWatchLogsRoleArn {
            if !role.isEmpty { try TrailDeliveryTargets.validateRoleARN(role, context: context) }
            cloudWatchLogsRoleArn = role.isEmpty ? nil : role
        }
        try TrailDeliveryTargets.validateCloudWatchLogsPair(logGroupArn: cloudWatchLogsLogGroupArn, roleArn: cloudWatchLogsRoleArn)
    }
}

/// CloudTrail's member names are the trail rules' vocabulary: the JSON 1.1 door decodes requests straight into
/// the rules' inputs, the store keeps settings and selectors as JSONB in the same shape, and REST uses the same
/// shapes with lower-camel keys, so the three cannot drift apart.
extension TrailSettings: Codable {
    enum CodingKeys: String, CodingKey {
        case s3BucketName = "S3BucketName", s3KeyPrefix = "S3KeyPrefix", snsTopicName = "SnsTopicName"
        case snsTopicARN = "SnsTopicARN", includeGlobalServiceEvents = "IncludeGlobalServiceEvents"
        case isMultiRegionTrail = "IsMultiRegionTrail", logFileValidationEnabled = "LogFileValidationEnabled"
        case cloudWatchLogsLogGroupArn = "CloudWatchLogsLogGroupArn", cloudWatchLogsRoleArn = "CloudWatchLogsRoleArn"
        case kmsKeyId = "KmsKeyId", isOrganizationTrail = "IsOrganizationTrail"
    }
}
