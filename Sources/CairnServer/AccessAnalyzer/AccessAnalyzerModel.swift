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

    struct CheckNoNewAccessInput: OperationInput, Codable {
        var newPolicyDocument: String?
        var existingPolicyDocument: String?
        var policyType: String?
    }

    struct Access: Codable, Sendable {
        var actions: [String]?
        var resources: [String]?
    }

    struct CheckAccessNotGrantedInput: OperationInput, Codable {
        var policyDocument: String?
        var access: [Access]?
        var policyType: String?
    }

    struct CheckNoPublicAccessInput: OperationInput, Codable {
        var policyDocument: String?
        var resourceType: String?
    }

    /// The custom checks answer PASS or FAIL with the statements that decided a FAIL.
    struct CheckOutput: OperationOutput, Encodable {
        var result: String
        var message: String
        var reasons: [CustomPolicyChecks.Reason]

        init(_ outcome: CustomPolicyChecks.Outcome) {
            result = outcome.result
            message = outcome.message
            reasons = outcome.reasons
        }
    }
}
