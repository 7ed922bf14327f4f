import Testing

@testable import CairnPolicy

@Suite("ValidatePolicy's checks, as Access Analyzer reports them")
struct PolicyValidatorTests {
    let validator = PolicyValidator(catalogue: ServiceCatalogue.aws.adding(actions: ["cairn:ListRegions"]))

    func codes(_ text: String, _ kind: PolicyValidator.PolicyKind = .identity, resourceType: String? = nil) -> [String] {
        validator.validate(text, kind: kind, resourceType: resourceType).map(\.issueCode)
    }

    func statement(_ body: String) -> String { #"{"Version":"2012-10-17","Statement":[{\#(body)}]}"# }

    @Test func aCleanPolicyHasNoFindings() {
        #expect(codes(statement(#""Effect":"Allow","Action":["s3:GetObject","cairn:ListRegions"],"Resource":"arn:aws:s3:::b/*""#)).isEmpty)
    }

    @Test func theCatalogueKnowsAWSsServicesAndSuggestsTheNearestAction() throws {
        let findings = validator.validate(
            statement(#""Effect":"Allow","Action":["s3:GetObjekt","nosuch:Thing","ec2:Describe*","ec2:Nope*"],"Resource":"*""#), kind: .identity)
        #expect(findings.map(\.issueCode) == ["INVALID_ACTION", "INVALID_SERVICE", "INVALID_ACTION"])
        #expect(findings[0].findingDetails.contains("Did you mean s3:GetObject?"))
        #expect(findings[0].findingType == .error)
        #expect(findings[0].learnMoreLink.hasSuffix("#access-analyzer-reference-policy-checks-error-invalid-action"))
    }

    @Test func aLocationIsThePathToTheTokenAndItsSpanWithZeroBasedColumns() throws {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "",
                  "Effect": "Allow",
                  "Action": "s3:GetObject",
                  "Resource": "*"
                }
              ]
            }
            """
        let finding = try #require(validator.validate(text, kind: .identity).first)
        #expect(finding.issueCode == "EMPTY_SID_VALUE")
        #expect(finding.findingType == .suggestion)
        let location = try #require(finding.locations.first)
        #expect(location.path == [.value("Statement"), .index(0), .value("Sid")])
        // `""` of `"Sid": ""` on line 5: the token with its quotes, columns counted from 0.
        #expect(location.span.start == .init(line: 5, column: 13, offset: 65))
        #expect(location.span.end == .init(line: 5, column: 15, offset: 67))
    }

    @Test func grammarErrorsByPolicyType() {
        #expect(codes(#"{"Version":"2012-10-17"}"#) == ["MISSING_STATEMENT"])
        #expect(codes(#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#) == ["MISSING_VERSION"])
        #expect(codes(#"{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#) == ["INVALID_VERSION"])
        #expect(codes(statement(#""Effect":"allow","Action":"s3:GetObject","Resource":"*""#)) == ["INVALID_EFFECT"])
        #expect(codes(statement(#""Action":"s3:GetObject","Resource":"*""#)) == ["MISSING_EFFECT"])
        #expect(codes(statement(#""Effect":"Allow","Resource":"*""#)) == ["MISSING_ACTION"])
        #expect(codes(statement(#""Effect":"Allow","Action":"s3:GetObject""#)) == ["MISSING_RESOURCE"])
        #expect(
            codes(statement(#""Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*""#)) == [
                "UNSUPPORTED_ELEMENT_COMBINATION"
            ])
        #expect(codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"*","Principal":"*""#)) == ["UNSUPPORTED_PRINCIPAL"])
        #expect(codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"*","Extra":1"#)) == ["INVALID_POLICY_ELEMENT"])
        #expect(codes(statement(#""Sid":"has space","Effect":"Allow","Action":"s3:GetObject","Resource":"*""#)) == ["UNSUPPORTED_SID"])
        #expect(codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"*""#), .resource) == ["MISSING_PRINCIPAL"])
        #expect(
            codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"*","Principal":"*""#), .serviceControl) == [
                "SCP_SYNTAX_ERROR_PRINCIPAL"
            ])
        #expect(codes(statement(#""Effect":"Deny","Action":"s3:*Object","Resource":"*""#), .serviceControl) == ["SCP_SYNTAX_ERROR_ACTION_WILDCARD"])
        #expect(codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"*""#), .resourceControl).contains("RCP_SYNTAX_ERROR_ALLOW"))
        #expect(codes(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#) == ["JSON_SYNTAX_ERROR"])
        #expect(codes(statement(#""Effect":"Allow","Action":3,"Resource":"*""#)) == ["DATA_TYPE_MISMATCH"])
    }

    @Test func roleTrustPolicyRules() {
        let trust = "AWS::IAM::AssumeRolePolicyDocument"
        #expect(
            codes(
                statement(#""Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole""#), .resource, resourceType: trust
            ).isEmpty)
        #expect(
            codes(statement(#""Effect":"Allow","Principal":"*","Action":"sts:AssumeRole""#), .resource, resourceType: trust) == [
                "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
            ])
        #expect(
            codes(
                statement(#""Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Resource":"*""#),
                .resource, resourceType: trust)
                == ["ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"])
        #expect(
            codes(statement(#""Effect":"Allow","Principal":{"Service":"ec2"},"Action":"sts:AssumeRole""#), .resource, resourceType: trust) == [
                "INVALID_SERVICE_PRINCIPAL_FORMAT"
            ])
        #expect(
            codes(statement(#""Effect":"Allow","Principal":{"Users":"x"},"Action":"sts:AssumeRole""#), .resource, resourceType: trust) == [
                "INVALID_PRINCIPAL_KEY"
            ])
    }

    @Test func conditionChecks() {
        func condition(_ block: String) -> [String] {
            codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":\#(block)"#))
        }
        #expect(condition(#"{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#).isEmpty)
        #expect(condition(#"{"StringEqualz":{"aws:RequestedRegion":"us-east-1"}}"#) == ["INVALID_CONDITION_OPERATOR"])
        #expect(condition(#"{"NullIfExists":{"aws:RequestedRegion":"true"}}"#) == ["NULL_WITH_IF_EXISTS"])
        #expect(condition(#"{"StringEquals":{"aws:RequestedRegions":"us-east-1"}}"#) == ["INVALID_GLOBAL_CONDITION_KEY"])
        #expect(condition(#"{"StringEquals":{"s3:nosuchkey":"x"}}"#) == ["INVALID_SERVICE_CONDITION_KEY"])
        #expect(condition(#"{"StringEquals":{"s3:ExistingObjectTag/team":"x"}}"#).isEmpty)
        #expect(condition(#"{"StringEquals":{"aws:ResourceTag":"x"}}"#) == ["MISSING_TAG_KEY_IN_CONDITION"])
        #expect(condition(#"{"StringEquals":{"aws:ARN":"x"}}"#) == ["UNSUPPORTED_GLOBAL_CONDITION_KEY"])
        #expect(condition(#"{"StringEquals":{"nokeyformat":"x"}}"#) == ["INVALID_CONDITION_KEY_FORMAT"])
        // s3:GetObject never carries aws:TagKeys either (ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE).
        #expect(condition(#"{"StringEquals":{"aws:TagKeys":"x"}}"#) == ["MISSING_QUALIFIER", "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"])
        #expect(condition(#"{"ForAllValues:StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#) == ["FORALLVALUES_WITH_SINGLE_VALUED_KEY"])
        #expect(condition(#"{"Bool":{"aws:SecureTransport":"yes"}}"#) == ["TYPE_MISMATCH_BOOLEAN"])
        #expect(condition(#"{"NumericLessThan":{"aws:MultiFactorAuthAge":"soon"}}"#) == ["TYPE_MISMATCH_NUMBER"])
        #expect(condition(#"{"DateGreaterThan":{"aws:CurrentTime":"tomorrow"}}"#) == ["TYPE_MISMATCH_DATE"])
        #expect(condition(#"{"IpAddress":{"aws:SourceIp":"10.0.0.300/8"}}"#) == ["TYPE_MISMATCH_IP_RANGE"])
        #expect(condition(#"{"StringEquals":{"aws:SourceIp":"10.0.0.0/8"}}"#) == ["TYPE_MISMATCH"])
        #expect(condition(#"{"StringEquals":{"aws:PrincipalOrgID":"o-*"}}"#) == ["WILDCARD_WITHOUT_LIKE_OPERATOR"])
        #expect(
            condition(#"{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/x*"}}"#) == ["STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS"]
        )
        #expect(condition(#"{"StringEquals":{"aws:userid":"a","aws:UserId":"b"}}"#) == ["DUPLICATE_KEYS_WITH_DIFFERENT_CASE"])
        #expect(condition(#"{"StringEquals":{"aws:RequestedRegion":[]}}"#) == ["EMPTY_ARRAY_CONDITION"])
        #expect(condition(#"{"NumericEquals":{"aws:MultiFactorAuthAge":"${aws:username}"}}"#).contains("INVALID_VARIABLE_FOR_OPERATOR"))
        // Keys of identity providers are not in AWS's catalogue and are accepted as written.
        #expect(condition(#"{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/app:*"}}"#).isEmpty)
    }

    @Test func securityWarningsAndSuggestions() {
        #expect(codes(statement(#""Effect":"Allow","Action":"iam:PassRole","Resource":"*""#)) == ["PASS_ROLE_WITH_STAR_IN_RESOURCE"])
        #expect(
            codes(statement(#""Effect":"Allow","Action":"*","Resource":"*""#)) == [
                "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
            ])
        #expect(codes(statement(#""Effect":"Allow","NotAction":"s3:*","Resource":"*""#)).contains("PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"))
        #expect(codes(statement(#""Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app""#)).isEmpty)
        #expect(
            codes(
                statement(#""Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"*""#),
                .resource) == ["ALLOW_WITH_NOT_PRINCIPAL"])
        #expect(codes(statement(#""Effect":"Allow","Action":["s3:GetObject","s3:Get*"],"Resource":"*""#)) == ["REDUNDANT_ACTION"])
        #expect(
            codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b/k"]"#)) == [
                "REDUNDANT_RESOURCE"
            ])
        #expect(codes(statement(#""Effect":"Allow","Action":[],"Resource":"*""#)) == ["EMPTY_ARRAY_ACTION"])
        #expect(codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"bucket""#)) == ["INVALID_ARN_PREFIX"])
        #expect(
            codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b","Condition":{}"#)) == ["EMPTY_OBJECT_CONDITION"])
    }

    @Test func valuesOfWellKnownKeysAreRead() {
        func condition(_ block: String) -> [String] {
            codes(statement(#""Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":\#(block)"#))
        }
        #expect(condition(#"{"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}"#).isEmpty)
        #expect(condition(#"{"StringEquals":{"aws:SourceVpc":"vpc-xyz"}}"#) == ["INVALID_VPC_FORMAT"])
        #expect(condition(#"{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d5e6f7a8b9"}}"#).isEmpty)
        #expect(condition(#"{"StringEquals":{"aws:SourceVpce":"vpc-1a2b3c4d"}}"#) == ["INVALID_VPCE_FORMAT"])
        #expect(condition(#"{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.1.0/24"]}}"#) == ["PRIVATE_IP_ADDRESS"])
        #expect(condition(#"{"NotIpAddress":{"aws:SourceIp":"172.16.0.0/12"}}"#) == ["PRIVATE_NOT_IP_ADDRESS"])
        #expect(condition(#"{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}}"#) == ["PRIVATE_IP_ADDRESS_SUBSET"])
        #expect(condition(#"{"IpAddress":{"aws:SourceIp":"203.0.113.7/24"}}"#) == ["IMPROVE_IP_RANGE"])
        #expect(condition(#"{"DateGreaterThan":{"aws:CurrentTime":"1735689600"}}"#) == ["INVALID_DATE_VALUE"])
        #expect(condition(#"{"IpAddress":{"aws:VpcSourceIp":"10.1.0.0/16"}}"#) == ["MISSING_PAIRED_CONDITION_KEYS"])
        #expect(condition(#"{"IpAddress":{"aws:VpcSourceIp":"10.1.0.0/16"},"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}"#).isEmpty)
    }

    @Test func trustPoliciesForIdentityProvidersAndServicesMustNarrowTheCaller() {
        let trust = "AWS::IAM::AssumeRolePolicyDocument"
        let github =
            #""Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity""#
        #expect(codes(statement(github), .resource, resourceType: trust) == ["MISSING_GITHUB_REPO_CONDITION_KEY"])
        #expect(
            codes(
                statement(github + #","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}"#), .resource,
                resourceType: trust)
                == ["SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED"])
        #expect(
            codes(
                statement(github + #","Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/main"}}"#),
                .resource, resourceType: trust
            ).isEmpty)
        let otherIdP =
            #""Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/idp.example.com"},"Action":"sts:AssumeRoleWithWebIdentity""#
        #expect(codes(statement(otherIdP), .resource, resourceType: trust) == ["MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL"])
        let service =
            #""Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:111122223333:q""#
        #expect(codes(statement(service), .resource) == ["RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"])
        #expect(
            codes(statement(service + #","Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:t"}}"#), .resource).isEmpty)
    }

    @Test func findingsComeErrorsFirstThenInDocumentOrder() {
        let types = validator.validate(#"{"Statement":[{"Sid":"","Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}"#, kind: .identity).map(
            \.findingType)
        #expect(types == [.error, .warning, .suggestion])
    }

    @Test func anSCPOverTheQuotaIsAnError() {
        let actions = (0..<400).map { #""s3:GetObject\#($0)""# }.joined(separator: ",")
        #expect(
            codes(statement(#""Effect":"Deny","Action":[\#(actions)],"Resource":"*""#), .serviceControl).contains("POLICY_SIZE_EXCEEDS_SCP_QUOTA"))
    }
}
