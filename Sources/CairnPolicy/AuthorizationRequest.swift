/// One question for the evaluator, normalised once so the per-statement work is only comparisons.
package struct AuthorizationRequest: Sendable, Hashable {
    package var principal: RequestPrincipal
    package var action: RequestAction
    package var resource: ParsedArn
    /// The account owning the resource; nil means the principal's own account.
    package var resourceAccount: String?
    package var context: RequestContext

    /// Global keys that follow from the principal (aws:PrincipalArn, aws:username, aws:PrincipalTag/…, …)
    /// are added unless `context` already has them. A nil `context` builds none at all, for a request checked only
    /// against policies that read no context (PolicyBundle.readsContext).
    package init(
        principal: RequestPrincipal, action: String, resource: String, resourceAccount: String? = nil,
        context: [String: ContextValue]? = [:]
    ) {
        self.principal = principal
        self.action = RequestAction(action)
        self.resource = ParsedArn(resource)
        self.resourceAccount = resourceAccount ?? self.resource.account
        guard let context else {
            self.context = RequestContext([:], reservingCapacity: 0)
            return
        }
        var ctx = RequestContext(context, reservingCapacity: 8 + principal.tags.count)
        ctx.setDefault(lowercased: "aws:principalarn", single: principal.principalArnKey)
        if !principal.account.isEmpty { ctx.setDefault(lowercased: "aws:principalaccount", single: principal.account) }
        switch principal.kind {
        case .root:
            ctx.setDefault(lowercased: "aws:principaltype", single: "Account")
            ctx.setDefault(lowercased: "aws:userid", single: principal.account)
        case .user:
            ctx.setDefault(lowercased: "aws:principaltype", single: "User")
            if let name = principal.name { ctx.setDefault(lowercased: "aws:username", single: name) }
        case .assumedRole, .role:
            ctx.setDefault(lowercased: "aws:principaltype", single: "AssumedRole")
        case .federatedUser:
            ctx.setDefault(lowercased: "aws:principaltype", single: "FederatedUser")
            if let name = principal.name { ctx.setDefault(lowercased: "aws:userid", single: "\(principal.account):\(name)") }
        case .service, .other:
            break
        }
        for (k, v) in principal.tags { ctx.setDefault("aws:PrincipalTag/\(k)", .single(v)) }
        if let org = principal.orgId { ctx.setDefault(lowercased: "aws:principalorgid", single: org) }
        if !principal.orgPaths.isEmpty { ctx.setDefault("aws:PrincipalOrgPaths", .multiple(principal.orgPaths)) }
        if let ra = self.resourceAccount { ctx.setDefault(lowercased: "aws:resourceaccount", single: ra) }
        self.context = ctx
    }

    package var isSameAccount: Bool { resourceAccount == nil || resourceAccount == principal.account }
}
