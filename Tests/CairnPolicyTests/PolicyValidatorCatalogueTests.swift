import Testing

@testable import CairnPolicy

/// The checks that read ARN formats, action ↔ condition-key support, policy variables, condition logic and
/// resource control policies' guards: each with a document that fires it and a near miss that must not.
@Suite("ValidatePolicy's catalogue, variable and condition-logic checks")
struct PolicyValidatorCatalogueTests {
    let validator = PolicyValidator(catalogue: ServiceCatalogue.aws.adding(actions: ["cairn:ListRegions"]))

    func codes(_ text: String, _ kind: PolicyValidator.PolicyKind = .identity, resourceType: String? = nil) -> [String] {
        validator.validate(text, kind: kind, resourceType: resourceType).map(\.issueCode)
    }

    func statement(_ body: String) -> String { #"{"Version":"2012-10-17","Statement":[{\#(body)}]}"# }

    func resource(_ arn: String, action: String = "s3:GetObject") -> [String] {
        codes(statement(#""Effect":"Allow","Action":"\#(action)","Resource":"\#(arn)""#))
    }

    @Test func everydayARNsMatchTheirFormats() {
        let arns = [
            "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:s3:*:*:*",
            "arn:aws:s3:us-east-1:111122223333:accesspoint/ap", "arn:aws:s3::111122223333:accesspoint/mrap.mrap",
            "arn:aws:iam::111122223333:role/service-role/app", "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::*:role/*",
            "arn:aws:sqs:us-east-1:111122223333:queue", "arn:aws:sns:*:111122223333:topic", "arn:aws:kms:us-east-1:111122223333:key/*",
            "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:*", "arn:aws:lambda:us-east-1:111122223333:function:f:live",
            "arn:aws:dynamodb:us-east-1:111122223333:table/T/index/*", "arn:aws:ec2:us-east-1::image/ami-12345678",
            "arn:aws:ec2:*:111122223333:instance/*", "arn:aws-cn:s3:::bucket", "arn:aws-us-gov:iam::111122223333:user/u",
            "arn:aws:execute-api:us-east-1:111122223333:api/stage/GET/*", "arn:aws:secretsmanager:*:*:secret:db-*",
            "arn:aws:s3-object-lambda:us-east-1:111122223333:accesspoint/olap", "arn:aws:nosuchservice:xx:111122223333:zz",
            "arn:${aws:partition}:s3:::bucket", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:a",
        ]
        for arn in arns {
            #expect(resource(arn, action: "s3:*").isEmpty, "\(arn)")
        }
    }

    @Test func arnFieldsAgainstTheServicesFormats() throws {
        #expect(resource("arn:aws:iam::111122223333:rol/app") == ["INVALID_ARN_RESOURCE"])
        #expect(resource("arn:aws:iam::111122223333:role/app").isEmpty)
        #expect(resource("arn:aws:s3:us-east-1::bucket") == ["ARN_REGION_NOT_ALLOWED"])
        #expect(resource("arn:aws:iam:us-east-1:111122223333:role/app") == ["ARN_REGION_NOT_ALLOWED"])
        #expect(resource("arn:aws:s3::111122223333:bucket") == ["ARN_ACCOUNT_NOT_ALLOWED"])
        #expect(resource("arn:aws:sqs::111122223333:queue") == ["MISSING_ARN_REGION"])
        #expect(resource("arn:aws:sqs:*:111122223333:queue").isEmpty)
        #expect(resource("arn:aws:sqs:us-east-1::queue") == ["MISSING_ARN_ACCOUNT"])
        #expect(resource("arn:aws:sqs:us-east-1:*:queue").isEmpty)
        #expect(resource("arn:aws:sqs:useast1:111122223333:queue") == ["INVALID_ARN_REGION"])
        #expect(resource("arn:aws:sqs:us-east-1:111122223333:queue").isEmpty)
        #expect(resource("arn:amazon:sqs:us-east-1:111122223333:queue") == ["INVALID_PARTITION"])
        #expect(resource("arn:aws-eusc:sqs:eusc-de-east-1:111122223333:queue").isEmpty)
        // A format that fixes its Region (S3 Multi-Region Access Point requests are made in us-west-2).
        #expect(resource("arn:aws:s3:eu-west-1:111122223333:async-request/mrap/op/token") == ["INVALID_ARN_REGION"])
        #expect(resource("arn:aws:s3:us-west-2:111122223333:async-request/mrap/op/token").isEmpty)
        // NotResource is read the same way; the finding points at the ARN's token.
        let text = statement(#""Effect":"Deny","NotAction":"s3:*","NotResource":["*","arn:aws:s3:us-east-1::b"]"#)
        let finding = try #require(validator.validate(text, kind: .identity).first)
        #expect(finding.issueCode == "ARN_REGION_NOT_ALLOWED")
        #expect(finding.locations[0].path == [.value("Statement"), .index(0), .value("NotResource"), .index(1)])
        #expect(finding.locations[0].span.start.offset == text.distance(from: text.startIndex, to: text.range(of: #""arn:aws:s3:us"#)!.lowerBound))
    }

    @Test func aPolicyAttachedToAResourceTypeNamesOnlyItsResourcesAndActions() {
        let bucket = "AWS::S3::Bucket"
        func bucketPolicy(_ action: String, _ arn: String) -> [String] {
            codes(
                statement(#""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"\#(action)","Resource":"\#(arn)""#),
                .resource, resourceType: bucket)
        }
        #expect(bucketPolicy("s3:GetObject", "arn:aws:s3:::b/*").isEmpty)
        #expect(bucketPolicy("s3:GetObject", "arn:aws:s3:us-east-1:111122223333:accesspoint/ap") == ["UNSUPPORTED_RESOURCE_ARN_IN_POLICY"])
        #expect(bucketPolicy("s3:GetObject", "arn:aws:kms:us-east-1:111122223333:key/k") == ["UNSUPPORTED_RESOURCE_ARN_IN_POLICY"])
        #expect(bucketPolicy("kms:Decrypt", "arn:aws:s3:::b") == ["UNSUPPORTED_ACTION_IN_POLICY"])
        #expect(bucketPolicy("s3:*", "*").isEmpty)
        // Without a resource type the same statement is a generic resource policy.
        #expect(
            codes(
                statement(
                    #""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:111122223333:key/k""#
                ), .resource
            ).isEmpty)
    }

    @Test func serviceKeysAgainstTheStatementsActions() throws {
        func withCondition(_ actions: String, _ condition: String, resource: String = "*") -> [String] {
            codes(statement(#""Effect":"Allow","Action":\#(actions),"Resource":"\#(resource)","Condition":\#(condition)"#))
        }
        let prefix = #"{"StringEquals":{"s3:prefix":"home/"}}"#
        #expect(withCondition(#"["s3:ListBucket"]"#, prefix).isEmpty)
        #expect(withCondition(#"["s3:ListBucket","s3:GetObject"]"#, prefix) == ["UNSUPPORTED_ACTION_FOR_CONDITION_KEY"])
        let findings = validator.validate(
            statement(#""Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":"*","Condition":\#(prefix)"#), kind: .identity)
        #expect(findings[0].findingDetails.hasPrefix("s3:GetObject does not support s3:prefix"))
        #expect(findings[0].locations[0].path == [.value("Statement"), .index(0), .value("Condition"), .value("StringEquals"), .key("s3:prefix")])
        // Wildcard actions and actions outside AWS's catalogue are not judged.
        #expect(withCondition(#"["s3:List*","s3:Get*","cairn:ListRegions"]"#, prefix).isEmpty)
        // A key only one action sets needs that action in the statement.
        let passed = #"{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}"#
        let role = "arn:aws:iam::111122223333:role/app"
        #expect(withCondition(#""iam:GetRole""#, passed, resource: role) == ["MISSING_ACTION_FOR_CONDITION_KEY"])
        #expect(withCondition(#""iam:PassRole""#, passed, resource: role).isEmpty)
        #expect(withCondition(#""iam:*""#, passed, resource: role).isEmpty)
        // Tag-style keys are matched by their template.
        #expect(withCondition(#""s3:GetObject""#, #"{"StringEquals":{"s3:ExistingObjectTag/team":"x"}}"#).isEmpty)
        #expect(
            withCondition(#""s3:CreateBucket""#, #"{"StringEquals":{"s3:ExistingObjectTag/team":"x"}}"#) == ["UNSUPPORTED_ACTION_FOR_CONDITION_KEY"])
    }

    @Test func irrelevantKeysForTheAttachedResourceType() {
        let body =
            #""Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringNotEquals":{"s3:ResourceAccount":"111122223333"}}"#
        #expect(codes(statement(body), .resource, resourceType: "AWS::S3::Bucket") == ["IRRELEVANT_CONDITION_KEY_IN_POLICY"])
        #expect(codes(statement(body.replacingOccurrences(of: #","Principal":"*""#, with: "")), .identity).isEmpty)
    }

    @Test func policyVariableSyntax() {
        #expect(resource("arn:aws:s3:::b/${aws:username}/*").isEmpty)
        #expect(resource("arn:aws:s3:::b/${aws:PrincipalTag/team, 'company-wide'}/*").isEmpty)
        #expect(resource("arn:aws:s3:::b/${*}/x").isEmpty)
        #expect(resource("arn:aws:s3:::b/${aws:username/*") == ["MISSING_BRACE_IN_VARIABLE"])
        #expect(resource("arn:aws:s3:::b/${aws:PrincipalTag/team, company-wide}/*") == ["MISSING_QUOTE_IN_VARIABLE"])
        #expect(resource("arn:aws:s3:::b/${aws:PrincipalTag/team, 'company-wide}/*") == ["MISSING_QUOTE_IN_VARIABLE"])
        #expect(resource("arn:aws:s3:::b/${ aws:username}/*") == ["UNSUPPORTED_SPACE_IN_VARIABLE"])
        #expect(resource("arn:aws:s3:::b/${}/*") == ["EMPTY_VARIABLE"])
        #expect(
            codes(
                statement(
                    #""Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"${aws:username"}}"#
                ))
                == ["MISSING_BRACE_IN_VARIABLE"])
        #expect(codes(statement(#""Effect":"Allow","Action":"s3:${aws:username}","Resource":"*""#)).contains("VARIABLE_UNSUPPORTED_IN_ELEMENT"))
        #expect(
            codes(
                statement(
                    #""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/${aws:username}"},"Action":"s3:GetObject","Resource":"*""#),
                .resource)
                == ["VARIABLE_UNSUPPORTED_IN_ELEMENT"])
    }

    @Test func conditionLogic() {
        func condition(_ block: String) -> [String] {
            codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":\#(block)"#))
        }
        #expect(condition(#"{"Bool":{"aws:SecureTransport":["true","false"]}}"#) == ["INVALID_CONDITION_MULTIPLE_BOOLEAN"])
        #expect(condition(#"{"Bool":{"aws:SecureTransport":["true"]}}"#).isEmpty)
        #expect(condition(#"{"StringEquals":{"aws:PrincipalTag/team":["a",1]}}"#) == ["INVALID_CONDITION_DATA_TYPE"])
        #expect(condition(#"{"StringEquals":{"aws:PrincipalTag/team":["a","1"]}}"#).isEmpty)
        #expect(condition(#"{"ForAllValues:StringEquals":{"aws:TagKeys":[]}}"#) == ["EMPTY_ARRAY_CONDITION_FORALLVALUES"])
        #expect(condition(#"{"ForAnyValue:StringEquals":{"aws:TagKeys":[]}}"#) == ["EMPTY_ARRAY_CONDITION_FORANYVALUE"])
        #expect(condition(#"{"StringEqualsIfExists":{"aws:PrincipalTag/team":[]}}"#) == ["EMPTY_ARRAY_CONDITION_IFEXISTS"])
        #expect(condition(#"{"StringLike":{"aws:PrincipalTag/team":"*"}}"#) == ["EQUIVALENT_TO_NULL_FALSE"])
        #expect(condition(#"{"StringNotLike":{"aws:PrincipalTag/team":"*"}}"#) == ["EQUIVALENT_TO_NULL_TRUE"])
        #expect(condition(#"{"StringLikeIfExists":{"aws:PrincipalTag/team":"*"}}"#) == ["REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION"])
        #expect(condition(#"{"ForAnyValue:StringNotLike":{"aws:TagKeys":"*"}}"#) == ["REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION"])
        #expect(condition(#"{"ForAllValues:StringLike":{"aws:TagKeys":"*"}}"#) == ["REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION"])
        #expect(condition(#"{"StringLike":{"aws:PrincipalTag/team":"eng-*"}}"#).isEmpty)
        #expect(condition(#"{"StringEquals":{"aws:RequestedRegion":["us-east-1","Virginia"]}}"#) == ["INVALID_REGION"])
        #expect(condition(#"{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-*"]}}"#).contains("WILDCARD_WITHOUT_LIKE_OPERATOR"))
        #expect(condition(#"{"StringLike":{"aws:RequestedRegion":["us-east-1","eu-*"]}}"#).isEmpty)
    }

    @Test func resourceControlPolicyRules() {
        func rcp(_ body: String) -> [String] { codes(statement(body), .resourceControl) }
        #expect(rcp(#""Effect":"Deny","Principal":"*","Action":"ec2:RunInstances","Resource":"*""#) == ["RCP_SYNTAX_ERROR_ACTION"])
        #expect(rcp(#""Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*""#).isEmpty)
        let orgOnly =
            #""Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-1234567890"}"#
        #expect(rcp(orgOnly + "}") == ["RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY"])
        #expect(rcp(orgOnly + #","BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}"#).isEmpty)
        let source =
            #""Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:SourceOrgID":"o-1234567890"}"#
        #expect(rcp(source + "}") == ["RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY", "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK"])
        #expect(rcp(source + #","Bool":{"aws:PrincipalIsAWSService":"true"}}"#) == ["RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK"])
        #expect(rcp(source + #","Bool":{"aws:PrincipalIsAWSService":"true"},"Null":{"aws:SourceAccount":"false"}}"#).isEmpty)
        // The same statements outside an RCP are not about RCP guards.
        #expect(codes(statement(orgOnly.replacingOccurrences(of: #""Principal":"*","#, with: "") + "}"), .serviceControl).isEmpty)
    }

    @Test func principalsAndActionsOfTrustPolicies() {
        let trust = "AWS::IAM::AssumeRolePolicyDocument"
        func trustCodes(_ body: String) -> [String] { codes(statement(body), .resource, resourceType: trust) }
        #expect(
            trustCodes(#""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/*"},"Action":"sts:AssumeRole""#) == [
                "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
            ])
        #expect(trustCodes(#""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"sts:AssumeRole""#).isEmpty)
        let saml = #""Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/corp"},"Action":"#
        #expect(trustCodes(saml + #""sts:AssumeRoleWithWebIdentity""#) == ["MISMATCHED_ACTION_FOR_PRINCIPAL"])
        #expect(trustCodes(saml + #""sts:AssumeRoleWithSAML""#).isEmpty)
        #expect(
            trustCodes(#""Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRoleWithSAML""#) == [
                "MISMATCHED_ACTION_FOR_PRINCIPAL"
            ])
    }

    @Test func servicesAndSidsByPolicyType() throws {
        let findings = validator.validate(statement(#""Effect":"Allow","Action":"ec3:RunInstances","Resource":"*""#), kind: .identity)
        #expect(findings.map(\.issueCode) == ["INVALID_SERVICE_IN_ACTION"])
        #expect(findings[0].findingDetails.hasSuffix("Did you mean ec2?"))
        #expect(codes(statement(#""Effect":"Allow","Action":"nosuch:Thing","Resource":"*""#)) == ["INVALID_SERVICE"])
        let twice =
            #"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}"#
        #expect(codes(twice) == ["UNIQUE_SIDS_REQUIRED"])
        #expect(codes(twice, .serviceControl) == ["UNIQUE_SIDS_RECOMMENDED"])
        #expect(
            codes(
                twice.replacingOccurrences(
                    of: #""Sid":"A","Effect":"Allow","Action":"s3:PutObject""#, with: #""Sid":"B","Effect":"Allow","Action":"s3:PutObject""#)
            ).isEmpty)
    }
}

extension PolicyValidatorCatalogueTests {
    /// Every ARN built from a format of AWS's catalogue (placeholders filled with plausible values) passes the ARN
    /// checks: the matcher never rejects what a format itself describes.
    @Test func everyFormatsOwnARNPasses() {
        var rejected: [String] = []
        for format in ResourceCatalogue.aws.formats.values.joined() {
            var arn = format.text.replacingOccurrences(of: "${Partition}", with: "aws")
                .replacingOccurrences(of: "${Region}", with: "us-east-1").replacingOccurrences(of: "${Account}", with: "111122223333")
            while let open = arn.range(of: "${"), let close = arn[open.upperBound...].firstIndex(of: "}") {
                arn.replaceSubrange(open.lowerBound...close, with: "x1")
            }
            // `${AccountId}`-style placeholders become "x1", which the account check rightly refuses.
            let found = resource(arn, action: "s3:*").filter { $0 != "INVALID_ARN_ACCOUNT" }
            if !found.isEmpty { rejected.append("\(arn) \(found)") }
        }
        #expect(rejected.isEmpty, "\(rejected.prefix(20))")
    }
}
