import Testing

@testable import CairnCore

@Suite("CreateTrail and UpdateTrail settings")
struct TrailSettingsTests {
    typealias F = TrailFixtures

    func create(_ input: TrailSettingsInput) throws(TrailRuleViolation) -> TrailSettings {
        try TrailSettings.forCreate(input, context: F.context)
    }

    @Test("CreateTrail defaults: global events on, single-Region, no validation, account trail, no optional targets")
    func createDefaults() throws {
        let settings = try create(TrailSettingsInput(s3BucketName: "my-bucket"))
        #expect(
            settings
                == TrailSettings(
                    s3BucketName: "my-bucket", includeGlobalServiceEvents: true, isMultiRegionTrail: false,
                    logFileValidationEnabled: false, isOrganizationTrail: false))
        #expect(settings.s3KeyPrefix == nil && settings.snsTopicARN == nil && settings.kmsKeyId == nil)
    }

    @Test("CreateTrail without S3BucketName is InvalidParameterException")
    func bucketRequired() {
        #expect(F.violation { try create(TrailSettingsInput()) }?.code == "InvalidParameterException")
    }

    @Test("multi-Region without global service events is refused, before the bucket is looked at")
    func multiRegionNeedsGlobalEvents() {
        let input = TrailSettingsInput(s3BucketName: "Bad_Bucket", includeGlobalServiceEvents: false, isMultiRegionTrail: true)
        #expect(F.violation { try create(input) } == .multiRegionNeedsGlobalEvents)
        #expect(TrailRuleViolation.multiRegionNeedsGlobalEvents.code == "InvalidParameterCombinationException")
        #expect(TrailRuleViolation.multiRegionNeedsGlobalEvents.message == "Multi-Region trail must include global service events.")
    }

    @Test("a single-Region trail may include global service events, or not")
    func singleRegionGlobalEitherWay() throws {
        #expect(try create(TrailSettingsInput(s3BucketName: "abc", includeGlobalServiceEvents: true)).includeGlobalServiceEvents)
        #expect(try !create(TrailSettingsInput(s3BucketName: "abc", includeGlobalServiceEvents: false)).includeGlobalServiceEvents)
    }

    @Test("multi-Region defaults global service events on")
    func multiRegionDefaultsGlobal() throws {
        let settings = try create(TrailSettingsInput(s3BucketName: "abc", isMultiRegionTrail: true))
        #expect(settings.isMultiRegionTrail && settings.includeGlobalServiceEvents)
    }

    @Test("the key prefix is at most 200 characters")
    func prefixLength() throws {
        #expect(try create(TrailSettingsInput(s3BucketName: "abc", s3KeyPrefix: String(repeating: "p", count: 200))).s3KeyPrefix?.count == 200)
        #expect(
            F.violation { try create(TrailSettingsInput(s3BucketName: "abc", s3KeyPrefix: String(repeating: "p", count: 201))) }?.code
                == "InvalidS3PrefixException")
    }

    @Test("an SNS topic name becomes a topic ARN in the home Region and owner account; an ARN is kept")
    func snsTopic() throws {
        let byName = try create(TrailSettingsInput(s3BucketName: "abc", snsTopicName: "My_Topic-1"))
        #expect(byName.snsTopicName == "My_Topic-1")
        #expect(byName.snsTopicARN == "arn:aws:sns:us-east-1:111111111111:My_Topic-1")
        let arn = "arn:aws:sns:eu-west-1:222222222222:Other"
        #expect(try create(TrailSettingsInput(s3BucketName: "abc", snsTopicName: arn)).snsTopicARN == arn)
    }

    @Test(
        "invalid SNS topics are InvalidSnsTopicNameException",
        arguments: [
            "bad topic", "topic.fifo", String(repeating: "t", count: 257), "arn:aws:sqs:us-east-1:111111111111:q",
            "arn:aws:sns:us-east-1:111111111111:", "arn:aws-cn:sns:cn-north-1:111111111111:t",
        ])
    func invalidSnsTopics(topic: String) {
        #expect(F.violation { try create(TrailSettingsInput(s3BucketName: "abc", snsTopicName: topic)) }?.code == "InvalidSnsTopicNameException")
    }

    @Test(
        "the four KMS key forms are accepted and stored as ARNs",
        arguments: [
            ("alias/MyAliasName", "arn:aws:kms:us-east-1:111111111111:alias/MyAliasName"),
            ("arn:aws:kms:us-east-2:123456789012:alias/MyAliasName", "arn:aws:kms:us-east-2:123456789012:alias/MyAliasName"),
            (
                "arn:aws:kms:us-east-2:123456789012:key/12345678-1234-1234-1234-123456789012",
                "arn:aws:kms:us-east-2:123456789012:key/12345678-1234-1234-1234-123456789012"
            ),
            ("12345678-1234-1234-1234-123456789012", "arn:aws:kms:us-east-1:111111111111:key/12345678-1234-1234-1234-123456789012"),
            ("mrk-1234abcd12ab34cd56ef1234567890ab", "arn:aws:kms:us-east-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab"),
        ])
    func kmsForms(raw: String, stored: String) throws {
        #expect(try create(TrailSettingsInput(s3BucketName: "abc", kmsKeyId: raw)).kmsKeyId == stored)
    }

    @Test(
        "other KMS key ids are InvalidKmsKeyIdException",
        arguments: [
            "my-key", "alias/", "alias/bad name", "12345678-1234-1234-1234-12345678901", "arn:aws:kms:us-east-2:123456789012:key/nope",
            "arn:aws:s3:::bucket", "arn:aws:kms:us-east-2:123456789012:keys/12345678-1234-1234-1234-123456789012",
            "arn:aws-cn:kms:cn-north-1:123456789012:alias/x",
        ])
    func invalidKms(raw: String) {
        #expect(F.violation { try create(TrailSettingsInput(s3BucketName: "abc", kmsKeyId: raw)) }?.code == "InvalidKmsKeyIdException")
    }

    static let logGroup = "arn:aws:logs:us-east-1:111111111111:log-group:CloudTrail/DefaultLogGroup:*"
    static let role = "arn:aws:iam::111111111111:role/service-role/CloudTrail_CloudWatchLogs_Role"

    @Test("CloudWatch Logs delivery takes a log group ARN and a role ARN together")
    func cloudWatchPair() throws {
        let settings = try create(TrailSettingsInput(s3BucketName: "abc", cloudWatchLogsLogGroupArn: Self.logGroup, cloudWatchLogsRoleArn: Self.role))
        #expect(settings.cloudWatchLogsLogGroupArn == Self.logGroup && settings.cloudWatchLogsRoleArn == Self.role)
        let withoutStar = String(Self.logGroup.dropLast(2))
        #expect(
            try create(TrailSettingsInput(s3BucketName: "abc", cloudWatchLogsLogGroupArn: withoutStar, cloudWatchLogsRoleArn: Self.role))
                .cloudWatchLogsLogGroupArn == withoutStar)
    }

    @Test("a log group without a role is InvalidCloudWatchLogsRoleArnException with AWS's message")
    func logGroupWithoutRole() {
        #expect(
            F.violation { try create(TrailSettingsInput(s3BucketName: "abc", cloudWatchLogsLogGroupArn: Self.logGroup)) }
                == .invalidCloudWatchLogsRoleArn("You must specify a role ARN as well as a log group."))
    }

    @Test("a role without a log group is InvalidCloudWatchLogsLogGroupArnException")
    func roleWithoutLogGroup() {
        #expect(
            F.violation { try create(TrailSettingsInput(s3BucketName: "abc", cloudWatchLogsRoleArn: Self.role)) }?.code
                == "InvalidCloudWatchLogsLogGroupArnException")
    }

    @Test(
        "malformed log group ARNs are InvalidCloudWatchLogsLogGroupArnException",
        arguments: [
            "CloudTrail/DefaultLogGroup", "arn:aws:logs:us-east-1:111111111111:log-stream:x", "arn:aws:logs::111111111111:log-group:x",
            "arn:aws:logs:us-east-1:111111111111:log-group:", "arn:aws:logs:us-east-1:111111111111:log-group:bad name:*",
        ])
    func malformedLogGroup(raw: String) {
        let input = TrailSettingsInput(s3BucketName: "abc", cloudWatchLogsLogGroupArn: raw, cloudWatchLogsRoleArn: Self.role)
        #expect(F.violation { try create(input) }?.code == "InvalidCloudWatchLogsLogGroupArnException")
    }

    @Test(
        "malformed role ARNs are InvalidCloudWatchLogsRoleArnException",
        arguments: [
            "CloudTrail_CloudWatchLogs_Role", "arn:aws:iam::111111111111:user/bob", "arn:aws:iam:us-east-1:111111111111:role/r",
            "arn:aws:iam::111111111111:role/", "arn:aws:iam::111111111111:role/" + String(repeating: "r", count: 65),
        ])
    func malformedRole(raw: String) {
        let input = TrailSettingsInput(s3BucketName: "abc", cloudWatchLogsLogGroupArn: Self.logGroup, cloudWatchLogsRoleArn: raw)
        #expect(F.violation { try create(input) }?.code == "InvalidCloudWatchLogsRoleArnException")
    }

    @Test("empty optional strings on CreateTrail mean unset")
    func emptyStringsOnCreate() throws {
        let settings = try create(
            TrailSettingsInput(
                s3BucketName: "abc", s3KeyPrefix: "", snsTopicName: "", cloudWatchLogsLogGroupArn: "", cloudWatchLogsRoleArn: "", kmsKeyId: ""))
        #expect(settings == TrailSettings(s3BucketName: "abc"))
    }

    // MARK: UpdateTrail

    let existing = TrailSettings(
        s3BucketName: "old-bucket", s3KeyPrefix: "p", snsTopicName: "t", snsTopicARN: "arn:aws:sns:us-east-1:111111111111:t",
        includeGlobalServiceEvents: true, isMultiRegionTrail: true, logFileValidationEnabled: true,
        cloudWatchLogsLogGroupArn: logGroup, cloudWatchLogsRoleArn: role,
        kmsKeyId: "arn:aws:kms:us-east-1:111111111111:alias/k")

    @Test("UpdateTrail leaves fields that were not sent unchanged")
    func updateKeepsUnsent() throws {
        #expect(try existing.applying(TrailSettingsInput(), context: F.context) == existing)
        let changed = try existing.applying(TrailSettingsInput(s3BucketName: "new-bucket"), context: F.context)
        var expected = existing
        expected.s3BucketName = "new-bucket"
        #expect(changed == expected)
    }

    @Test("multi→single without IncludeGlobalServiceEvents turns global events off")
    func multiToSingleTurnsGlobalOff() throws {
        let single = try existing.applying(TrailSettingsInput(isMultiRegionTrail: false), context: F.context)
        #expect(!single.isMultiRegionTrail && !single.includeGlobalServiceEvents)
    }

    @Test("multi→single may keep global events when asked explicitly")
    func multiToSingleKeepingGlobal() throws {
        let single = try existing.applying(TrailSettingsInput(includeGlobalServiceEvents: true, isMultiRegionTrail: false), context: F.context)
        #expect(!single.isMultiRegionTrail && single.includeGlobalServiceEvents)
    }

    @Test("single→multi without IncludeGlobalServiceEvents turns global events on")
    func singleToMultiTurnsGlobalOn() throws {
        let single = TrailSettings(s3BucketName: "abc", includeGlobalServiceEvents: false, isMultiRegionTrail: false)
        let multi = try single.applying(TrailSettingsInput(isMultiRegionTrail: true), context: F.context)
        #expect(multi.isMultiRegionTrail && multi.includeGlobalServiceEvents)
    }

    @Test("turning global events off on a multi-Region trail, or converting with them explicitly off, is refused")
    func updateCombinationRefused() {
        #expect(
            F.violation { try existing.applying(TrailSettingsInput(includeGlobalServiceEvents: false), context: F.context) }
                == .multiRegionNeedsGlobalEvents)
        let single = TrailSettings(s3BucketName: "abc", includeGlobalServiceEvents: false)
        #expect(
            F.violation { try single.applying(TrailSettingsInput(includeGlobalServiceEvents: false, isMultiRegionTrail: true), context: F.context) }
                == .multiRegionNeedsGlobalEvents)
    }

    @Test("multi→single and global off in the same call is allowed (the 2016 AWS bug is not reproduced)")
    func bothOffTogether() throws {
        let result = try existing.applying(TrailSettingsInput(includeGlobalServiceEvents: false, isMultiRegionTrail: false), context: F.context)
        #expect(!result.isMultiRegionTrail && !result.includeGlobalServiceEvents)
    }

    @Test("empty strings on UpdateTrail remove SNS, KMS, prefix and CloudWatch Logs settings")
    func emptyStringsRemove() throws {
        let cleared = try existing.applying(
            TrailSettingsInput(s3KeyPrefix: "", snsTopicName: "", cloudWatchLogsLogGroupArn: "", cloudWatchLogsRoleArn: "", kmsKeyId: ""),
            context: F.context)
        #expect(cleared.s3KeyPrefix == nil && cleared.snsTopicName == nil && cleared.snsTopicARN == nil && cleared.kmsKeyId == nil)
        #expect(cleared.cloudWatchLogsLogGroupArn == nil && cleared.cloudWatchLogsRoleArn == nil)
    }

    @Test("removing only the role of a CloudWatch Logs pair breaks the pairing and is refused")
    func removingHalfThePair() {
        #expect(
            F.violation { try existing.applying(TrailSettingsInput(cloudWatchLogsRoleArn: ""), context: F.context) }?.code
                == "InvalidCloudWatchLogsRoleArnException")
    }

    @Test("an empty S3BucketName on UpdateTrail is an invalid bucket name, not a removal")
    func emptyBucketOnUpdate() {
        #expect(
            F.violation { try existing.applying(TrailSettingsInput(s3BucketName: ""), context: F.context) }?.code
                == "InvalidS3BucketNameException")
    }

    @Test("the transition tells which other rules an update triggers")
    func transition() throws {
        let single = TrailSettings(s3BucketName: "abc")
        let after = try single.applying(TrailSettingsInput(isMultiRegionTrail: true, isOrganizationTrail: true), context: F.context)
        let transition = TrailSettingsTransition(from: single, to: after)
        #expect(transition.becomesMultiRegion && transition.becomesOrganizationTrail)
        #expect(!transition.becomesSingleRegion && !transition.becomesAccountTrail)
        let back = TrailSettingsTransition(from: after, to: single)
        #expect(back.becomesSingleRegion && back.becomesAccountTrail)
    }
}

@Suite("S3 bucket names")
struct TrailS3BucketNameTests {
    @Test("valid bucket names", arguments: ["abc", "my-bucket", "my.bucket.logs", "a1-b2.c3", String(repeating: "b", count: 63), "1.2.3"])
    func valid(name: String) {
        #expect(TrailFixtures.violation { try TrailS3BucketName.validate(name) } == nil)
    }

    @Test(
        "invalid bucket names, with the AWS SDK wording",
        arguments: [
            ("ab", "Bucket name should be between 3 and 63 characters long"),
            (String(repeating: "b", count: 64), "Bucket name should be between 3 and 63 characters long"),
            ("192.168.5.4", "Bucket name must not be formatted as an IP Address"),
            ("My-Bucket", "Bucket name should not contain uppercase characters"),
            ("my bucket", "Bucket name should not contain white space"),
            (".bucket", "Bucket name should not begin with a period"),
            ("my..bucket", "Bucket name should not contain two adjacent periods"),
            ("my-.bucket", "Bucket name should not contain dashes next to periods"),
            ("my.-bucket", "Bucket name should not contain dashes next to periods"),
            ("-bucket", "Bucket name should not begin with a '-'"),
            ("my_bucket", "Bucket name should not contain '_'"),
            ("bucket-", "Bucket name should not end with '-' or '.'"),
            ("bucket.", "Bucket name should not end with '-' or '.'"),
        ])
    func invalid(name: String, message: String) {
        #expect(TrailFixtures.violation { try TrailS3BucketName.validate(name) } == .invalidS3BucketName(message))
    }
}
