/// The kinds of caller, named as CloudTrail's userIdentity.type names them.
package enum PrincipalType: String, Sendable, Codable {
    case root = "Root"
    case iamUser = "IAMUser"
    case assumedRole = "AssumedRole"
    case awsAccount = "AWSAccount"
    case awsService = "AWSService"
    /// A caller of sts:AssumeRoleWithWebIdentity, known only by its identity provider's token.
    case webIdentityUser = "WebIdentityUser"
}
