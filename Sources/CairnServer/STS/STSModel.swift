import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// STS's request and response shapes, member names as botocore's model spells them.
enum STSModel {
    struct PolicyArn: Codable, Sendable {
        var arn: String?
    }

    struct Tag: Codable, Sendable {
        var Key: String?
        var Value: String?
    }

    struct GetAccessKeyInfoInput: OperationInput, Codable {
        var AccessKeyId: String?
    }

    struct AccessKeyInfo: OperationOutput, Encodable {
        var Account: String
    }

    struct AssumeRoleInput: OperationInput, Codable {
        var RoleArn: String?
        var RoleSessionName: String?
        var DurationSeconds: Int?
        var Policy: String?
        var PolicyArns: [PolicyArn]?
        var Tags: [Tag]?
        var TransitiveTagKeys: [String]?
        var ExternalId: String?
        var SourceIdentity: String?
        var SerialNumber: String?
        var TokenCode: String?

        private enum CodingKeys: String, CodingKey {
            case RoleArn, RoleSessionName, DurationSeconds, Policy, PolicyArns, Tags, TransitiveTagKeys, ExternalId, SourceIdentity
            case SerialNumber, TokenCode
        }

        /// Everything but the MFA code is recorded.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(RoleArn, forKey: .RoleArn)
            try c.encodeIfPresent(RoleSessionName, forKey: .RoleSessionName)
            try c.encodeIfPresent(DurationSeconds, forKey: .DurationSeconds)
            try c.encodeIfPresent(Policy, forKey: .Policy)
            try c.encodeIfPresent(PolicyArns, forKey: .PolicyArns)
            try c.encodeIfPresent(Tags, forKey: .Tags)
            try c.encodeIfPresent(TransitiveTagKeys, forKey: .TransitiveTagKeys)
            try c.encodeIfPresent(ExternalId, forKey: .ExternalId)
            try c.encodeIfPresent(SourceIdentity, forKey: .SourceIdentity)
            try c.encodeIfPresent(SerialNumber, forKey: .SerialNumber)
        }

        /// The request, checked as STS checks it (CairnCore's rules name the member at fault).
        var checked: AssumeRoleRequest {
            get throws(ServiceError) {
                try AssumeRoleRequest(
                    roleArn: RoleArn, sessionName: RoleSessionName, durationSeconds: DurationSeconds, policy: Policy,
                    policyArns: (PolicyArns ?? []).compactMap(\.arn), tags: (Tags ?? []).map { ($0.Key, $0.Value) },
                    transitiveTagKeys: TransitiveTagKeys ?? [], externalId: ExternalId, sourceIdentity: SourceIdentity)
            }
        }
    }

    struct Credentials: Encodable, Sendable {
        var AccessKeyId: String
        var SecretAccessKey: String
        var SessionToken: String
        var Expiration: Date
    }

    struct AssumedRoleUser: Encodable, Sendable {
        var AssumedRoleId: String
        var Arn: String
    }

    struct AssumeRoleOutput: OperationOutput, Encodable {
        var Credentials: Credentials
        var AssumedRoleUser: AssumedRoleUser
        var PackedPolicySize: Int
        var SourceIdentity: String?

        /// The record names the credentials' key id and expiry, never the secret or the token.
        func responseElements(for entry: CatalogueOperation) -> JSONValue? {
            .object([
                "credentials": Credentials.recorded,
                "assumedRoleUser": .object(["assumedRoleId": .string(AssumedRoleUser.AssumedRoleId), "arn": .string(AssumedRoleUser.Arn)]),
            ])
        }
    }

    struct CallerIdentity: OperationOutput, Encodable {
        var Account: String
        var Arn: String
        var UserId: String
    }
}

extension STSModel.Credentials {
    /// An issued session's credentials, as every STS call that issues one answers them.
    init(_ session: IssuedSession) {
        self.init(
            AccessKeyId: session.accessKeyId, SecretAccessKey: session.secret, SessionToken: session.sessionToken, Expiration: session.expiresAt)
    }

    /// What a record says of issued credentials: the key id and the expiry.
    var recorded: JSONValue {
        .object(["accessKeyId": .string(AccessKeyId), "expiration": .string(EventElements.date(Expiration, service: .sts))])
    }
}
