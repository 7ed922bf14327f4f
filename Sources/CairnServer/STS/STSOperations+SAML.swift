import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// sts:AssumeRoleWithSAML: temporary credentials for a role, for a caller with no AWS credentials whose SAML
/// identity provider vouches for it. The Response is verified before any policy is read: the provider must be
/// registered in the role's account, a signature by a key in its metadata must cover the assertion, and the
/// assertion's issuer, audience, recipient and times must be right (SAMLResponseValidator). The Role attribute must
/// pair this role with this provider; the role's trust policy then decides, with the `saml:` condition keys. Each
/// assertion is exchanged once (docs/behaviour.md).
extension STSOperations {
    static let assumeRoleWithSAML = Operation<STSModel.AssumeRoleWithSAMLInput, STSModel.AssumeRoleWithSAMLOutput>(
        OperationCatalogue.assumeRoleWithSAML, target: { input, t in try await samlTarget(input, t) }
    ) { input, ctx in
        let named = try input.named()
        // Verified again against the provider as this transaction sees it: one updated or deleted since the
        // target step is the caller's refusal, not a failure of ours.
        guard let provider = try await ctx.tx.samlProviders.find(account: named.account, name: named.providerName) else {
            throw samlProviderMissing
        }
        let principalArn = ctx.facts.principal.arn
        let claims = try verified(input, provider: provider, at: ctx.facts.time)
        guard claims.role(named.roleArn, provider: principalArn) != nil,
            let role = try await ctx.tx.roles.find(account: named.account, name: named.roleName)
        else { throw noTrust(ctx.facts, roleArn: named.roleArn) }
        let request = try input.checked(claims)
        ctx.recordResources([
            .init(ARN: role.arn, accountId: role.account.value, type: "AWS::IAM::Role"),
            .init(ARN: principalArn, accountId: named.account.value, type: "AWS::IAM::SAMLProvider"),
        ])
        var duration = try federatedDuration(request, role: role)
        // The IdP's SessionNotOnOrAfter ends the session sooner, as AWS documents; one already past (within the clock
        // skew the validator allows) would issue credentials that never work, so it is refused as expired.
        if let end = claims.sessionNotOnOrAfter {
            let remaining = Int(end.timeIntervalSince(ctx.facts.time))
            guard remaining > 0 else {
                throw ServiceError(
                    code: "ExpiredTokenException", status: 400, message: SAMLRefusal.expired(what: "authentication session", at: end).description)
            }
            duration = min(duration, remaining)
        }
        try await requireManagedPolicies(request.policyArns, ctx.tx)
        let spent = try await ctx.tx.samlAssertionUses.spend(
            account: named.account, provider: named.providerName, assertionID: claims.assertionID,
            until: claims.notOnOrAfter.addingTimeInterval(SAMLResponseValidator.defaultClockSkew), now: ctx.facts.time)
        guard spent else { throw WebIdentityToken.invalid("The SAML assertion \(claims.assertionID) has already been used.") }
        let session = try await ctx.tx.sessions.issue(
            role: role, sessionName: request.sessionName, duration: duration, sessionPolicy: request.policy,
            policyArns: request.policyArns, tags: request.tags, sourceIdentity: request.sourceIdentity, issuedBy: principalArn,
            now: ctx.facts.time)
        return STSModel.AssumeRoleWithSAMLOutput(
            Credentials: .init(session),
            AssumedRoleUser: .init(AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn),
            PackedPolicySize: request.packedPolicySize, Subject: claims.subject, SubjectType: claims.subjectType,
            Issuer: claims.issuer, Audience: claims.audience,
            NameQualifier: SAMLNameQualifier.value(issuer: claims.issuer, accountID: named.account.value, providerName: named.providerName),
            SourceIdentity: request.sourceIdentity)
    }

    /// Who an unsigned AssumeRoleWithSAML call is, as the door records it before anything is verified: the
    /// assertion's subject and the name qualifier of its issuer and the provider, in the role's account (where AWS
    /// records the call). A call whose ARNs cannot be read names no account to record it in, and is refused unrecorded.
    static func samlCaller(_ input: STSModel.AssumeRoleWithSAMLInput, partition: String) throws(ServiceError) -> Principal {
        let named = try input.named()
        let claimed = input.SAMLAssertion.flatMap(SAMLUnverifiedResponse.init(base64Response:))
        return .saml(
            providerArn: SAMLProviderRules.arn(partition: partition, account: named.account, name: named.providerName),
            nameQualifier: SAMLNameQualifier.value(
                issuer: claimed?.issuer ?? "", accountID: named.account.value, providerName: named.providerName),
            subject: claimed?.subject ?? "", roleAccount: named.account)
    }

    private static var samlProviderMissing: ServiceError { WebIdentityToken.invalid("Specified provider doesn't exist") }

    /// The claims of a Response the provider's metadata vouches for, or STS's refusal: an IdP that reported a
    /// failure is IDPRejectedClaim, an expired assertion ExpiredTokenException, anything else InvalidIdentityToken.
    private static func verified(
        _ input: STSModel.AssumeRoleWithSAMLInput, provider: SAMLProviderRecord, at now: Date
    ) throws(ServiceError)
        -> SAMLClaims
    {
        let metadata: SAMLMetadata
        let keys: SAMLProviderKeys
        do {
            metadata = try SAMLMetadata(document: provider.metadata)
            keys = try SAMLProviderKeys(metadata: metadata)
        } catch {
            throw WebIdentityToken.invalid("The SAML provider's metadata can no longer be read: \(error)")
        }
        if metadata.isExpired(at: now) { throw WebIdentityToken.invalid("The SAML provider's metadata has expired (validUntil).") }
        do {
            return try SAMLResponseValidator(provider: metadata).validate(base64Response: input.SAMLAssertion ?? "", at: now, cryptography: keys)
        } catch {
            switch error {
            case .statusNotSuccess: throw ServiceError(code: "IDPRejectedClaim", status: 403, message: error.description)
            case .expired: throw ServiceError(code: "ExpiredTokenException", status: 400, message: error.description)
            default: throw WebIdentityToken.invalid(error.description)
            }
        }
    }

    private static func samlTarget(_ input: STSModel.AssumeRoleWithSAMLInput, _ t: TargetContext) async throws -> AuthorizationTarget {
        let named = try input.named()
        try lintSessionPolicy(input.Policy)
        let (provider, role) = try await t.read { tx in
            (
                try await tx.samlProviders.find(account: named.account, name: named.providerName),
                try await tx.roles.find(account: named.account, name: named.roleName)
            )
        }
        guard let provider else { throw samlProviderMissing }
        let claims = try verified(input, provider: provider, at: t.facts.time)
        // The IdP must have granted this role through this provider; a trust policy cannot widen that.
        guard claims.role(named.roleArn, provider: t.facts.principal.arn) != nil else {
            throw noTrust(t.facts, roleArn: named.roleArn)
        }
        let request = try input.checked(claims)
        let nameQualifier = SAMLNameQualifier.value(issuer: claims.issuer, accountID: named.account.value, providerName: named.providerName)
        let context = SAMLConditionKeys.context(claims, nameQualifier: nameQualifier, doc: "\(named.account.value)/\(named.providerName)")
        return trustTarget(request, role: role, context: context)
    }
}
