package import Foundation

/// An authenticated caller, as the authenticator resolved it from the request's credentials.
package struct Principal: Sendable, Equatable {
    package let type: PrincipalType
    package let account: AccountId
    /// The caller's ARN: `arn:aws:iam::A:root`, `arn:aws:iam::A:user/N`, `arn:aws:sts::A:assumed-role/R/S`.
    package let arn: String
    /// The unique id AWS reports as UserId / principalId (the account id for a root user).
    package let principalId: String
    package let accessKeyId: String
    package let userName: String?
    package let tags: [String: String]
    /// For temporary credentials: who issued them and when (CloudTrail's sessionContext). For a role session the
    /// role; for a federated user's session (GetFederationToken) the IAM user, in the same fields; for a user's own
    /// session (GetSessionToken) no issuer.
    package let session: RoleSession?
    /// For an external identity (`WebIdentityUser`, `SAMLUser`): what CloudTrail writes as identityProvider.
    package let identityProvider: String?

    package struct RoleSession: Sendable, Equatable {
        package let roleArn: String
        package let roleId: String
        package let roleName: String
        package let sessionName: String
        package let issuedAt: Date
        package let expiresAt: Date
        package let sourceIdentity: String?
        /// For a session from sts:AssumeRoleWithWebIdentity: the OpenID Connect provider's ARN.
        package let federatedProvider: String?
        /// CloudTrail's sessionIssuer.type: `Role`, `IAMUser` (a federated user's session), or nil when the
        /// credentials act as their issuer itself (GetSessionToken).
        package let issuerType: String?
        /// When an MFA code was checked for the session (aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge); nil
        /// without MFA.
        package let mfaAuthenticatedAt: Date?
        package var mfaAuthenticated: Bool { mfaAuthenticatedAt != nil }
        /// A console session (signed in at /console): the user itself, recorded with `sessionCredentialFromConsole`.
        package let fromConsole: Bool
        package init(
            roleArn: String, roleId: String, roleName: String, sessionName: String, issuedAt: Date, expiresAt: Date,
            sourceIdentity: String? = nil, federatedProvider: String? = nil, issuerType: String? = "Role", mfaAuthenticatedAt: Date? = nil,
            fromConsole: Bool = false
        ) {
            self.fromConsole = fromConsole
            self.roleArn = roleArn
            self.roleId = roleId
            self.roleName = roleName
            self.sessionName = sessionName
            self.issuedAt = issuedAt
            self.expiresAt = expiresAt
            self.sourceIdentity = sourceIdentity
            self.federatedProvider = federatedProvider
            self.issuerType = issuerType
            self.mfaAuthenticatedAt = mfaAuthenticatedAt
        }
    }

    package init(
        type: PrincipalType, account: AccountId, arn: String, principalId: String, accessKeyId: String,
        userName: String? = nil, tags: [String: String] = [:], session: RoleSession? = nil, identityProvider: String? = nil
    ) {
        self.type = type
        self.account = account
        self.arn = arn
        self.principalId = principalId
        self.accessKeyId = accessKeyId
        self.userName = userName
        self.tags = tags
        self.session = session
        self.identityProvider = identityProvider
    }

    /// The caller of sts:AssumeRoleWithWebIdentity: its ARN is the provider's (what a trust policy's `Federated`
    /// principal names), its id `<provider ARN>:<aud>:<sub>` as CloudTrail writes it, and its account the role's,
    /// where the call is recorded.
    package static func webIdentity(providerArn: String, audience: String, subject: String, roleAccount: AccountId) -> Principal {
        Principal(
            type: .webIdentityUser, account: roleAccount, arn: providerArn, principalId: "\(providerArn):\(audience):\(subject)",
            accessKeyId: "", userName: subject, identityProvider: providerArn)
    }

    /// The caller of sts:AssumeRoleWithSAML: its ARN is the SAML provider's (what a trust policy's `Federated`
    /// principal names), its id `<name qualifier>:<subject>` and identityProvider the name qualifier, as CloudTrail
    /// writes them, and its account the role's, where the call is recorded.
    package static func saml(providerArn: String, nameQualifier: String, subject: String, roleAccount: AccountId) -> Principal {
        Principal(
            type: .samlUser, account: roleAccount, arn: providerArn, principalId: "\(nameQualifier):\(subject)", accessKeyId: "",
            userName: subject, identityProvider: nameQualifier)
    }

    package static func root(of account: AccountId, partition: String, accessKeyId: String) -> Principal {
        Principal(
            type: .root, account: account, arn: IAMARN.root(partition: partition, account: account).description,
            principalId: account.value, accessKeyId: accessKeyId)
    }
}
