import Testing

@testable import CairnPolicy

/// How statements use their keys (tag keys against the actions' catalogue, service principals, forged and
/// sensitive keys, KMS and binary values), trust policies' principals, and repeated statements or values: each
/// check with a document that fires it and a near miss that must not.
@Suite("ValidatePolicy's key-usage, trust-principal and redundancy checks")
struct PolicyValidatorUsageTests {
    let validator = PolicyValidator()

    func codes(_ text: String, _ kind: PolicyValidator.PolicyKind = .identity, resourceType: String? = nil) -> [String] {
        validator.validate(text, kind: kind, resourceType: resourceType).map(\.issueCode)
    }

    func statement(_ body: String) -> String { #"{"Version":"2012-10-17","Statement":[{\#(body)}]}"# }

    func identity(_ effect: String = "Allow", actions: String, _ condition: String) -> [String] {
        codes(statement(#""Effect":"\#(effect)","Action":\#(actions),"Resource":"*","Condition":\#(condition)"#))
    }

    let trust = "AWS::IAM::AssumeRolePolicyDocument"

    @Test func tagKeysAgainstTheActionsThatCarryThem() throws {
        let team = #"{"StringEquals":{"aws:ResourceTag/team":"blue"}}"#
        // s3:ListAllMyBuckets has no resource and no tag keys; ec2:StartInstances carries all three.
        #expect(identity(actions: #"["ec2:StartInstances","s3:ListAllMyBuckets"]"#, team) == ["ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"])
        #expect(identity(actions: #"["ec2:StartInstances"]"#, team).isEmpty)
        #expect(
            identity("Deny", actions: #"["ec2:StartInstances","s3:ListAllMyBuckets"]"#, team) == [
                "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
            ])
        // A pattern counts only when none of the actions it matches carries the key.
        #expect(identity("Deny", actions: #""s3:ListAllMy*""#, team) == ["DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"])
        #expect(identity("Deny", actions: #""ec2:*""#, team).isEmpty)
        // IfExists and negated operators match a request without the key: no finding.
        #expect(identity("Deny", actions: #""s3:ListAllMyBuckets""#, #"{"StringEqualsIfExists":{"aws:ResourceTag/team":"blue"}}"#).isEmpty)
        #expect(identity("Deny", actions: #""s3:ListAllMyBuckets""#, #"{"StringNotEquals":{"aws:ResourceTag/team":"blue"}}"#).isEmpty)
        let findings = validator.validate(
            statement(#""Effect":"Allow","Action":["ec2:StartInstances","s3:ListAllMyBuckets"],"Resource":"*","Condition":\#(team)"#), kind: .identity
        )
        let finding = try #require(findings.first)
        #expect(finding.findingType == .suggestion)
        #expect(finding.findingDetails.contains("s3"))
        #expect(!finding.findingDetails.contains("ec2"))
        #expect(
            finding.locations[0].path == [.value("Statement"), .index(0), .value("Condition"), .value("StringEquals"), .key("aws:ResourceTag/team")])

        let notAction = { (effect: String, op: String) in
            self.codes(
                self.statement(#""Effect":"\#(effect)","NotAction":"iam:*","Resource":"*","Condition":{"\#(op)":{"aws:ResourceTag/team":"blue"}}"#))
        }
        #expect(notAction("Deny", "StringEquals") == ["DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"])
        #expect(notAction("Allow", "StringEquals") == ["ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"])
        #expect(notAction("Deny", "StringNotEquals").isEmpty)
    }

    @Test func keysAServicePrincipalsRequestNeverHas() {
        func bucket(_ principal: String, _ condition: String) -> [String] {
            codes(
                statement(
                    #""Effect":"Allow","Principal":\#(principal),"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":\#(condition)"#),
                .resource)
        }
        let cloudfront = #"{"Service":"cloudfront.amazonaws.com"}"#
        let orgAndSource =
            #"{"StringEquals":{"aws:PrincipalOrgID":"o-abcdef1234","aws:SourceArn":"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"}}"#
        #expect(bucket(cloudfront, orgAndSource) == ["UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"])
        #expect(bucket(#"{"AWS":"arn:aws:iam::111122223333:root"}"#, orgAndSource).isEmpty)
        #expect(bucket(#"{"AWS":"arn:aws:iam::111122223333:root","Service":"cloudfront.amazonaws.com"}"#, orgAndSource).isEmpty)

        let referer = bucket(cloudfront, #"{"StringLike":{"aws:Referer":"https://example.com/*"}}"#)
        #expect(referer.contains("RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"))
        #expect(
            !bucket(cloudfront, #"{"StringLike":{"aws:Referer":"https://example.com/*"},"StringEquals":{"aws:SourceAccount":"111122223333"}}"#)
                .contains("RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL"))
    }

    @Test func keysTheCallerWritesOrThatNeedAPartner() {
        #expect(identity(actions: #""s3:GetObject""#, #"{"StringEquals":{"aws:UserAgent":"internal-tool/1.0"}}"#) == ["UNTRUSTWORTHY_CONDITION_KEY"])
        #expect(identity(actions: #""s3:GetObject""#, #"{"Null":{"aws:UserAgent":"false"}}"#).isEmpty)

        let table = #""Effect":"Allow","Action":"dynamodb:Query","Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/T","Condition":"#
        let attributes = #""ForAllValues:StringEquals":{"dynamodb:Attributes":["id","name"]}"#
        #expect(codes(statement(table + "{\(attributes)}")) == ["DYNAMODB_ATTRIBUTES_WITHOUT_SELECT"])
        #expect(codes(statement(table + #"{\#(attributes),"StringEquals":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}}"#)).isEmpty)

        func list(_ effect: String, _ op: String) -> [String] {
            codes(
                statement(
                    #""Effect":"\#(effect)","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"\#(op)":{"s3:prefix":"home/*"}}"#))
        }
        #expect(list("Deny", "StringLike") == ["S3_PREFIX_IN_NEGATIVE_CONTEXT"])
        #expect(list("Allow", "StringNotLike") == ["S3_PREFIX_IN_NEGATIVE_CONTEXT"])
        #expect(list("Deny", "StringNotLike").isEmpty)
        #expect(list("Allow", "StringLike").isEmpty)
    }

    @Test func valuesOfKMSBinaryAndNumericConditions() throws {
        func put(_ value: String) -> [String] {
            codes(
                statement(
                    #""Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"\#(value)"}}"#
                ))
        }
        #expect(put("my-key") == ["INVALID_KMS_KEY_VALUE"])
        #expect(put("arn:aws:kms:us-east-1:111122223333:key/oops") == ["INVALID_KMS_KEY_VALUE"])
        #expect(put("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab").isEmpty)
        #expect(put("arn:aws:kms:us-east-1:111122223333:alias/app").isEmpty)
        #expect(put("mrk-1234abcd12ab34cd56ef1234567890ab").isEmpty)
        // Patterns are not judged here (StringEquals reads them literally: WILDCARD_WITHOUT_LIKE_OPERATOR).
        #expect(put("arn:aws:kms:*:111122223333:key/*") == ["WILDCARD_WITHOUT_LIKE_OPERATOR"])

        #expect(identity(actions: #""s3:GetObject""#, #"{"BinaryEquals":{"aws:PrincipalTag/blob":"not base64!"}}"#) == ["TYPE_MISMATCH_STRING"])
        #expect(identity(actions: #""s3:GetObject""#, #"{"BinaryEquals":{"aws:PrincipalTag/blob":"QmluYXJ5VmFsdWU="}}"#).isEmpty)

        let text = statement(
            #""Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":["2700","3600"]}}"#)
        let finding = try #require(validator.validate(text, kind: .identity).first)
        #expect(finding.issueCode == "REDUNDANT_CONDITION_VALUE_NUM")
        #expect(finding.findingDetails.contains("3600"))
        #expect(identity(actions: #""s3:GetObject""#, #"{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}"#).isEmpty)
        #expect(identity(actions: #""s3:GetObject""#, #"{"NumericEquals":{"aws:MultiFactorAuthAge":["2700","3600"]}}"#).isEmpty)
    }

    @Test func patternsOnKeysThatNameTheCaller() {
        let get = #""s3:GetObject""#
        #expect(identity(actions: get, #"{"StringLike":{"aws:PrincipalAccount":"1111*"}}"#) == ["WILDCARD_USAGE_TOO_PERMISSIVE"])
        #expect(identity(actions: get, #"{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}"#).isEmpty)
        #expect(identity("Deny", actions: get, #"{"StringLike":{"aws:PrincipalAccount":"1111*"}}"#).isEmpty)
        #expect(identity(actions: get, #"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:*:topic"}}"#) == ["WILDCARD_USAGE_TOO_PERMISSIVE"])
        #expect(identity(actions: get, #"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:*"}}"#).isEmpty)
        #expect(identity(actions: get, #"{"StringLike":{"aws:userid":"AROA*"}}"#) == ["WILDCARD_USAGE_TOO_PERMISSIVE"])
        #expect(identity(actions: get, #"{"StringLike":{"aws:userid":"AROAEXAMPLEID:*"}}"#).isEmpty)
        #expect(
            identity(actions: get, #"{"StringEquals":{"aws:PrincipalAccount":"${aws:RequestTag/account}"}}"#) == ["VARIABLE_USAGE_TOO_PERMISSIVE"])
        #expect(identity(actions: get, #"{"StringEquals":{"aws:PrincipalAccount":"${aws:ResourceAccount}"}}"#).isEmpty)
    }

    @Test func trustPolicyPrincipals() throws {
        func role(_ body: String) -> [String] { codes(statement(body), .resource, resourceType: trust) }
        let rolesAnywhere = #""Effect":"Allow","Principal":{"Service":"rolesanywhere.amazonaws.com"},"Action":"#
        #expect(role(rolesAnywhere + #"["sts:AssumeRole","sts:TagSession"]"#) == ["MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY"])
        #expect(role(rolesAnywhere + #"["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]"#).isEmpty)
        #expect(role(rolesAnywhere + #""sts:*""#).isEmpty)

        let web = { (provider: String) in #""Effect":"Allow","Principal":{"Federated":"\#(provider)"},"Action":"sts:AssumeRoleWithWebIdentity""# }
        #expect(role(web("not a provider")) == ["INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY"])
        #expect(
            role(web("arn:aws:iam::111122223333:user/u")) == [
                "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", "MISMATCHED_ACTION_FOR_PRINCIPAL",
            ])
        #expect(role(web("accounts.google.com")).isEmpty)

        let aws = { (first: String) in
            #""Effect":"Allow","Principal":{"AWS":["\#(first)","arn:aws:sts::111122223333:assumed-role/app/session"]},"Action":"sts:AssumeRole""#
        }
        let findings = validator.validate(statement(aws("arn:aws:iam::111122223333:role/team/app")), kind: .resource, resourceType: trust)
        #expect(findings.map(\.issueCode) == ["REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY"])
        #expect(findings.first?.locations[0].path == [.value("Statement"), .index(0), .value("Principal"), .value("AWS"), .index(1)])
        #expect(role(aws("arn:aws:iam::111122223333:role/other")).isEmpty)
        #expect(role(aws("arn:aws:iam::444455556666:role/app")).isEmpty)
    }

    @Test func audienceClaims() {
        func web(_ provider: String, _ condition: String) -> [String] {
            codes(
                statement(
                    #""Effect":"Allow","Principal":{"Federated":"\#(provider)"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":\#(condition)"#),
                .resource, resourceType: trust)
        }
        let cognito = "cognito-identity.amazonaws.com"
        #expect(
            web(cognito, #"{"ForAnyValue:StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd-abcd-abcd-123456789012"}}"#)
                == [
                    "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE"
                ])
        #expect(web(cognito, #"{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:12345678-abcd-abcd-abcd-123456789012"}}"#).isEmpty)
        let idp = "arn:aws:iam::111122223333:oidc-provider/idp.example.com"
        #expect(web(idp, #"{"StringEquals":{"idp.example.com:aud":"app"}}"#) == ["CONFIRM_AUDIENCE_CLAIM_TYPE"])
        #expect(web(idp, #"{"StringEquals":{"idp.example.com:sub":"user-1"}}"#).isEmpty)
    }

    @Test func repeatedStatements() throws {
        let a = #"{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}"#
        let b = #"{"Sid":"B","Resource":["arn:aws:s3:::b/*"],"Action":["s3:PutObject","s3:GetObject"],"Effect":"Allow"}"#
        let c = #"{"Sid":"C","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::c/*"}"#
        let findings = validator.validate(#"{"Version":"2012-10-17","Statement":[\#(a),\#(b)]}"#, kind: .identity)
        #expect(findings.map(\.issueCode) == ["REDUNDANT_STATEMENT"])
        #expect(findings.first?.locations[0].path == [.value("Statement"), .index(1)])
        #expect(codes(#"{"Version":"2012-10-17","Statement":[\#(a),\#(c)]}"#).isEmpty)
    }
}
