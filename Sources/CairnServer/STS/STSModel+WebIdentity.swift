import CairnCore
import CairnPolicy
import Foundation

/// sts:AssumeRoleWithWebIdentity's shapes, member names as botocore's model spells them.
extension STSModel {
    struct AssumeRoleWithWebIdentityInput: OperationInput, Codable {
        var RoleArn: String?
        var RoleSessionName: String?
        var WebIdentityToken: String?
        var ProviderId: String?
        var PolicyArns: [PolicyArn]?
        var Policy: String?
        var DurationSeconds: Int?

        /// The request, checked as STS checks it; the token's session tags and source identity are the session's.
        func checked(_ token: WebIdentityToken?) throws(ServiceError) -> AssumeRoleRequest {
            let (tags, transitive) = try token?.sessionTags() ?? ([], [])
            return try AssumeRoleRequest(
                roleArn: RoleArn, sessionName: RoleSessionName, durationSeconds: DurationSeconds, policy: Policy,
                policyArns: (PolicyArns ?? []).compactMap(\.arn), tags: tags, transitiveTagKeys: transitive, externalId: nil,
                sourceIdentity: token?.sourceIdentity)
        }

        private enum CodingKeys: String, CodingKey {
            case RoleArn, RoleSessionName, WebIdentityToken, ProviderId, PolicyArns, Policy, DurationSeconds
        }

        /// The record never holds the token: it is a bearer credential (AWS leaves it out too).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(RoleArn, forKey: .RoleArn)
            try c.encodeIfPresent(RoleSessionName, forKey: .RoleSessionName)
            try c.encodeIfPresent(ProviderId, forKey: .ProviderId)
            try c.encodeIfPresent(PolicyArns, forKey: .PolicyArns)
            try c.encodeIfPresent(Policy, forKey: .Policy)
            try c.encodeIfPresent(DurationSeconds, forKey: .DurationSeconds)
        }
    }

    struct AssumeRoleWithWebIdentityOutput: OperationOutput, Encodable {
        var Credentials: Credentials
        var SubjectFromWebIdentityToken: String
        var AssumedRoleUser: AssumedRoleUser
        var PackedPolicySize: Int
        var Provider: String
        var Audience: String
        var SourceIdentity: String?

        /// As AssumeRole's: the credentials' key id and expiry, never the secret or the token.
        func responseElements(for entry: CatalogueOperation) -> JSONValue? {
            var members: JSONObject = [
                "credentials": Credentials.recorded,
                "subjectFromWebIdentityToken": .string(SubjectFromWebIdentityToken),
                "assumedRoleUser": .object(["assumedRoleId": .string(AssumedRoleUser.AssumedRoleId), "arn": .string(AssumedRoleUser.Arn)]),
                "provider": .string(Provider),
                "audience": .string(Audience),
            ]
            if let SourceIdentity { members["sourceIdentity"] = .string(SourceIdentity) }
            return .object(members)
        }
    }
}
