import CairnCore
import CairnPolicy

/// Access Analyzer's policy checks: pure functions of the documents sent, authorized on `*`, recorded like
/// every call. AWS's action catalogue (with Cairn's own actions merged in) decides which actions exist.
enum AccessAnalyzerOperations {
    typealias Entry = OperationCatalogue.AccessAnalyzer

    static let validator = PolicyValidator(catalogue: ServiceCatalogue.aws.adding(actions: OperationCatalogue.all.map(\.action)))
    static let locales = ["DE", "EN", "ES", "FR", "IT", "JA", "KO", "PT_BR", "ZH_CN", "ZH_TW"]
    /// Access Analyzer's own ceiling on what ValidatePolicy reads; larger documents exceed every policy quota.
    static let maxDocumentCharacters = 131_072

    static let validatePolicy = Operation<AccessAnalyzerModel.ValidatePolicyInput, AccessAnalyzerModel.ValidatePolicyOutput>(
        Entry.validatePolicy
    ) { input, _ in
        guard let document = input.policyDocument else { throw validation("policyDocument", "policyDocument is required.") }
        guard document.unicodeScalars.count <= maxDocumentCharacters else {
            throw validation("policyDocument", "policyDocument must be at most \(maxDocumentCharacters) characters.")
        }
        guard let typeText = input.policyType else { throw validation("policyType", "policyType is required.") }
        guard let kind = PolicyValidator.PolicyKind(rawValue: typeText) else {
            let allowed = PolicyValidator.PolicyKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw validation("policyType", "policyType must be one of \(allowed).")
        }
        if let type = input.validatePolicyResourceType {
            guard PolicyValidator.resourceTypes.contains(type) else {
                throw validation(
                    "validatePolicyResourceType",
                    "validatePolicyResourceType must be one of \(PolicyValidator.resourceTypes.joined(separator: ", ")).")
            }
            guard kind == .resource else {
                throw validation("validatePolicyResourceType", "validatePolicyResourceType applies only to RESOURCE_POLICY.")
            }
        }
        if let locale = input.locale, !locales.contains(locale) {
            throw validation("locale", "locale must be one of \(locales.joined(separator: ", ")).")
        }
        let findings = validator.validate(document, kind: kind, resourceType: input.validatePolicyResourceType)
        let scope = "ValidatePolicy"
        var start = 0
        if let token = input.nextToken {
            guard let offset = PageToken.offset(token, for: scope), offset <= findings.count else {
                throw validation("nextToken", "nextToken is not a token this operation returned.")
            }
            start = offset
        }
        var limit = Int.max
        if let text = input.maxResults {
            guard let n = Int(text), n >= 1 else { throw validation("maxResults", "maxResults must be a whole number of at least 1.") }
            limit = n
        }
        let end = start + min(findings.count - start, limit)
        return AccessAnalyzerModel.ValidatePolicyOutput(
            findings: Array(findings[start..<end]), nextToken: end < findings.count ? PageToken.after(String(end), for: scope) : nil)
    }

    /// Access Analyzer's ValidationException, naming the field (reason fieldValidationFailed).
    static func validation(_ field: String, _ message: String) -> ServiceError {
        ServiceError(code: "ValidationException", status: 400, message: message, reason: "fieldValidationFailed")
    }
}
