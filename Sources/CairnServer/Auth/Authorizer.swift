import CairnCore
import CairnPolicy
import CairnStore
import Foundation
import Logging

/// Decides whether a principal may run a catalogue operation, with the policy engine, on every call. Deny
/// by default: only an Allow from the engine lets a call through, and operator-only operations are never
/// allowed outside the operator account, whatever a policy says.
struct Authorizer: Sendable {
    let operatorAccount: AccountId
    let partition: String
    let store: Store?
    let cache: PolicyCache
    /// The compiled RCPs of each resource owner's path, kept while nothing in any organization changed.
    var resourceControls: FreshCache<String, [CompiledPolicySet]>? = nil

    init(operatorAccount: AccountId, partition: String, store: Store? = nil, cache: PolicyCache = PolicyCache()) {
        self.operatorAccount = operatorAccount
        self.partition = partition
        self.store = store
        self.cache = cache
    }

    /// The resource ARN an operation acts on when the handler names none.
    func defaultTarget(for facts: CallFacts) -> AuthorizationTarget {
        switch facts.operation.resource {
        case .any: AuthorizationTarget(resource: "*")
        case .account, .organization: AuthorizationTarget(resource: IAMARN.root(partition: partition, account: facts.principal.account).description)
        case .trail:
            AuthorizationTarget(resource: TrailARN.anyTrail(partition: partition, region: facts.region, accountId: facts.principal.account.value))
        }
    }

    /// nil when allowed; otherwise the refusal, worded as AWS words it.
    func refusal(
        for facts: CallFacts, target: AuthorizationTarget?, epoch: Int64, organizationEpoch: Int64 = -1, logger: Logger,
        reading tx: Transaction? = nil
    ) async throws -> ServiceError? {
        let op = facts.operation
        let target = target ?? defaultTarget(for: facts)
        if op.alwaysAllowed { return nil }
        if let rule = SessionCredentialRules.refusal(of: facts.principal, calling: op) { return denial(facts, target, rule) }
        if op.operatorOnly && facts.principal.account != operatorAccount {
            return denial(facts, target, "because no identity-based policy allows the \(op.action) action")
        }
        let compiled = try await policies(for: facts.principal, epoch: epoch, organizationEpoch: organizationEpoch, logger: logger, reading: tx)
        let resource =
            target.resourcePolicies.isEmpty
            ? CompiledPolicySet([], type: .resource)
            : CompiledPolicySet(
                target.resourcePolicies.compactMap { try? PolicyDocument.parse($0) },
                type: target.resourcePolicyKind == .trust ? .trust : .resource)
        var bundle = PolicyBundle(
            identity: compiled.identity, resource: resource, boundary: compiled.boundary, session: compiled.session,
            scpLevels: compiled.scpLevels, resourcePolicyKind: target.resourcePolicyKind)
        if let owner = target.resourceAccount, ResourceControlPolicyRules.covers(action: op.action) {
            bundle.rcpLevels = try await resourceControlLevels(owner: owner, logger: logger, reading: tx)
        }
        // The context's keys (timestamps, the principal's tags, …) were a few per cent of a signed call's CPU; most
        // calls meet only policies that never read them.
        let request = AuthorizationRequest(
            principal: requestPrincipal(facts.principal, compiled), action: op.action, resource: target.resource,
            resourceAccount: target.resourceAccount, context: bundle.readsContext ? context(facts, target) : nil)
        let result = PolicyEvaluator.evaluate(request, bundle)
        guard result.decision == .allow else {
            return denial(facts, target, Self.wording(result, action: op.action), result: result)
        }
        for action in target.additionalActions {
            var each = request
            each.action = RequestAction(action)
            let other = PolicyEvaluator.evaluate(each, bundle)
            if other.decision != .allow {
                return denial(facts, target, Self.wording(other, action: action), action: action, result: other)
            }
        }
        for resource in target.additionalResources {
            var each = request
            each.resource = ParsedArn(resource)
            let other = PolicyEvaluator.evaluate(each, bundle)
            if other.decision != .allow {
                var named = target
                named.resource = resource
                return denial(facts, named, Self.wording(other, action: op.action), result: other)
            }
        }
        return nil
    }

    /// AWS's phrasing: "with an explicit deny in a …" or "because no … allows the ACTION action".
    static func wording(_ result: EvaluationResult, action: String) -> String {
        let type = result.decidingPolicyType
        let noun: String =
            switch type {
            case .scp: "service control policy"
            case .rcp: "resource control policy"
            case .resource: "resource-based policy"
            case .trust: "role trust policy"
            case .permissionsBoundary: "permissions boundary"
            case .session: "session policy"
            default: "identity-based policy"
            }
        if result.decision == .explicitDeny {
            return "with an explicit deny in \(noun == "identity-based policy" ? "an" : "a") \(noun)"
        }
        return "because no \(noun) allows the \(action) action"
    }

    /// The principal's compiled policies; a miss reads them in `tx` when the call already holds one, so a
    /// body asking about another permission never waits for a second connection.
    private func policies(
        for principal: Principal, epoch: Int64, organizationEpoch: Int64, logger: Logger, reading tx: Transaction?
    ) async throws -> PolicyCache.Entry {
        // A web-identity or SAML caller is no principal of the account: no identity policy or SCP speaks for it,
        // only the role's trust policy (and the role owner's RCPs).
        if principal.type.isExternalIdentity {
            return PolicyCache.Entry(
                epoch: epoch, organizationEpoch: organizationEpoch, identity: CompiledPolicySet([], type: .identity), boundary: nil,
                session: nil, scpLevels: [], organizationId: nil, orgPaths: [], isManagementAccount: false)
        }
        let key = principal.type == .assumedRole || principal.type == .federatedUser ? principal.accessKeyId : principal.arn
        if let hit = cache.entry(key, epoch: epoch, organizationEpoch: organizationEpoch) { return hit }
        let docs: PrincipalPolicies
        let path: SCPPath?
        if let tx {
            (docs, path) = (try await tx.principalPolicies.policies(for: principal), try await tx.organizations.scpPath(for: principal.account))
        } else if let store {
            (docs, path) = try await store.read(logger: logger) { tx in
                (try await tx.principalPolicies.policies(for: principal), try await tx.organizations.scpPath(for: principal.account))
            }
        } else {
            (docs, path) = (PrincipalPolicies(), nil)
        }
        // Stored documents were validated when written; one that no longer parses grants nothing.
        func parse(_ texts: [String]) -> [PolicyDocument] { texts.compactMap { try? PolicyDocument.parse($0) } }
        let entry = PolicyCache.Entry(
            epoch: epoch, organizationEpoch: organizationEpoch,
            identity: CompiledPolicySet(parse(docs.identity), type: .identity),
            boundary: docs.boundary.isEmpty ? nil : CompiledPolicySet(parse(docs.boundary), type: .permissionsBoundary),
            session: docs.session.isEmpty ? nil : CompiledPolicySet(parse(docs.session), type: .session),
            scpLevels: (path?.levels ?? []).enumerated().map { CompiledPolicySet(parse($1), type: .scp, scpLevel: $0) },
            organizationId: path?.organizationId, orgPaths: path?.orgPaths ?? [],
            isManagementAccount: path?.managementAccount == principal.account)
        cache.store(key, entry)
        return entry
    }

    /// The RCPs on the path of the account that owns the resource, root first; none for an account outside an
    /// organization, for the management account (RCPs never restrict its resources) or while RCPs are disabled.
    private func resourceControlLevels(owner: String, logger: Logger, reading tx: Transaction?) async throws -> [CompiledPolicySet] {
        guard let account = AccountId(owner) else { return [] }
        let type = OrganizationPolicyTypes.resourceControl
        let store = store
        func load() async throws -> [CompiledPolicySet] {
            let path: OrganizationPolicyPath?
            if let tx {
                path = try await tx.organizations.policyPath(for: account, type: type)
            } else if let store {
                path = try await store.read(logger: logger) { try await $0.organizations.policyPath(for: account, type: type) }
            } else {
                path = nil
            }
            guard let path, path.managementAccount != account else { return [] }
            // Stored documents were validated when written; one that no longer parses grants nothing.
            return path.levels.enumerated().map { level, attached in
                CompiledPolicySet(attached.compactMap { try? PolicyDocument.parse($0.content) }, type: .rcp, scpLevel: level)
            }
        }
        if let resourceControls { return try await resourceControls.value(for: owner, load: load) }
        return try await load()
    }

    private func requestPrincipal(_ p: Principal, _ compiled: PolicyCache.Entry) -> RequestPrincipal {
        RequestPrincipal(
            arn: p.arn, account: p.account.value, tags: p.tags, orgId: compiled.organizationId, orgPaths: compiled.orgPaths,
            isManagementAccount: compiled.isManagementAccount, roleArn: p.type == .assumedRole ? p.session?.roleArn : nil,
            sourceUserArn: p.type == .federatedUser ? p.session?.roleArn : nil)
    }

    /// The global condition keys AWS supplies on every request.
    private func context(_ facts: CallFacts, _ target: AuthorizationTarget) -> [String: ContextValue] {
        var c = target.context
        c["aws:RequestedRegion"] = .single(facts.region)
        c["aws:SourceIp"] = .single(facts.sourceIP)
        c["aws:CurrentTime"] = .single(EventRecord.timestamp(facts.time))
        c["aws:EpochTime"] = .single(String(Int(facts.time.timeIntervalSince1970)))
        c["aws:SecureTransport"] = .single("false")
        c["aws:userid"] = .single(facts.principal.principalId)
        c["aws:ViaAWSService"] = .single("false")
        // Only temporary credentials carry the MFA keys; with long-term keys they are absent, as in AWS (so a
        // `Bool … false` deny does not catch access keys, and `BoolIfExists` does).
        if let s = facts.principal.session {
            c["aws:TokenIssueTime"] = .single(EventRecord.timestamp(s.issuedAt))
            if let source = s.sourceIdentity { c["aws:SourceIdentity"] = .single(source) }
        }
        // A request that presented a code itself (AssumeRole's TokenCode) already says so in its target.
        if let s = facts.principal.session, c["aws:MultiFactorAuthPresent"] == nil {
            c["aws:MultiFactorAuthPresent"] = .single("false")
            if let checked = s.mfaAuthenticatedAt {
                c["aws:MultiFactorAuthPresent"] = .single("true")
                c["aws:MultiFactorAuthAge"] = .single(String(max(0, Int(facts.time.timeIntervalSince(checked)))))
            }
        }
        return c
    }

    /// The refusal, with what sts:DecodeAuthorizationMessage reveals of it (sealed only by the REST door, which
    /// answers it).
    private func denial(
        _ facts: CallFacts, _ target: AuthorizationTarget, _ tail: String, action: String? = nil, result: EvaluationResult? = nil
    ) -> ServiceError {
        let action = action ?? facts.operation.action
        var error = ServiceError.accessDenied(principal: facts.principal.arn, action: action, resource: target.resource, tail: tail)
        error.authorizationFailure = AuthorizationFailureMessage(
            account: facts.principal.account, principalId: facts.principal.principalId, principalName: facts.principal.userName,
            principalArn: facts.principal.arn, action: action, resource: target.resource, explicitDeny: result?.decision == .explicitDeny,
            matched: result?.matchedStatements ?? [], conditions: context(facts, target))
        return error
    }
}
