import CairnCore
import CairnPolicy
import Foundation

/// sts:GetSessionToken's and sts:GetFederationToken's shapes, member names as botocore's model spells them.
extension STSModel {
    struct GetSessionTokenInput: OperationInput, Codable {
        var DurationSeconds: Int?
        var SerialNumber: String?
        var TokenCode: String?

        private enum CodingKeys: String, CodingKey { case DurationSeconds, SerialNumber, TokenCode }

        /// The MFA code is never recorded.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(DurationSeconds, forKey: .DurationSeconds)
            try c.encodeIfPresent(SerialNumber, forKey: .SerialNumber)
        }
    }

    struct GetFederationTokenInput: OperationInput, Codable {
        var Name: String?
        var Policy: String?
        var PolicyArns: [PolicyArn]?
        var DurationSeconds: Int?
        var Tags: [Tag]?
    }

    struct SessionTokenOutput: OperationOutput, Encodable {
        var Credentials: Credentials

        /// The credentials' key id and expiry, never the secret or the token.
        func responseElements(for entry: CatalogueOperation) -> JSONValue? {
            .object(["credentials": Credentials.recorded])
        }
    }

    struct FederatedUser: Encodable, Sendable {
        var FederatedUserId: String
        var Arn: String
    }

    struct FederationTokenOutput: OperationOutput, Encodable {
        var Credentials: Credentials
        var FederatedUser: FederatedUser
        var PackedPolicySize: Int

        func responseElements(for entry: CatalogueOperation) -> JSONValue? {
            .object([
                "credentials": Credentials.recorded,
                "federatedUser": .object(["federatedUserId": .string(FederatedUser.FederatedUserId), "arn": .string(FederatedUser.Arn)]),
                "packedPolicySize": .number(PackedPolicySize),
            ])
        }
    }
}
