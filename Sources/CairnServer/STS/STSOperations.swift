import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// STS: who the caller is, and temporary credentials for a role.
enum STSOperations {
    /// Answers even with an explicit deny, as AWS's does (the catalogue entry is always allowed).
    static let getCallerIdentity = Operation<NoInput, STSModel.CallerIdentity>(OperationCatalogue.getCallerIdentity) { _, ctx in
        let who = ctx.facts.principal
        return STSModel.CallerIdentity(Account: who.account.value, Arn: who.arn, UserId: who.principalId)
    }

    /// The account that owns an access key (long-term or a session's), whatever the key's state, as STS answers
    /// it to any caller: key ids are not secrets. A key Cairn never issued is InvalidParameterValue (AWS decodes an
    /// account from any key id; Cairn's ids carry none).
    static let getAccessKeyInfo = Operation<STSModel.GetAccessKeyInfoInput, STSModel.AccessKeyInfo>(OperationCatalogue.getAccessKeyInfo) {
        input, ctx in
        guard let id = input.AccessKeyId, !id.isEmpty else {
            throw ServiceError(code: "MissingParameter", status: 400, message: "The request must contain the parameter AccessKeyId.")
        }
        guard (16...128).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw ServiceError(
                code: "ValidationError", status: 400,
                message:
                    "1 validation error detected: Value '\(id)' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+ and length 16 to 128"
            )
        }
        guard let owner = try await ctx.tx.accessKeys.owner(of: id) else {
            throw ServiceError(code: "InvalidParameterValue", status: 400, message: "The access key ID \(id) was not issued by this service.")
        }
        return STSModel.AccessKeyInfo(Account: owner.value)
    }

    /// Validated, then authorized against the role's trust policy (the resource policy of sts:AssumeRole) and
    /// the caller's own policies; then temporary credentials are issued.
    static let assumeRole = Operation<STSModel.AssumeRoleInput, STSModel.AssumeRoleOutput>(
        OperationCatalogue.assumeRole,
        target: { input, t in
            try await target(try input.checked, mfa: try MFACodeCheck.presented(serialNumber: input.SerialNumber, tokenCode: input.TokenCode), t)
        }
    ) { input, ctx in
        let request = try input.checked
        // A role that does not exist has no trust policy: authorization refused it before this, and one deleted since
        // is refused the same way, not answered as a failure of ours.
        guard let role = try await ctx.tx.roles.find(account: request.roleAccount, name: request.roleName) else {
            throw noTrust(ctx.facts, roleArn: request.roleArn)
        }
        ctx.recordResources([.init(ARN: role.arn, accountId: role.account.value, type: "AWS::IAM::Role")])
        // Role chaining is limited to one hour, as AWS limits it.
        let chained = ctx.facts.principal.type == .assumedRole
        let maximum = chained ? 3600 : role.maxSessionDuration
        let duration = request.durationSeconds ?? min(3600, maximum)
        guard duration <= maximum else {
            throw ServiceError(
                code: "ValidationError", status: 400,
                message: chained
                    ? "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
                    : "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
        try await requireManagedPolicies(request.policyArns, ctx.tx)
        // A code presented now is spent now; a session assumed from an MFA-authenticated one keeps its MFA time.
        var mfaAt = ctx.facts.principal.session?.mfaAuthenticatedAt
        if let presented = try MFACodeCheck.presented(serialNumber: input.SerialNumber, tokenCode: input.TokenCode) {
            _ = try await MFACodeCheck.verify(presented, caller: ctx.facts.principal, time: ctx.facts.time, tx: ctx.tx, spend: true)
            mfaAt = ctx.facts.time
        }
        let session = try await ctx.tx.sessions.issue(
            role: role, sessionName: request.sessionName, duration: duration, sessionPolicy: request.policy,
            policyArns: request.policyArns, tags: request.tags, sourceIdentity: request.sourceIdentity,
            issuedBy: ctx.facts.principal.arn, mfaAuthenticatedAt: mfaAt, now: ctx.facts.time)
        return STSModel.AssumeRoleOutput(
            Credentials: .init(session),
            AssumedRoleUser: .init(AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn),
            PackedPolicySize: request.packedPolicySize, SourceIdentity: request.sourceIdentity)
    }

    /// The role's trust policy and the request's STS condition keys. Refusals STS makes before it looks at
    /// any policy come first: the root user may not assume roles, and a session policy must be valid.
    private static func target(
        _ request: AssumeRoleRequest, mfa: (serial: String, code: String)?, _ t: TargetContext
    ) async throws -> AuthorizationTarget {
        if t.facts.principal.type == .root {
            throw ServiceError(code: "AccessDeniedException", status: 403, message: "Roles may not be assumed by root accounts.")
        }
        try lintSessionPolicy(request.policy)
        let role = try await t.read { tx in try await tx.roles.find(account: request.roleAccount, name: request.roleName) }
        var context: [String: ContextValue] = [:]
        if let e = request.externalId { context["sts:ExternalId"] = .single(e) }
        // A valid code makes this request MFA-authenticated, for the trust policy's aws:MultiFactorAuthPresent; the
        // body spends it.
        if let mfa {
            _ = try await t.read { tx in try await MFACodeCheck.verify(mfa, caller: t.facts.principal, time: t.facts.time, tx: tx, spend: false) }
            context["aws:MultiFactorAuthPresent"] = .single("true")
            context["aws:MultiFactorAuthAge"] = .single("0")
        }
        return trustTarget(request, role: role, context: context)
    }

    /// What every AssumeRole* call is authorized against: the role's trust policy, with the caller's own keys
    /// (`context`) and the session's — its name, source identity and tags — and the session permissions
    /// (sts:TagSession, sts:SetSourceIdentity) the trust policy must grant as well. A role that does not exist has no
    /// trust policy: the engine refuses, and the caller learns nothing more.
    static func trustTarget(_ request: AssumeRoleRequest, role: RoleRecord?, context: [String: ContextValue]) -> AuthorizationTarget {
        var context = context
        context["sts:RoleSessionName"] = .single(request.sessionName)
        if let source = request.sourceIdentity { context["sts:SourceIdentity"] = .single(source) }
        context.merge(TagConditionKeys.request(request.tags.map { (key: $0.key, value: $0.value) })) { a, _ in a }
        if !request.transitiveTagKeys.isEmpty { context["sts:TransitiveTagKeys"] = .multiple(request.transitiveTagKeys) }
        var target = AuthorizationTarget(
            resource: request.roleArn, resourceAccount: request.roleAccount.value,
            resourcePolicies: role.map { [$0.trustPolicy] } ?? [], resourcePolicyKind: .trust, context: context)
        target.additionalActions = request.sessionPermissions
        return target
    }

    /// The refusal of an AssumeRole* call whose role does not trust the caller, or is gone: AccessDenied, the words the
    /// engine uses when no trust policy allows it.
    static func noTrust(_ facts: CallFacts, roleArn: String) -> ServiceError {
        .accessDenied(
            principal: facts.principal.arn, action: facts.operation.action, resource: roleArn,
            tail: "because no role trust policy allows the \(facts.operation.action) action")
    }

    /// A federated session's length (AssumeRoleWithWebIdentity, AssumeRoleWithSAML): as asked, else an hour, never
    /// past the role's MaxSessionDuration.
    static func federatedDuration(_ request: AssumeRoleRequest, role: RoleRecord) throws(ServiceError) -> Int {
        let duration = request.durationSeconds ?? min(3600, role.maxSessionDuration)
        guard duration <= role.maxSessionDuration else {
            throw ServiceError(
                code: "ValidationError", status: 400, message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
        return duration
    }

    /// A session policy must be one the engine accepts as such (STS refuses it before any policy is read).
    static func lintSessionPolicy(_ policy: String?) throws(ServiceError) {
        if let policy, let first = PolicyLint.lint(text: policy, type: .session).first(where: { $0.severity == .error }) {
            throw ServiceError(code: "MalformedPolicyDocument", status: 400, message: first.description)
        }
    }

    /// Each session policy ARN must name a managed policy that exists.
    static func requireManagedPolicies(_ arns: [String], _ tx: Transaction) async throws {
        for arn in arns where try await tx.principalPolicies.managedPolicyDocument(arn: arn) == nil {
            throw ServiceError(code: "InvalidParameterValue", status: 400, message: "Policy \(arn) does not exist or is not attachable.")
        }
    }
}
