/// Every policy in play for one decision, compiled. Each part can be compiled once and cached by whoever
/// owns it (principal, account path, resource), then assembled per request at no cost.
package struct PolicyBundle: Sendable {
    /// How the resource policy is read: a role trust policy must itself allow the caller.
    package enum ResourcePolicyKind: String, Sendable, Hashable, Codable {
        case resource
        case trust
    }

    package var identity: CompiledPolicySet
    package var resource: CompiledPolicySet
    /// nil: the principal has no permissions boundary.
    package var boundary: CompiledPolicySet?
    /// nil: no session policies were passed when the session was created.
    package var session: CompiledPolicySet?
    /// Root first, then each OU, the account last. Empty: the account is not in an organization.
    package var scpLevels: [CompiledPolicySet]
    /// The RCPs of the resource owner's path, root first. Empty: no RCP applies (the owner is outside an
    /// organization or is its management account, the type is not enabled, or the service is not one RCPs cover).
    package var rcpLevels: [CompiledPolicySet] = []
    /// nil: decide from the request (an `sts:` action on a role ARN reads the trust policy).
    package var resourcePolicyKind: ResourcePolicyKind?

    package init(
        identity: CompiledPolicySet, resource: CompiledPolicySet, boundary: CompiledPolicySet? = nil,
        session: CompiledPolicySet? = nil, scpLevels: [CompiledPolicySet] = [], resourcePolicyKind: ResourcePolicyKind? = nil
    ) {
        self.identity = identity
        self.resource = resource
        self.boundary = boundary
        self.session = session
        self.scpLevels = scpLevels
        self.resourcePolicyKind = resourcePolicyKind
    }

    /// Whether evaluating against this bundle may read the request's context (CompiledPolicySet.readsContext).
    package var readsContext: Bool {
        identity.readsContext || resource.readsContext || boundary?.readsContext == true || session?.readsContext == true
            || scpLevels.contains(where: \.readsContext) || rcpLevels.contains(where: \.readsContext)
    }

    /// Compiles documents. Empty `boundaries`/`sessionPolicies` mean "none"; `resourceKind` trust compiles
    /// resource documents as trust policies.
    package init(
        identity: [PolicyDocument] = [], resource: [PolicyDocument] = [], boundaries: [PolicyDocument] = [],
        sessionPolicies: [PolicyDocument] = [], scps: [[PolicyDocument]] = [], resourcePolicyKind: ResourcePolicyKind? = nil
    ) {
        self.identity = CompiledPolicySet(identity, type: .identity)
        self.resource = CompiledPolicySet(resource, type: resourcePolicyKind == .trust ? .trust : .resource)
        boundary = boundaries.isEmpty ? nil : CompiledPolicySet(boundaries, type: .permissionsBoundary)
        session = sessionPolicies.isEmpty ? nil : CompiledPolicySet(sessionPolicies, type: .session)
        scpLevels = scps.enumerated().map { CompiledPolicySet($1, type: .scp, scpLevel: $0) }
        self.resourcePolicyKind = resourcePolicyKind
    }
}
