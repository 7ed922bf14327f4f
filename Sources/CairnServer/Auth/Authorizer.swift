import CairnCore

/// Decides whether a principal may run a catalogue operation. Deny by default: a call is allowed only by a
/// rule below, and operator-only operations are never allowed outside the operator account.
struct Authorizer: Sendable {
    let operatorAccount: AccountId
    let partition: String

    /// The resource ARN an operation acts on, as the denial message names it.
    func resource(for facts: CallFacts) -> String {
        switch facts.operation.resource {
        case .any: "*"
        case .account, .organization: "arn:\(partition):iam::\(facts.principal.account):root"
        case .trail: "arn:\(partition):cloudtrail:\(facts.region):\(facts.principal.account):trail/*"
        }
    }

    /// nil when allowed; otherwise the refusal, worded as AWS words it.
    func refusal(for facts: CallFacts) -> ServiceError? {
        let op = facts.operation
        if op.alwaysAllowed { return nil }
        if op.operatorOnly && facts.principal.account != operatorAccount {
            return denial(facts, because: "no identity-based policy allows the \(op.action) action")
        }
        // The root user has full power inside its own account.
        if facts.principal.type == .root { return nil }
        return denial(facts, because: "no identity-based policy allows the \(op.action) action")
    }

    private func denial(_ facts: CallFacts, because reason: String) -> ServiceError {
        .accessDenied(principal: facts.principal.arn, action: facts.operation.action, resource: resource(for: facts), reason: reason)
    }
}
