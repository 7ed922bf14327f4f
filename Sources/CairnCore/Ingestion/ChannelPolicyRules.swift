import CairnPolicy

/// What a channel's resource-based policy may say (PutResourcePolicy), as AWS documents it: 1–8,192
/// characters, 1–20 statements, each with 1–50 AWS principals and the one action
/// `cloudtrail-data:PutAuditEvents`, on the channel it is attached to.
package enum ChannelPolicyRules {
    package static let maximumLength = 8192
    package static let maximumStatements = 20
    package static let maximumPrincipals = 50
    package static let action = "cloudtrail-data:PutAuditEvents"
    /// The condition key the `externalId` of PutAuditEvents fills, for policies that guard a partner's
    /// integration against the confused deputy.
    package static let externalIdKey = "cloudtrail:ExternalId"

    package static func validate(_ text: String?, channelArn: String) throws(ServiceError) -> String {
        guard let text, !text.isEmpty else { throw ServiceError.missingParameter("ResourcePolicy") }
        func invalid(_ why: String) -> ServiceError {
            ServiceError(code: "ResourcePolicyNotValidException", status: 400, message: "The resource policy is not valid: \(why)")
        }
        guard text.count <= maximumLength else { throw invalid("it is longer than \(maximumLength) characters.") }
        let document: PolicyDocument
        do { document = try PolicyDocument.parse(text) } catch { throw invalid("\(error)") }
        guard (1...maximumStatements).contains(document.statements.count) else {
            throw invalid("it must have 1 to \(maximumStatements) statements.")
        }
        for statement in document.statements {
            guard case .principal(let principals) = statement.principal, !principals.wildcard || !principals.aws.isEmpty,
                (1...maximumPrincipals).contains(principals.aws.count), principals.service.isEmpty, principals.federated.isEmpty
            else { throw invalid("each statement needs 1 to \(maximumPrincipals) AWS principals.") }
            guard case .action(let actions) = statement.action, actions == [action] else {
                throw invalid("the only action allowed is \(action).")
            }
            guard case .resource(let resources) = statement.resource, resources.allSatisfy({ $0 == channelArn }) else {
                throw invalid("the resource must be the channel the policy is attached to, \(channelArn).")
            }
        }
        return text
    }
}
