package import CairnPolicy

/// The organization's delegation policy (PutResourcePolicy): a resource-based policy naming member accounts that
/// may call the Organizations operations AWS lets an organization delegate — reading the organization and managing
/// its policies — as if they were its management account. Checked as Organizations checks it before it is stored;
/// consulted whenever a member calls one of those operations.
package enum OrganizationDelegationPolicy {
    /// The operations a delegation policy may grant (AWS Organizations user guide, "Delegated administrator for AWS
    /// Organizations"): the reads, and policy management.
    package static let delegatableActions: [String] = [
        "organizations:Describe*", "organizations:List*", "organizations:CreatePolicy", "organizations:UpdatePolicy",
        "organizations:DeletePolicy", "organizations:AttachPolicy", "organizations:DetachPolicy", "organizations:EnablePolicyType",
        "organizations:DisablePolicyType", "organizations:TagResource", "organizations:UntagResource",
    ]

    /// The policy, parsed and checked: JSON of at most 40,000 characters, every statement naming AWS principals
    /// (no `*`), only delegatable Organizations actions (each given action must match at least one operation, and
    /// only delegatable ones among `organizationsActions`), and only `*` or this organization's resources.
    package static func check(
        _ content: String?, organizationsActions: [String], organizationArnPrefix: String
    ) throws(ServiceError) -> PolicyDocument {
        guard let content else { throw .inputRequired("Content") }
        guard (1...40_000).contains(content.count) else {
            throw .invalidInput("MAX_LENGTH_EXCEEDED", "The policy content exceeds 40,000 characters.")
        }
        let document: PolicyDocument
        do { document = try PolicyDocument.parse(content) } catch {
            throw .invalidInput("INVALID_RESOURCE_POLICY_JSON", "The resource policy is not valid JSON: \(error)")
        }
        let allowed = delegatableActions.map(ActionPattern.init)
        for statement in document.statements {
            guard case .principal(let principals)? = statement.principal, !principals.wildcard, !principals.aws.isEmpty,
                principals.aws.allSatisfy({ $0 != "*" })
            else {
                throw .invalidInput("INVALID_PRINCIPAL", "Each statement must name the AWS accounts or principals it delegates to.")
            }
            guard case .action(let patterns) = statement.action else {
                throw .invalidInput("UNSUPPORTED_ACTION_IN_RESOURCE_POLICY", "NotAction is not supported in a delegation policy.")
            }
            for text in patterns {
                let pattern = ActionPattern(text)
                let matched = organizationsActions.filter { pattern.matches(RequestAction($0)) }
                guard !matched.isEmpty, matched.allSatisfy({ a in allowed.contains { $0.matches(RequestAction(a)) } }) else {
                    throw .invalidInput(
                        "UNSUPPORTED_ACTION_IN_RESOURCE_POLICY", "The action \(text) cannot be delegated through a resource policy.")
                }
            }
            if case .resource(let resources)? = statement.resource {
                for r in resources where r != "*" && !r.hasPrefix(organizationArnPrefix) {
                    throw .invalidInput(
                        "UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY", "The resource \(r) is not a resource of this organization.")
                }
            } else if statement.resource != nil {
                throw .invalidInput("UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY", "NotResource is not supported in a delegation policy.")
            }
        }
        return document
    }
}

extension OrganizationDelegationPolicy {
    /// Whether the policy lets `caller` (a member account's principal) call `action` on `resource` of the
    /// organization. The caller's own policies were judged already, when the call was authorized; here only the
    /// management account's grant is asked, as for any resource-based policy across accounts.
    package static func allows(
        _ policy: PolicyDocument, callerArn: String, callerAccount: String, action: String, resource: String, managementAccount: String
    ) -> Bool {
        let everything = PolicyDocument(statements: [Statement(effect: .allow, action: .action(["*"]))])
        let request = AuthorizationRequest(
            principal: RequestPrincipal(arn: callerArn, account: callerAccount), action: action, resource: resource,
            resourceAccount: managementAccount)
        let bundle = PolicyBundle(
            identity: CompiledPolicySet([everything], type: .identity), resource: CompiledPolicySet([policy], type: .resource),
            resourcePolicyKind: .resource)
        return PolicyEvaluator.evaluate(request, bundle).decision == .allow
    }
}
