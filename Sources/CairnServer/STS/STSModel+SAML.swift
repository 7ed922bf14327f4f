import CairnCore
import CairnPolicy
import Foundation

/// sts:AssumeRoleWithSAML's shapes, member names as botocore's model spells them.
extension STSModel {
    struct AssumeRoleWithSAMLInput: OperationInput, Codable {
        var RoleArn: String?
        var PrincipalArn: String?
        var SAMLAssertion: String?
        var PolicyArns: [PolicyArn]?
        var Policy: String?
        var DurationSeconds: Int?

        /// The role and the provider, checked before the assertion is read; the provider must be in the role's
        /// account, where the trust policy names it.
        func named() throws(ServiceError) -> (roleArn: String, account: AccountId, roleName: String, providerName: String) {
            let role = try AssumeRoleRequest.role(RoleArn)
            guard let PrincipalArn, !PrincipalArn.isEmpty else { throw .missingParameter("principalArn") }
            guard let (account, name) = try? SAMLProviderRules.parse(arn: PrincipalArn) else {
                throw ServiceError(code: "ValidationError", status: 400, message: "\(PrincipalArn) is invalid")
            }
            guard account == role.account else {
                throw WebIdentityToken.invalid("SAML provider \(PrincipalArn) is not in the role's account \(role.account.value).")
            }
            guard let SAMLAssertion, !SAMLAssertion.isEmpty else { throw .missingParameter("sAMLAssertion") }
            guard (4...100_000).contains(SAMLAssertion.count) else {
                throw .validation("sAMLAssertion", "Member must have length less than or equal to 100000")
            }
            return (role.arn, account, role.name, name)
        }

        /// The request as AssumeRole's rules check it, with the session's name, tags and source identity taken
        /// from the verified assertion.
        func checked(_ claims: SAMLClaims) throws(ServiceError) -> AssumeRoleRequest {
            try AssumeRoleRequest(
                roleArn: RoleArn, sessionName: claims.session.roleSessionName, durationSeconds: DurationSeconds, policy: Policy,
                policyArns: (PolicyArns ?? []).compactMap(\.arn), tags: claims.session.principalTags.map { ($0.key, $0.value) },
                transitiveTagKeys: claims.session.transitiveTagKeys, externalId: nil, sourceIdentity: claims.session.sourceIdentity)
        }

        private enum CodingKeys: String, CodingKey {
            case RoleArn, PrincipalArn, SAMLAssertion, PolicyArns, Policy, DurationSeconds
        }

        private enum RecordKeys: String, CodingKey {
            case SAMLAssertionID, RoleSessionName, RoleArn, PrincipalArn, DurationSeconds, PolicyArns, Policy, SourceIdentity
            case PrincipalTags, TransitiveTagKeys
        }

        /// The record never holds the assertion, a bearer credential; it names it by its ID and the session
        /// attributes it claims, as AWS's records do, read without trusting them (the call may yet be refused).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: RecordKeys.self)
            let claimed = SAMLAssertion.flatMap(SAMLUnverifiedResponse.init(base64Response:))
            try c.encodeIfPresent(claimed?.assertionID, forKey: .SAMLAssertionID)
            try c.encodeIfPresent(claimed?.roleSessionName, forKey: .RoleSessionName)
            try c.encodeIfPresent(RoleArn, forKey: .RoleArn)
            try c.encodeIfPresent(PrincipalArn, forKey: .PrincipalArn)
            try c.encodeIfPresent(DurationSeconds, forKey: .DurationSeconds)
            try c.encodeIfPresent(PolicyArns, forKey: .PolicyArns)
            try c.encodeIfPresent(Policy, forKey: .Policy)
            try c.encodeIfPresent(claimed?.sourceIdentity, forKey: .SourceIdentity)
            if let tags = claimed?.principalTags, !tags.isEmpty {
                // A JSONValue is written as it is: tag keys keep their case.
                try c.encode(JSONValue.object(JSONObject(tags.map { JSONMember($0.key, .string($0.value)) })), forKey: .PrincipalTags)
            }
            if let keys = claimed?.transitiveTagKeys, !keys.isEmpty { try c.encode(keys, forKey: .TransitiveTagKeys) }
        }
    }

    struct AssumeRoleWithSAMLOutput: OperationOutput, Encodable {
        var Credentials: Credentials
        var AssumedRoleUser: AssumedRoleUser
        var PackedPolicySize: Int
        var Subject: String
        var SubjectType: String
        var Issuer: String
        var Audience: String
        var NameQualifier: String
        var SourceIdentity: String?

        /// As AssumeRole's: the credentials' key id and expiry, never the secret or the token.
        func responseElements(for entry: CatalogueOperation) -> JSONValue? {
            var members: JSONObject = [
                "subjectType": .string(SubjectType),
                "issuer": .string(Issuer),
                "credentials": Credentials.recorded,
                "nameQualifier": .string(NameQualifier),
                "assumedRoleUser": .object(["assumedRoleId": .string(AssumedRoleUser.AssumedRoleId), "arn": .string(AssumedRoleUser.Arn)]),
                "subject": .string(Subject),
                "audience": .string(Audience),
            ]
            if let SourceIdentity { members["sourceIdentity"] = .string(SourceIdentity) }
            return .object(members)
        }
    }
}
