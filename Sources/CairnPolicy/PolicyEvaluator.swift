/// The AWS evaluation algorithm (docs/policy.md, /work/shared/reference/iam-evaluation.md §1):
/// explicit deny anywhere → SCP allow at every level of the caller's path → RCP allow at every level of the
/// resource owner's path → root's own-account access → identity side
/// (identity ∩ boundary ∩ session) combined with the resource policy by the same-account/cross-account rules.
package enum PolicyEvaluator {
    package static func evaluate(_ request: AuthorizationRequest, _ bundle: PolicyBundle) -> EvaluationResult {
        let principal = request.principal
        // Needs no permission and cannot be denied (reference §1.9).
        if request.action.lowercased.elementsEqual("sts:getcalleridentity".utf8) {
            return EvaluationResult(decision: .allow, decidingPolicyType: nil, reason: "sts:GetCallerIdentity requires no permission")
        }
        var trace = EvaluationTrace()
        trace.matched.reserveCapacity(8)
        let hasBoundary = bundle.boundary != nil
        let scpApplies = !bundle.scpLevels.isEmpty && !principal.isManagementAccount && !principal.isServiceLinkedRole
        let resourceKind = bundle.resourcePolicyKind ?? autoResourceKind(request)
        let resourceType: PolicyType = resourceKind == .trust ? .trust : .resource

        var scpOutcomes: [CompiledPolicySet.Outcome] = []
        if scpApplies {
            scpOutcomes.reserveCapacity(bundle.scpLevels.count)
            for level in bundle.scpLevels { scpOutcomes.append(level.scan(request, hasBoundary: hasBoundary, into: &trace)) }
        }
        // RCPs bind every caller, the owner's own root user included; only service-linked roles pass by them.
        var rcpOutcomes: [CompiledPolicySet.Outcome] = []
        if !principal.isServiceLinkedRole {
            for level in bundle.rcpLevels { rcpOutcomes.append(level.scan(request, hasBoundary: hasBoundary, into: &trace)) }
        }
        let res = bundle.resource.scan(request, hasBoundary: hasBoundary, into: &trace)
        let id = bundle.identity.scan(request, hasBoundary: hasBoundary, into: &trace)
        let boundary = bundle.boundary?.scan(request, hasBoundary: hasBoundary, into: &trace)
        let session = principal.isSession ? bundle.session?.scan(request, hasBoundary: hasBoundary, into: &trace) : nil

        if resourceType == .trust {
            for i in trace.matched.indices where trace.matched[i].policyType == .resource { trace.matched[i].policyType = .trust }
        }
        func result(_ d: Decision, _ t: PolicyType?, _ reason: String) -> EvaluationResult {
            EvaluationResult(
                decision: d, decidingPolicyType: t, matchedStatements: trace.matched, missingContextKeys: trace.missingKeys, reason: reason)
        }

        // 1. Explicit deny in any applicable policy, in the reference's order of policy types.
        if scpOutcomes.contains(where: \.denied) { return result(.explicitDeny, .scp, "explicit deny in a service control policy") }
        if rcpOutcomes.contains(where: \.denied) { return result(.explicitDeny, .rcp, "explicit deny in a resource control policy") }
        if res.denied {
            return result(.explicitDeny, resourceType, "explicit deny in a \(resourceType == .trust ? "trust" : "resource-based") policy")
        }
        if id.denied { return result(.explicitDeny, .identity, "explicit deny in an identity-based policy") }
        if boundary?.denied == true { return result(.explicitDeny, .permissionsBoundary, "explicit deny in a permissions boundary") }
        if session?.denied == true { return result(.explicitDeny, .session, "explicit deny in a session policy") }

        // 2. SCPs: an Allow at every level of the principal's path; they never grant.
        if let level = scpOutcomes.firstIndex(where: { !$0.allowed }) {
            return result(.implicitDeny, .scp, "no service control policy allows the action at organization level \(level)")
        }
        if let level = rcpOutcomes.firstIndex(where: { !$0.allowed }) {
            return result(.implicitDeny, .rcp, "no resource control policy allows the action at organization level \(level)")
        }

        // Service principals have no identity policies: only a resource policy can let them in.
        if principal.kind == .service {
            if res.grant != nil { return result(.allow, resourceType, "allowed by a resource-based policy naming the service") }
            return result(.implicitDeny, resourceType, "no resource-based policy allows the service principal")
        }

        // 3. The identity side: identity ∩ boundary ∩ session policy. Root has full power in its own account.
        let isRoot = principal.kind == .root
        let identityAllows = isRoot || id.allowed
        let boundaryAllows = boundary?.allowed ?? true
        let sessionAllows: Bool
        if principal.isSession {
            // Without session policies a role session keeps the role's permissions; a federated-user session has none.
            sessionAllows = session?.allowed ?? (principal.kind != .federatedUser)
        } else {
            sessionAllows = true
        }
        let identitySide = identityAllows && boundaryAllows && sessionAllows
        func identityBlocker() -> EvaluationResult {
            if !identityAllows { return result(.implicitDeny, .identity, "no identity-based policy allows the action") }
            if !boundaryAllows { return result(.implicitDeny, .permissionsBoundary, "no permissions boundary allows the action") }
            return result(.implicitDeny, .session, "no session policy allows the action")
        }
        func survives(_ grant: GrantKind) -> Bool {
            if grant.delegatesToIdentity { return identitySide }
            if grant.limitedByBoundaryAndSession { return boundaryAllows && sessionAllows }
            return true
        }
        let identityType: PolicyType? = isRoot && !id.allowed ? nil : .identity

        // 4. Trust policies must themselves allow the caller; an identity Allow alone is not enough.
        if resourceType == .trust {
            guard let grant = res.grant else { return result(.implicitDeny, .trust, "no trust policy allows the action") }
            if request.isSameAccount {
                if survives(grant) { return result(.allow, .trust, "allowed by the role's trust policy") }
                return identityBlocker()
            }
            if identitySide { return result(.allow, .trust, "allowed by the trust policy and the caller's own policies") }
            return identityBlocker()
        }

        // 5. Same account: identity side or a surviving resource-policy grant. Cross-account: both.
        if request.isSameAccount {
            if identitySide {
                return result(
                    .allow, identityType,
                    isRoot && !id.allowed ? "the root user has full access in its own account" : "allowed by an identity-based policy")
            }
            if let grant = res.grant {
                if survives(grant) { return result(.allow, .resource, "allowed by a resource-based policy") }
                if grant.limitedByBoundaryAndSession {
                    return boundaryAllows
                        ? result(.implicitDeny, .session, "the resource-based policy names the role, so the session policy must also allow")
                        : result(
                            .implicitDeny, .permissionsBoundary,
                            "the resource-based policy names the role, so the permissions boundary must also allow")
                }
            }
            return identityBlocker()
        }
        guard identitySide else { return identityBlocker() }
        guard res.grant != nil else {
            return result(.implicitDeny, .resource, "cross-account access needs a resource-based policy that allows the principal")
        }
        return result(.allow, .resource, "allowed by the caller's policies and the resource account's resource-based policy")
    }

    /// STS actions on a role ARN are authorized by the role's trust policy.
    static func autoResourceKind(_ request: AuthorizationRequest) -> PolicyBundle.ResourcePolicyKind {
        request.action.service == "sts" && request.resource.text.contains(":role/") ? .trust : .resource
    }
}
