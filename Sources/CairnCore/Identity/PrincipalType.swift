/// The kinds of caller, named as CloudTrail's userIdentity.type names them.
package enum PrincipalType: String, Sendable, Codable {
    case root = "Root"
    case iamUser = "IAMUser"
    case assumedRole = "AssumedRole"
    /// A session of sts:GetFederationToken: `arn:aws:sts::A:federated-user/<name>`.
    case federatedUser = "FederatedUser"
    case awsAccount = "AWSAccount"
    case awsService = "AWSService"
    /// A caller of sts:AssumeRoleWithWebIdentity, known only by its identity provider's token.
    case webIdentityUser = "WebIdentityUser"
    /// A caller of sts:AssumeRoleWithSAML, known only by its SAML identity provider's assertion.
    case samlUser = "SAMLUser"

    /// A caller from outside every account, vouched for by an identity provider: no identity policy, permissions
    /// boundary or SCP speaks for it, only the role's trust policy.
    package var isExternalIdentity: Bool { self == .webIdentityUser || self == .samlUser }
}
