import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Temporary credentials for a user: GetSessionToken (the user itself, for a while) and GetFederationToken (a
/// federated user whose permissions are the IAM user's narrowed by the session policies). What such credentials may
/// call is limited by SessionCredentialRules.
extension STSOperations {
    /// AWS's limits: 15 minutes to 36 hours, 12 hours unless asked; a root user's session at most one hour.
    private static func duration(_ asked: Int?, root: Bool) throws(ServiceError) -> Int {
        if let asked, !(900...129_600).contains(asked) {
            throw ServiceError.validation("durationSeconds", "Member must have value between 900 and 129600")
        }
        return min(asked ?? 43_200, root ? 3_600 : 129_600)
    }

    static let getSessionToken = Operation<STSModel.GetSessionTokenInput, STSModel.SessionTokenOutput>(OperationCatalogue.getSessionToken) {
        input, ctx in
        let who = ctx.facts.principal
        guard who.session == nil, who.type == .iamUser || who.type == .root else {
            throw ServiceError(code: "AccessDeniedException", status: 403, message: "Cannot call GetSessionToken with session credentials")
        }
        let seconds = try duration(input.DurationSeconds, root: who.type == .root)
        // With an MFA code: the session is MFA-authenticated (aws:MultiFactorAuthPresent, and IAM calls allowed).
        var mfaAt: Date?
        if let presented = try MFACodeCheck.presented(serialNumber: input.SerialNumber, tokenCode: input.TokenCode) {
            _ = try await MFACodeCheck.verify(presented, caller: who, time: ctx.facts.time, tx: ctx.tx, spend: true)
            mfaAt = ctx.facts.time
        }
        let session = try await ctx.tx.sessions.issue(
            .user, account: who.account, userId: who.type == .iamUser ? who.principalId : nil, userArn: who.arn, name: "", duration: seconds,
            sessionPolicy: nil, policyArns: [], tags: [:], mfaAuthenticatedAt: mfaAt, now: ctx.facts.time)
        return STSModel.SessionTokenOutput(Credentials: .init(session))
    }

    static let getFederationToken = Operation<STSModel.GetFederationTokenInput, STSModel.FederationTokenOutput>(
        OperationCatalogue.getFederationToken,
        target: { input, t in
            let name = try federatedName(input.Name)
            let context = TagConditionKeys.request((input.Tags ?? []).compactMap { tag in tag.Key.map { (key: $0, value: tag.Value ?? "") } })
            let account = t.facts.principal.account
            var target = AuthorizationTarget(
                resource: "arn:\(t.partition):sts::\(account.value):federated-user/\(name)", resourceAccount: account.value, context: context)
            // Session tags need sts:TagSession too, as AWS's GetFederationToken does.
            if !(input.Tags ?? []).isEmpty { target.additionalActions = ["sts:TagSession"] }
            return target
        }
    ) { input, ctx in
        let who = ctx.facts.principal
        guard who.session == nil, who.type == .iamUser else {
            throw ServiceError(
                code: "AccessDeniedException", status: 403,
                message: who.session == nil
                    ? "Cannot call GetFederationToken as the account's root user: call it as an IAM user"
                    : "Cannot call GetFederationToken with session credentials")
        }
        let name = try federatedName(input.Name)
        let seconds = try duration(input.DurationSeconds, root: false)
        // The request's policies and tags, checked as AssumeRole's are.
        let request = try SessionPolicies(
            policy: input.Policy, policyArns: (input.PolicyArns ?? []).compactMap(\.arn), tags: (input.Tags ?? []).map { ($0.Key, $0.Value) })
        try lintSessionPolicy(request.policy)
        try await requireManagedPolicies(request.policyArns, ctx.tx)
        let session = try await ctx.tx.sessions.issue(
            .federated, account: who.account, userId: who.principalId, userArn: who.arn, name: name, duration: seconds,
            sessionPolicy: request.policy, policyArns: request.policyArns, tags: request.tags, now: ctx.facts.time)
        return STSModel.FederationTokenOutput(
            Credentials: .init(session), FederatedUser: .init(FederatedUserId: session.assumedRoleId, Arn: session.assumedRoleArn),
            PackedPolicySize: request.packedPolicySize)
    }

    /// GetFederationToken's `Name`: 2–32 of `[\w+=,.@-]`.
    private static func federatedName(_ name: String?) throws(ServiceError) -> String {
        guard let name else { throw ServiceError.missingParameter("name") }
        guard (2...32).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_+=,.@-".contains($0)) }) else {
            throw ServiceError.validation("name", "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 32")
        }
        return name
    }

}
