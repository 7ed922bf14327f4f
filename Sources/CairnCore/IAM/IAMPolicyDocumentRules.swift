package import CairnPolicy
import Foundation

/// What IAM requires of a document before storing it, judged by the policy engine (the same lint
/// `cairn policy validate` runs), and how IAM hands documents back.
package enum IAMPolicyDocumentRules {
    /// Refuses a document the engine finds errors in (warnings pass, as AWS stores such documents) or one over
    /// its storage's size limit, with IAM's MalformedPolicyDocument and the engine's first finding.
    package static func check(_ text: String, type: PolicyType, limit: PolicySizeLimit, field: String = "policyDocument") throws(ServiceError) {
        try IAMInputRules.policyDocumentText(text, field: field)
        let size = limit.measure(text)
        if size > limit.maximumCharacters {
            throw .limitExceeded("Cannot exceed quota for \(quotaName(limit)): \(limit.maximumCharacters).")
        }
        let errors = PolicyLint.lint(text: text, type: type, sizeLimit: limit).filter { $0.severity == .error }
        if let first = errors.first {
            throw .malformedPolicyDocument(first.path.isEmpty ? first.message : "\(first.path): \(first.message)")
        }
    }

    /// IAM returns documents URL-encoded (RFC 3986, so a space is %20); botocore decodes them.
    package static func urlEncoded(_ text: String) -> String {
        var allowed = CharacterSet()
        allowed.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func quotaName(_ limit: PolicySizeLimit) -> String {
        switch limit {
        case .managedPolicy: "PolicySize"
        case .inlineUser: "UserPolicySize"
        case .inlineRole: "RolePolicySize"
        case .inlineGroup: "GroupPolicySize"
        case .trustPolicy: "ACLSizePerRole"
        case .serviceControlPolicy, .resourceControlPolicy, .sessionPolicy: "PolicySize"
        }
    }
}
