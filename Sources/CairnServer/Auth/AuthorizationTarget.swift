import CairnPolicy

/// What a call acts on, when the handler knows more than the catalogue entry: the resource ARN, its
/// resource-based policy (a role's trust policy for sts:AssumeRole) and service-specific condition keys.
struct AuthorizationTarget: Sendable {
    var resource: String
    var resourceAccount: String?
    var resourcePolicies: [String] = []
    var resourcePolicyKind: PolicyBundle.ResourcePolicyKind? = nil
    var context: [String: ContextValue] = [:]
    /// Further resources the same call acts on (cloudtrail:ListTags names up to 20 trails): the call is allowed
    /// only if every one of them is.
    var additionalResources: [String] = []
    /// Further actions the call needs on the same resource: STS's sts:TagSession when session tags are passed and
    /// sts:SetSourceIdentity when a source identity is, which the role's trust policy must allow as well.
    var additionalActions: [String] = []
}
