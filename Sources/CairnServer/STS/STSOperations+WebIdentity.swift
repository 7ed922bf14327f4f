import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// sts:AssumeRoleWithWebIdentity: temporary credentials for a role, for a caller with no AWS credentials whose
/// OpenID Connect identity provider vouches for it. The token is verified before any policy is read: the
/// provider must be registered in the role's account, the signature must hold with a key the provider publishes,
/// and `iss`, `aud`, `sub`, `exp`, `nbf` must be right. The role's trust policy then decides, with the
/// provider's condition keys (`<provider>:sub`, `:aud`, `:amr`).
extension STSOperations {
    static let assumeRoleWithWebIdentity = Operation<STSModel.AssumeRoleWithWebIdentityInput, STSModel.AssumeRoleWithWebIdentityOutput>(
        OperationCatalogue.assumeRoleWithWebIdentity, target: { input, t in try await webIdentityTarget(input, t) }
    ) { input, ctx in
        let token = try WebIdentityToken(parsing: input.WebIdentityToken)
        let request = try input.checked(token)
        // The target step established all of them; a provider, client id or role removed since is the caller's
        // refusal, not a failure of ours.
        guard let provider = try await ctx.tx.oidcProviders.find(account: request.roleAccount, identifier: try providerIdentifier(token)),
            let audience = token.audiences.first(where: provider.clientIds.contains), let subject = token.subject
        else { throw WebIdentityToken.invalid("The OpenIDConnect provider or its client id was removed during the call.") }
        guard let role = try await ctx.tx.roles.find(account: request.roleAccount, name: request.roleName) else {
            throw noTrust(ctx.facts, roleArn: request.roleArn)
        }
        ctx.recordResources([.init(ARN: role.arn, accountId: role.account.value, type: "AWS::IAM::Role")])
        let duration = try federatedDuration(request, role: role)
        try await requireManagedPolicies(request.policyArns, ctx.tx)
        let providerArn = ctx.facts.principal.arn
        let session = try await ctx.tx.sessions.issue(
            role: role, sessionName: request.sessionName, duration: duration, sessionPolicy: request.policy,
            policyArns: request.policyArns, tags: request.tags, sourceIdentity: request.sourceIdentity, issuedBy: providerArn,
            federatedProvider: providerArn, now: ctx.facts.time)
        return STSModel.AssumeRoleWithWebIdentityOutput(
            Credentials: .init(session),
            SubjectFromWebIdentityToken: subject,
            AssumedRoleUser: .init(AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn),
            PackedPolicySize: request.packedPolicySize, Provider: providerArn, Audience: audience,
            SourceIdentity: request.sourceIdentity)
    }

    /// Who an unsigned AssumeRoleWithWebIdentity call is, as the door records it before anything is verified:
    /// the token's provider, audience and subject, in the role's account (where AWS records the call). A call
    /// whose role ARN or token cannot be read at all names no account to record it in, and is refused unrecorded.
    static func webIdentityCaller(_ input: STSModel.AssumeRoleWithWebIdentityInput, partition: String) throws(ServiceError) -> Principal {
        let token = try WebIdentityToken(parsing: input.WebIdentityToken)
        let request = try input.checked(nil)
        let identifier = try providerIdentifier(token)
        return .webIdentity(
            providerArn: OpenIDConnectProviderRules.arn(partition: partition, account: request.roleAccount, identifier: identifier),
            audience: token.audiences.first ?? "", subject: token.subject ?? "", roleAccount: request.roleAccount)
    }

    /// The provider a token names by its `iss`.
    private static func providerIdentifier(_ token: WebIdentityToken) throws(ServiceError) -> String {
        guard let issuer = token.issuer, let identifier = try? OpenIDConnectProviderRules.identifier(url: issuer) else {
            throw WebIdentityToken.invalid("The web identity token's issuer is not an https URL.")
        }
        return identifier
    }

    private static func webIdentityTarget(_ input: STSModel.AssumeRoleWithWebIdentityInput, _ t: TargetContext) async throws -> AuthorizationTarget {
        let token = try WebIdentityToken(parsing: input.WebIdentityToken)
        let request = try input.checked(token)
        try lintSessionPolicy(request.policy)
        let identifier = try providerIdentifier(token)
        let (provider, role) = try await t.read { tx in
            (
                try await tx.oidcProviders.find(account: request.roleAccount, identifier: identifier),
                try await tx.roles.find(account: request.roleAccount, name: request.roleName)
            )
        }
        guard let provider else {
            throw WebIdentityToken.invalid("No OpenIDConnect provider found in your account for \(token.issuer ?? identifier)")
        }
        let keys = try await t.webIdentityKeys.candidates(for: token, provider: provider)
        guard WebIdentitySignature.verify(token, with: keys) else {
            throw WebIdentityToken.invalid("The web identity token's signature could not be verified with the provider's keys.")
        }
        try token.check(issuer: OpenIDConnectProviderRules.issuer(identifier), clientIds: provider.clientIds, now: t.facts.time)
        var context: [String: ContextValue] = [
            "aws:FederatedProvider": .single(t.facts.principal.arn),
            "\(identifier):aud": .single(token.audiences.first(where: provider.clientIds.contains) ?? ""),
            "\(identifier):sub": .single(token.subject ?? ""),
        ]
        if !token.authenticationMethods.isEmpty { context["\(identifier):amr"] = .multiple(token.authenticationMethods) }
        if let email = token.claims["email"]?.stringValue { context["\(identifier):email"] = .single(email) }
        return trustTarget(request, role: role, context: context)
    }
}
