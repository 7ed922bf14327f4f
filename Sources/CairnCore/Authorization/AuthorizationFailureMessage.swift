package import CairnPolicy

/// What sts:DecodeAuthorizationMessage reveals about a refused call, in the shape AWS's decoded messages have:
/// whether it was allowed, whether an explicit deny decided it, the statements that matched, and the request's
/// context (principal, action, resource and every condition key with its values). Cairn's REST door hands the
/// encoded form to the refused caller; only a principal of the same account allowed sts:DecodeAuthorizationMessage
/// can read it.
package struct AuthorizationFailureMessage: Sendable, Equatable {
    /// The refused caller's account: the only one the message opens for.
    package let account: AccountId
    package let principalId: String
    package let principalName: String?
    package let principalArn: String
    package let action: String
    package let resource: String
    package let explicitDeny: Bool
    package let matched: [MatchedStatement]
    package let conditions: [String: ContextValue]

    package init(
        account: AccountId, principalId: String, principalName: String?, principalArn: String, action: String, resource: String, explicitDeny: Bool,
        matched: [MatchedStatement], conditions: [String: ContextValue]
    ) {
        self.account = account
        self.principalId = principalId
        self.principalName = principalName
        self.principalArn = principalArn
        self.action = action
        self.resource = resource
        self.explicitDeny = explicitDeny
        self.matched = matched
        self.conditions = conditions
    }

    /// The decoded message's JSON, keys as AWS spells them (`items` lists, condition values as `{"value": …}`).
    package var json: JSONValue {
        func items(_ values: [JSONValue]) -> JSONValue { .object(["items": .array(values)]) }
        let principal: JSONValue =
            if let principalName {
                .object(["id": .string(principalId), "name": .string(principalName), "arn": .string(principalArn)])
            } else {
                .object(["id": .string(principalId), "arn": .string(principalArn)])
            }
        let statements = matched.map { m -> JSONValue in
            .object([
                "statementId": .string(m.sid ?? ""), "effect": .string(m.effect == .deny ? "DENY" : "ALLOW"),
                "policyType": .string(m.policyType.rawValue),
            ])
        }
        let keys = conditions.keys.sorted().map { key -> JSONValue in
            let values: [String] =
                switch conditions[key] {
                case .single(let v): [v]
                case .multiple(let vs): vs
                case nil: []
                }
            return .object(["key": .string(key), "values": items(values.map { .object(["value": .string($0)]) })])
        }
        return .object([
            "allowed": .bool(false), "explicitDeny": .bool(explicitDeny), "matchedStatements": items(statements), "failures": items([]),
            "context": .object([
                "principal": principal, "action": .string(action), "resource": .string(resource), "conditions": items(keys),
            ]),
        ])
    }
}
