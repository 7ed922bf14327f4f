import CairnCore
import Foundation

/// IAM's OpenID Connect provider shapes, member names as botocore's model spells them.
extension IAMModel {
    struct CreateOpenIDConnectProviderInput: OperationInput, Codable {
        var Url: String?
        var ClientIDList: [String]?
        var ThumbprintList: [String]?
        var Tags: [Tag]?
    }

    /// Every other provider operation names the provider by its ARN.
    struct OpenIDConnectProviderInput: OperationInput, Codable {
        var OpenIDConnectProviderArn: String?
        var ClientID: String?
        var ThumbprintList: [String]?
        var Tags: [Tag]?
        var TagKeys: [String]?
        var Marker: String?
        var MaxItems: Int?
    }

    struct ListOpenIDConnectProvidersInput: OperationInput, Codable {}

    struct CreateOpenIDConnectProviderOutput: OperationOutput, Encodable {
        var OpenIDConnectProviderArn: String
        var Tags: [Tag]?
    }

    struct OpenIDConnectProviderOutput: OperationOutput, Encodable {
        /// IAM answers the URL without its scheme.
        var Url: String
        var ClientIDList: [String]
        var ThumbprintList: [String]
        var CreateDate: Date
        var Tags: [Tag]?
    }

    struct OpenIDConnectProviderListEntry: Encodable, Sendable {
        var Arn: String
    }

    struct OpenIDConnectProvidersOutput: OperationOutput, Encodable {
        var OpenIDConnectProviderList: [OpenIDConnectProviderListEntry]
    }
}
