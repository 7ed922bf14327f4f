import CairnCore
import CairnPolicy

/// Access Analyzer's policy-check shapes (botocore's accessanalyzer model): lowerCamel members, as sent.
enum AccessAnalyzerModel {
    struct ValidatePolicyInput: OperationInput, Codable {
        var policyDocument: String?
        var policyType: String?
        var validatePolicyResourceType: String?
        var locale: String?
        /// A query-string member: it arrives as text.
        var maxResults: String?
        var nextToken: String?
    }

    struct ValidatePolicyOutput: OperationOutput, Encodable {
        var findings: [PolicyFinding]
        var nextToken: String?
    }
}
