import CairnCore
import Foundation

/// IAM's SAML provider shapes, member names as botocore's model spells them.
extension IAMModel {
    struct CreateSAMLProviderInput: OperationInput, Codable {
        var SAMLMetadataDocument: String?
        var Name: String?
        var Tags: [Tag]?
        var AssertionEncryptionMode: String?
        var AddPrivateKey: String?
    }

    /// Every other provider operation names the provider by its ARN.
    struct SAMLProviderInput: OperationInput, Codable {
        var SAMLProviderArn: String?
        var SAMLMetadataDocument: String?
        var AssertionEncryptionMode: String?
        var AddPrivateKey: String?
        var RemovePrivateKey: String?
        var Tags: [Tag]?
        var TagKeys: [String]?
        var Marker: String?
        var MaxItems: Int?
    }

    struct ListSAMLProvidersInput: OperationInput, Codable {}

    struct CreateSAMLProviderOutput: OperationOutput, Encodable {
        var SAMLProviderArn: String
        var Tags: [Tag]?
    }

    struct UpdateSAMLProviderOutput: OperationOutput, Encodable {
        var SAMLProviderArn: String
    }

    struct SAMLProviderOutput: OperationOutput, Encodable {
        var SAMLProviderUUID: String
        var SAMLMetadataDocument: String
        var CreateDate: Date
        var ValidUntil: Date
        var Tags: [Tag]?
        var AssertionEncryptionMode: String
    }

    struct SAMLProviderListEntry: Encodable, Sendable {
        var Arn: String
        var ValidUntil: Date
        var CreateDate: Date
    }

    struct SAMLProvidersOutput: OperationOutput, Encodable {
        var SAMLProviderList: [SAMLProviderListEntry]
    }
}
