import CairnCore
import CairnPolicy

/// The custom policy checks: PASS only when the reasoning proves it (CustomPolicyChecks), with AWS's
/// messages; a document that does not parse is refused naming its member.
extension AccessAnalyzerOperations {
    static let checkNoNewAccess = Operation<AccessAnalyzerModel.CheckNoNewAccessInput, AccessAnalyzerModel.CheckOutput>(
        Entry.checkNoNewAccess
    ) { input, _ in
        try checkPolicyType(input.policyType)
        let new = try document(input.newPolicyDocument, "newPolicyDocument")
        let existing = try document(input.existingPolicyDocument, "existingPolicyDocument")
        let outcome = CustomPolicyChecks.noNewAccess(new: new, existing: existing)
        return AccessAnalyzerModel.CheckOutput(
            result: outcome.passed ? "PASS" : "FAIL",
            message: outcome.passed
                ? "The modified permissions grant no new access compared to your existing policy."
                : "The modified permissions grant new access compared to your existing policy.",
            reasons: outcome.reasons)
    }

    static let checkAccessNotGranted = Operation<AccessAnalyzerModel.CheckAccessNotGrantedInput, AccessAnalyzerModel.CheckOutput>(
        Entry.checkAccessNotGranted
    ) { input, _ in
        try checkPolicyType(input.policyType)
        let policy = try document(input.policyDocument, "policyDocument")
        guard let access = input.access else { throw validation("access", "access is required.") }
        guard access.count == 1, let wanted = access.first else {
            throw validation("access", "access must hold exactly one entry of actions and resources.")
        }
        let actions = wanted.actions ?? [], resources = wanted.resources ?? []
        guard !(actions.isEmpty && resources.isEmpty) else { throw validation("access", "access must name actions, resources or both.") }
        guard actions.count <= 100, resources.count <= 100 else { throw validation("access", "access takes at most 100 actions and 100 resources.") }
        if let long = resources.first(where: { $0.count > 2048 }) {
            throw validation("access.resources", "The resource \(long.prefix(40))… is longer than 2048 characters.")
        }
        let outcome = CustomPolicyChecks.accessNotGranted(policy, actions: actions, resources: resources)
        let subject = actions.isEmpty ? "the listed resources" : "one or more of the listed actions"
        return AccessAnalyzerModel.CheckOutput(
            result: outcome.passed ? "PASS" : "FAIL",
            message: outcome.passed
                ? "The policy document does not grant access to perform the listed actions or resources."
                : "The policy document grants access to perform \(subject).",
            reasons: outcome.reasons)
    }

    static func checkPolicyType(_ type: String?) throws(ServiceError) {
        guard let type else { throw validation("policyType", "policyType is required.") }
        guard type == "IDENTITY_POLICY" || type == "RESOURCE_POLICY" else {
            throw validation("policyType", "policyType must be IDENTITY_POLICY or RESOURCE_POLICY.")
        }
    }

    static func document(_ text: String?, _ member: String) throws(ServiceError) -> PolicyDocument {
        guard let text else { throw validation(member, "\(member) is required.") }
        guard text.unicodeScalars.count <= maxDocumentCharacters else { throw validation(member, "\(member) is too large.") }
        do {
            return try PolicyDocument.parse(text)
        } catch {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "\(member) is not a valid policy document: \(error)")
        }
    }
}
