/// One stored policy as the merge sees it.
///
/// Only the id and the text: the merge needs nothing else from the store, and the id is what an invalid
/// effective policy must name back to the operator (ContributingPolicies).
package struct ManagementPolicyInput: Sendable, Equatable {
    package let policyId: String
    package let content: String

    package init(policyId: String, content: String) {
        self.policyId = policyId
        self.content = content
    }
}

/// One reason an account's effective policy is invalid, in the shape of Organizations'
/// EffectivePolicyValidationError.
///
/// Error codes Cairn reports (AWS documents only `ELEMENTS_TOO_MANY` by name; the others follow its style):
/// - `ELEMENTS_TOO_MANY`: a merged list is longer than the service can enforce
///   (`TagPolicyRules.maxListElements` values in a tag policy list).
/// - `MISSING_REQUIRED_ELEMENT`: a backup plan or rule lacks what AWS Backup needs to run it
///   (`regions` and `rules` per plan, `target_backup_vault_name` per rule).
/// - `INVALID_OPERATOR`: a value-setting operator could not act on what was inherited: `@@append`/`@@remove`
///   on an inherited single value, or a setting where another policy put nested settings (or the reverse).
///   The inherited element is kept.
package struct EffectivePolicyIssue: Sendable, Equatable {
    package let errorCode: String
    package let message: String
    package let pathToError: String
    package let contributingPolicies: [String]

    package init(errorCode: String, message: String, pathToError: String, contributingPolicies: [String]) {
        self.errorCode = errorCode
        self.message = message
        self.pathToError = pathToError
        self.contributingPolicies = contributingPolicies
    }
}

/// The merged policy of one type for one account, with every inheritance operator resolved away.
///
/// The content cannot be stored back as a policy (it has no operators), which is why it is a plain value and
/// not a document; the issues travel with it so the caller can list the account as invalid without merging twice.
package struct EffectivePolicy: Sendable, Equatable {
    package let content: JSONValue
    package let issues: [EffectivePolicyIssue]

    package init(content: JSONValue, issues: [EffectivePolicyIssue]) {
        self.content = content
        self.issues = issues
    }

    /// Compact JSON text (no whitespace), as PolicyContent is returned by DescribeEffectivePolicy.
    package var text: String { content.text }
}
