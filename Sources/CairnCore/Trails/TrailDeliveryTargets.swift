/// Shape rules for the optional delivery targets of a trail: S3 key prefix, SNS topic, KMS key and the
/// CloudWatch Logs pair. Each returns the value to store (KMS keys and SNS topics in full-ARN form, as AWS
/// returns them).
package enum TrailDeliveryTargets {
    package static let maximumS3KeyPrefixLength = 200
    package static let maximumSnsTopicNameLength = 256

    /// The model's documented maximum is 200 characters; nothing else about prefixes is documented.
    package static func validateS3KeyPrefix(_ prefix: String) throws(TrailRuleViolation) {
        let length = prefix.utf16.count
        guard length <= maximumS3KeyPrefixLength else {
            throw .invalidS3Prefix("S3KeyPrefix is too long: \(length) characters; the maximum length is \(maximumS3KeyPrefixLength) characters.")
        }
    }

    /// `SnsTopicName` takes a topic name (1–256 of `A-Za-z0-9_-`) or a topic ARN; the stored value is the
    /// topic ARN, a bare name being taken to live in the trail's home Region and owner account.
    package static func snsTopicARN(for topic: String, context: TrailSettingsContext) throws(TrailRuleViolation) -> String {
        guard topic.utf16.count <= maximumSnsTopicNameLength else {
            throw .invalidSnsTopicName("SnsTopicName is too long: the maximum length is \(maximumSnsTopicNameLength) characters.")
        }
        if TrailReference.looksLikeARN(topic) {
            guard let arn = TrailForeignARN(topic), arn.service == "sns", !arn.region.isEmpty, !arn.accountId.isEmpty,
                isTopicName(arn.resource)
            else { throw .invalidSnsTopicName("SnsTopicName \(topic) is not a valid SNS topic name or ARN.") }
            guard arn.partition == context.partition else {
                throw .invalidSnsTopicName("SnsTopicName \(topic) is in partition \(arn.partition), not \(context.partition).")
            }
            return topic
        }
        guard isTopicName(topic) else {
            throw .invalidSnsTopicName("SnsTopicName \(topic) is not a valid SNS topic name or ARN.")
        }
        return "arn:\(context.partition):sns:\(context.homeRegion):\(context.ownerAccountId):\(topic)"
    }

    /// The four documented forms: `alias/Name`, an alias ARN, a key ARN, a key id (UUID, or `mrk-…` for a
    /// multi-Region key). Short forms become ARNs in the trail's home Region and owner account; an alias is
    /// kept as an alias ARN because resolving it needs KMS, which Cairn does not have.
    package static func kmsKeyARN(for keyId: String, context: TrailSettingsContext) throws(TrailRuleViolation) -> String {
        let invalid = TrailRuleViolation.invalidKmsKeyId(
            "KmsKeyId \(keyId) is not valid. Specify alias/<name>, an alias ARN, a key ARN, or a key ID.")
        let prefix = "arn:\(context.partition):kms:\(context.homeRegion):\(context.ownerAccountId):"
        if keyId.hasPrefix("alias/") {
            guard isAliasName(keyId.dropFirst("alias/".count)) else { throw invalid }
            return prefix + keyId
        }
        if isKeyId(Substring(keyId)) { return prefix + "key/" + keyId }
        guard TrailReference.looksLikeARN(keyId), let arn = TrailForeignARN(keyId), arn.service == "kms",
            !arn.region.isEmpty, !arn.accountId.isEmpty
        else { throw invalid }
        guard arn.partition == context.partition else {
            throw .invalidKmsKeyId("KmsKeyId \(keyId) is in partition \(arn.partition), not \(context.partition).")
        }
        if arn.resource.hasPrefix("alias/"), isAliasName(arn.resource.dropFirst("alias/".count)) { return keyId }
        if arn.resource.hasPrefix("key/"), isKeyId(arn.resource.dropFirst("key/".count)) { return keyId }
        throw invalid
    }

    /// Format of `arn:<partition>:logs:<region>:<account>:log-group:<name>[:*]`.
    package static func validateLogGroupARN(_ raw: String, context: TrailSettingsContext) throws(TrailRuleViolation) {
        let invalid = TrailRuleViolation.invalidCloudWatchLogsLogGroupArn(
            "CloudWatchLogsLogGroupArn \(raw) is not a valid log group ARN (arn:<partition>:logs:<region>:<account-id>:log-group:<name>:*).")
        guard let arn = TrailForeignARN(raw), arn.service == "logs", !arn.region.isEmpty, !arn.accountId.isEmpty,
            arn.resource.hasPrefix("log-group:")
        else { throw invalid }
        var group = arn.resource.dropFirst("log-group:".count)
        if group.hasSuffix(":*") { group = group.dropLast(2) }
        guard (1...512).contains(group.count),
            group.unicodeScalars.allSatisfy({ isAlphanumeric($0) || "._/#-".unicodeScalars.contains($0) })
        else { throw invalid }
        guard arn.partition == context.partition else { throw invalid }
    }

    /// Format of `arn:<partition>:iam::<account>:role/<path/><name>`.
    package static func validateRoleARN(_ raw: String, context: TrailSettingsContext) throws(TrailRuleViolation) {
        let invalid = TrailRuleViolation.invalidCloudWatchLogsRoleArn(
            "CloudWatchLogsRoleArn \(raw) is not a valid IAM role ARN (arn:<partition>:iam::<account-id>:role/<name>).")
        guard let arn = TrailForeignARN(raw), arn.service == "iam", arn.region.isEmpty, !arn.accountId.isEmpty,
            arn.resource.hasPrefix("role/"), arn.partition == context.partition
        else { throw invalid }
        let path = arn.resource.dropFirst("role/".count)
        guard let roleName = path.split(separator: "/", omittingEmptySubsequences: false).last,
            (1...64).contains(roleName.count),
            path.unicodeScalars.allSatisfy({ isAlphanumeric($0) || "_+=,.@/-".unicodeScalars.contains($0) })
        else { throw invalid }
    }

    /// Delivery to CloudWatch Logs needs both the log group and the role CloudTrail assumes to write to it.
    /// The first message is AWS's (hashicorp/terraform-provider-aws#148, pulumi/docs#5117); the second
    /// mirrors it.
    package static func validateCloudWatchLogsPair(logGroupArn: String?, roleArn: String?) throws(TrailRuleViolation) {
        switch (logGroupArn, roleArn) {
        case (.some, nil):
            throw .invalidCloudWatchLogsRoleArn("You must specify a role ARN as well as a log group.")
        case (nil, .some):
            throw .invalidCloudWatchLogsLogGroupArn("You must specify a log group as well as a role ARN.")
        default:
            return
        }
    }

    private static func isTopicName(_ name: String) -> Bool {
        (1...256).contains(name.count)
            && name.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "_" || $0 == "-" }
    }

    private static func isAliasName(_ name: Substring) -> Bool {
        (1...256).contains(name.count)
            && name.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "_" || $0 == "-" || $0 == "/" }
    }

    /// A UUID (8-4-4-4-12 hex) or a multi-Region key id (`mrk-` and 32 hex digits).
    private static func isKeyId(_ id: Substring) -> Bool {
        if id.hasPrefix("mrk-") {
            let hex = id.dropFirst(4)
            return hex.count == 32 && hex.unicodeScalars.allSatisfy(isHexDigit)
        }
        let groups = id.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.unicodeScalars.allSatisfy(isHexDigit) }
    }

    private static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
