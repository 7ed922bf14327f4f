import Testing

@testable import CairnPolicy

@Suite("Condition operators")
struct ConditionTests {
    @Test func stringEqualsIsCaseSensitiveAndNeverExpandsWildcards() throws {
        #expect(try conditionHolds(#"{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#, context: ["aws:RequestedRegion": .single("us-east-1")]))
        #expect(try !conditionHolds(#"{"StringEquals":{"aws:RequestedRegion":"US-EAST-1"}}"#, context: ["aws:RequestedRegion": .single("us-east-1")]))
        #expect(try !conditionHolds(#"{"StringEquals":{"aws:RequestedRegion":"us-*"}}"#, context: ["aws:RequestedRegion": .single("us-east-1")]))
    }

    @Test func stringEqualsIgnoreCaseFoldsCase() throws {
        #expect(try conditionHolds(#"{"StringEqualsIgnoreCase":{"aws:RequestTag/env":"PROD"}}"#, context: ["aws:RequestTag/env": .single("prod")]))
        #expect(
            try !conditionHolds(#"{"StringNotEqualsIgnoreCase":{"aws:RequestTag/env":"PROD"}}"#, context: ["aws:RequestTag/env": .single("prod")]))
    }

    @Test func stringLikeIsACaseSensitiveGlob() throws {
        let ctx: [String: ContextValue] = ["aws:RequestTag/team": .single("platform-core")]
        #expect(try conditionHolds(#"{"StringLike":{"aws:RequestTag/team":"platform-*"}}"#, context: ctx))
        #expect(try !conditionHolds(#"{"StringLike":{"aws:RequestTag/team":"Platform-*"}}"#, context: ctx))
        #expect(try conditionHolds(#"{"StringNotLike":{"aws:RequestTag/team":"data-*"}}"#, context: ctx))
    }

    @Test func conditionKeyNamesAreCaseInsensitive() throws {
        #expect(try conditionHolds(#"{"StringEquals":{"AWS:REQUESTEDREGION":"eu-west-1"}}"#, context: ["aws:requestedregion": .single("eu-west-1")]))
    }

    @Test func multipleValuesOrAndMultipleKeysAndOperatorsAnd() throws {
        let ctx: [String: ContextValue] = ["aws:RequestedRegion": .single("eu-west-1"), "aws:SecureTransport": .single("true")]
        #expect(try conditionHolds(#"{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}"#, context: ctx))
        #expect(try !conditionHolds(#"{"StringEquals":{"aws:RequestedRegion":"eu-west-1","aws:PrincipalAccount":"999999999999"}}"#, context: ctx))
        #expect(try !conditionHolds(#"{"StringEquals":{"aws:RequestedRegion":"eu-west-1"},"Bool":{"aws:SecureTransport":"false"}}"#, context: ctx))
        #expect(try conditionHolds(#"{"StringEquals":{"aws:RequestedRegion":"eu-west-1"},"Bool":{"aws:SecureTransport":"true"}}"#, context: ctx))
    }

    @Test func negatedOperatorsCombineValuesAsNor() throws {
        let ctx: [String: ContextValue] = ["aws:RequestedRegion": .single("eu-west-1")]
        #expect(try !conditionHolds(#"{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}"#, context: ctx))
        #expect(try conditionHolds(#"{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","us-west-2"]}}"#, context: ctx))
    }

    @Test func missingKeyIsFalseForPositiveTrueForNegatedTrueForIfExists() throws {
        #expect(try !conditionHolds(#"{"StringEquals":{"aws:SourceVpc":"vpc-1"}}"#))
        #expect(try conditionHolds(#"{"StringNotEquals":{"aws:SourceVpc":"vpc-1"}}"#))
        #expect(try conditionHolds(#"{"StringEqualsIfExists":{"aws:SourceVpc":"vpc-1"}}"#))
        #expect(try conditionHolds(#"{"ArnNotLike":{"aws:SourceArn":"arn:aws:s3:::x"}}"#))
        #expect(try conditionHolds(#"{"NumericNotEquals":{"s3:max-keys":"3"}}"#))
        #expect(try !conditionHolds(#"{"NumericLessThan":{"s3:max-keys":"3"}}"#))
    }

    @Test func denyWithNotIfExistsStillDeniesWhenTheKeyIsAbsent() throws {
        let policy = doc(stmt(), stmt("Deny", #""Condition":{"StringNotEqualsIfExists":{"aws:RequestedRegion":"us-east-1"}}"#))
        #expect(try evaluate(action: "cloudtrail:ListTrails", identity: [policy]).decision == .explicitDeny)
    }

    @Test func denyNotIpAddressDeniesTrafficWithoutSourceIp() throws {
        let policy = doc(stmt(), stmt("Deny", #""Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#))
        #expect(try evaluate(action: "cloudtrail:ListTrails", identity: [policy]).decision == .explicitDeny)
        #expect(
            try evaluate(action: "cloudtrail:ListTrails", context: ["aws:SourceIp": .single("203.0.113.9")], identity: [policy]).decision == .allow)
        #expect(
            try evaluate(action: "cloudtrail:ListTrails", context: ["aws:SourceIp": .single("198.51.100.1")], identity: [policy]).decision
                == .explicitDeny)
    }

    @Test func mfaDenyWithBoolSparesLongTermKeysButBoolIfExistsDoesNot() throws {
        let plain = doc(stmt(), stmt("Deny", #""Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}"#))
        let ifExists = doc(stmt(), stmt("Deny", #""Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#))
        #expect(try evaluate(action: "cloudtrail:ListTrails", identity: [plain]).decision == .allow)
        #expect(try evaluate(action: "cloudtrail:ListTrails", identity: [ifExists]).decision == .explicitDeny)
        #expect(
            try evaluate(action: "cloudtrail:ListTrails", context: ["aws:MultiFactorAuthPresent": .single("true")], identity: [ifExists]).decision
                == .allow)
    }

    @Test func numericComparesNumbersNotText() throws {
        let ctx: [String: ContextValue] = ["s3:max-keys": .single("10")]
        #expect(try conditionHolds(#"{"NumericEquals":{"s3:max-keys":"10.0"}}"#, context: ctx))
        #expect(try conditionHolds(#"{"NumericLessThan":{"s3:max-keys":"11"}}"#, context: ctx))
        #expect(try !conditionHolds(#"{"NumericLessThan":{"s3:max-keys":"10"}}"#, context: ctx))
        #expect(try conditionHolds(#"{"NumericLessThanEquals":{"s3:max-keys":10}}"#, context: ctx))
        #expect(try conditionHolds(#"{"NumericGreaterThan":{"s3:max-keys":"9.5"}}"#, context: ctx))
        #expect(try !conditionHolds(#"{"NumericGreaterThanEquals":{"s3:max-keys":"10.5"}}"#, context: ctx))
        #expect(try !conditionHolds(#"{"NumericEquals":{"s3:max-keys":"ten"}}"#, context: ctx))
    }

    @Test func numericValuesAreNeverVariables() throws {
        #expect(
            try !conditionHolds(
                #"{"NumericEquals":{"s3:max-keys":"${aws:PrincipalTag/n}"}}"#, context: ["s3:max-keys": .single("5")], tags: ["n": "5"]))
    }

    @Test func datesAcceptISO8601AndEpochSeconds() throws {
        let ctx: [String: ContextValue] = ["aws:CurrentTime": .single("2026-06-01T12:00:00Z")]
        #expect(try conditionHolds(#"{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01"}}"#, context: ctx))
        #expect(try conditionHolds(#"{"DateLessThan":{"aws:CurrentTime":"2026-06-01T14:00:00+01:00"}}"#, context: ctx))
        #expect(try !conditionHolds(#"{"DateLessThan":{"aws:CurrentTime":"2026-06-01T13:00:00+01:00"}}"#, context: ctx))
        #expect(try conditionHolds(#"{"DateEquals":{"aws:CurrentTime":"1780315200"}}"#, context: ctx))
        #expect(
            try conditionHolds(
                #"{"DateGreaterThanEquals":{"aws:EpochTime":"2026-06-01T12:00:00.000Z"}}"#, context: ["aws:EpochTime": .single("1780315200")]))
        #expect(try conditionHolds(#"{"DateNotEquals":{"aws:CurrentTime":"2020-01-01"}}"#, context: ctx))
    }

    @Test func boolComparesTrueAndFalse() throws {
        #expect(try conditionHolds(#"{"Bool":{"aws:SecureTransport":"true"}}"#, context: ["aws:SecureTransport": .single("true")]))
        #expect(try !conditionHolds(#"{"Bool":{"aws:SecureTransport":"true"}}"#, context: ["aws:SecureTransport": .single("false")]))
    }

    @Test func binaryEqualsComparesDecodedBytes() throws {
        #expect(try conditionHolds(#"{"BinaryEquals":{"k:bin":"QmluYXJ5VmFsdWU="}}"#, context: ["k:bin": .single("QmluYXJ5VmFsdWU=")]))
        #expect(try !conditionHolds(#"{"BinaryEquals":{"k:bin":"QmluYXJ5VmFsdWU="}}"#, context: ["k:bin": .single("T3RoZXI=")]))
    }

    @Test func ipAddressMatchesCIDRAndNeverCrossesFamilies() throws {
        #expect(
            try conditionHolds(
                #"{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]}}"#, context: ["aws:SourceIp": .single("2001:db8::5")]))
        #expect(try !conditionHolds(#"{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#, context: ["aws:SourceIp": .single("2001:db8::5")]))
        #expect(try conditionHolds(#"{"NotIpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#, context: ["aws:SourceIp": .single("2001:db8::5")]))
    }

    @Test func arnLikeIsSegmentWiseUnlikeStringLike() throws {
        let ctx: [String: ContextValue] = ["aws:SourceArn": .single("arn:aws:cloudtrail:us-east-1:111111111111:trail/main")]
        // StringLike's * eats colons; ArnLike's does not.
        #expect(try conditionHolds(#"{"StringLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:trail/main"}}"#, context: ctx))
        #expect(try !conditionHolds(#"{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:trail/main"}}"#, context: ctx))
        #expect(try conditionHolds(#"{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:*:trail/*"}}"#, context: ctx))
        #expect(try conditionHolds(#"{"ArnEquals":{"aws:SourceArn":"arn:aws:cloudtrail:*:*:trail/*"}}"#, context: ctx))
        #expect(try !conditionHolds(#"{"ArnNotLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:*:trail/*"}}"#, context: ctx))
        #expect(try conditionHolds(#"{"ArnNotEquals":{"aws:SourceArn":"arn:aws:s3:::*"}}"#, context: ctx))
    }

    @Test func nullTestsPresence() throws {
        #expect(try conditionHolds(#"{"Null":{"aws:TokenIssueTime":"true"}}"#))
        #expect(try !conditionHolds(#"{"Null":{"aws:TokenIssueTime":"false"}}"#))
        #expect(try conditionHolds(#"{"Null":{"aws:TokenIssueTime":"false"}}"#, context: ["aws:TokenIssueTime": .single("2026-01-01T00:00:00Z")]))
        #expect(try conditionHolds(#"{"Null":{"aws:TagKeys":"true"}}"#, context: ["aws:TagKeys": .multiple([])]))
    }
}

@Suite("Set operators on multivalued keys")
struct SetOperatorTests {
    let tags: [String: ContextValue] = ["aws:TagKeys": .multiple(["env", "team"])]

    @Test func forAnyValueNeedsOneRequestValueAndIsFalseForAbsentOrEmpty() throws {
        #expect(try conditionHolds(#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["team","cost"]}}"#, context: tags))
        #expect(try !conditionHolds(#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["cost"]}}"#, context: tags))
        #expect(try !conditionHolds(#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["cost"]}}"#))
        #expect(try !conditionHolds(#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["cost"]}}"#, context: ["aws:TagKeys": .multiple([])]))
    }

    @Test func forAllValuesNeedsEveryRequestValueAndIsTrueForAbsentOrEmpty() throws {
        #expect(try conditionHolds(#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team","cost"]}}"#, context: tags))
        #expect(try !conditionHolds(#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}"#, context: tags))
        #expect(try conditionHolds(#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}"#))
        #expect(try conditionHolds(#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}"#, context: ["aws:TagKeys": .multiple([])]))
    }

    @Test func forAnyValueWithNegatedBaseMeansSomeValueOutsideTheList() throws {
        #expect(try conditionHolds(#"{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}"#, context: tags))
        #expect(try !conditionHolds(#"{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env","team"]}}"#, context: tags))
    }

    // The AWS documentation's table: Deny with ForAllValues:StringNotLike "key1*".
    @Test(arguments: [
        (ContextValue?.some(.multiple(["key1:legal"])), false),
        (ContextValue?.some(.multiple(["key2:audit"])), true),
        (ContextValue?.none, true),
    ])
    func forAllValuesStringNotLikeMeansNoValueMatchesAnyPattern(_ value: ContextValue?, _ denied: Bool) throws {
        let policy = doc(stmt(), stmt("Deny", #""Condition":{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}"#))
        let ctx = value.map { ["aws:TagKeys": $0] } ?? [:]
        let d = try evaluate(action: "cloudtrail:AddTags", context: ctx, identity: [policy]).decision
        #expect(d == (denied ? .explicitDeny : .allow))
    }

    @Test func setNullBehavesLikeNull() throws {
        #expect(try conditionHolds(#"{"ForAllValues:Null":{"aws:TagKeys":"true"}}"#))
        #expect(try !conditionHolds(#"{"ForAnyValue:Null":{"aws:TagKeys":"true"}}"#, context: tags))
    }

    @Test func setOperatorOnASingleValuedKeyTreatsItAsAOneElementSet() throws {
        #expect(
            try conditionHolds(
                #"{"ForAnyValue:StringEquals":{"aws:RequestedRegion":["us-east-1"]}}"#, context: ["aws:RequestedRegion": .single("us-east-1")]))
        #expect(try conditionHolds(#"{"ForAllValues:StringEquals":{"aws:RequestedRegion":["us-east-1"]}}"#))
    }

    @Test func forAnyValueIfExistsIsTrueWhenAbsent() throws {
        #expect(try conditionHolds(#"{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["cost"]}}"#))
    }
}
