/// What STS lets temporary credentials of a user call, whatever their policies say (STS API reference,
/// GetSessionToken and GetFederationToken): a user's own session without MFA calls no IAM operation, and calls no STS
/// operation but AssumeRole and GetCallerIdentity; a federated user calls no IAM operation and no STS operation but
/// GetCallerIdentity (which is always allowed before this is asked).
package enum SessionCredentialRules {
    /// nil when the rule allows the call; otherwise the tail of the refusal's message.
    package static func refusal(of principal: Principal, calling op: CatalogueOperation) -> String? {
        guard let session = principal.session else { return nil }
        switch principal.type {
        case .federatedUser where op.service == .iam || op.service == .sts:
            return "because a federated user's session cannot call \(op.service.actionPrefix) operations"
        case .iamUser, .root:
            // Only a user's own session (GetSessionToken) has no issuer; a console session acts as the user itself.
            guard session.issuerType == nil, !session.fromConsole else { return nil }
            if op.service == .iam && !session.mfaAuthenticated {
                return "because credentials from GetSessionToken call IAM only when the session was authenticated with MFA"
            }
            if op.service == .sts && op.name != "AssumeRole" {
                return "because credentials from GetSessionToken cannot call sts:\(op.name)"
            }
            return nil
        default:
            return nil
        }
    }
}
