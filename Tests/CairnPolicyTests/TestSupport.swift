import Foundation

@testable import CairnPolicy

/// Shared names so each test reads as the scenario it proves.
enum Fixture {
    static let account = "111111111111"
    static let otherAccount = "222222222222"
    static let user = "arn:aws:iam::111111111111:user/alice"
    static let otherUser = "arn:aws:iam::222222222222:user/carol"
    static let role = "arn:aws:iam::111111111111:role/Dev"
    static let session = "arn:aws:sts::111111111111:assumed-role/Dev/alice-session"
    static let otherSession = "arn:aws:sts::222222222222:assumed-role/Ops/op-session"
    static let federated = "arn:aws:sts::111111111111:federated-user/bob"
    static let root = "arn:aws:iam::111111111111:root"
    static let otherRoot = "arn:aws:iam::222222222222:root"
    static let trail = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main"
    static let otherTrail = "arn:aws:cloudtrail:us-east-1:222222222222:trail/main"
    static let channel = "arn:aws:cloudtrail:us-east-1:111111111111:channel/ch1"
}

/// `{"Version":"2012-10-17","Statement":[…]}` around raw statement JSON.
func doc(_ statements: String..., version: String? = "2012-10-17") -> String {
    let v = version.map { #""Version":"\#($0)","# } ?? ""
    return #"{\#(v)"Statement":[\#(statements.joined(separator: ","))]}"#
}

/// A statement; `extra` is raw JSON members such as `"Condition":{…}` or `"Principal":"*"`. A first argument
/// that starts with a quote is taken as `extra` (so `stmt(#""Principal":"*""#)` reads naturally).
func stmt(
    _ effectOrExtra: String = "Allow", action: String = #""*""#, resource: String? = #""*""#, sid: String? = nil, _ extraMembers: String = ""
) -> String {
    let isMember = effectOrExtra.hasPrefix("\"")
    let effect = isMember ? "Allow" : effectOrExtra
    let extra = isMember ? effectOrExtra : extraMembers
    var members = [#""Effect":"\#(effect)""#, #""Action":\#(action)"#]
    if let resource { members.append(#""Resource":\#(resource)"#) }
    if let sid { members.append(#""Sid":"\#(sid)""#) }
    if !extra.isEmpty { members.append(extra) }
    return "{" + members.joined(separator: ",") + "}"
}

func parsed(_ text: String) throws -> PolicyDocument { try PolicyDocument.parse(text) }

/// Evaluates one request against policy texts.
func evaluate(
    principal: String = Fixture.user, action: String, resource: String = "*", resourceAccount: String? = nil,
    context: [String: ContextValue] = [:], tags: [String: String] = [:], isManagementAccount: Bool = false,
    orgPaths: [String] = [], roleArn: String? = nil, sourceUserArn: String? = nil,
    identity: [String] = [], resourcePolicies: [String] = [], boundaries: [String] = [], sessionPolicies: [String] = [],
    scps: [[String]] = [], resourcePolicyKind: PolicyBundle.ResourcePolicyKind? = nil
) throws -> EvaluationResult {
    let p = RequestPrincipal(
        arn: principal, tags: tags, orgPaths: orgPaths, isManagementAccount: isManagementAccount, roleArn: roleArn,
        sourceUserArn: sourceUserArn)
    let request = AuthorizationRequest(principal: p, action: action, resource: resource, resourceAccount: resourceAccount, context: context)
    let bundle = PolicyBundle(
        identity: try identity.map(parsed), resource: try resourcePolicies.map(parsed), boundaries: try boundaries.map(parsed),
        sessionPolicies: try sessionPolicies.map(parsed), scps: try scps.map { try $0.map(parsed) },
        resourcePolicyKind: resourcePolicyKind)
    return PolicyEvaluator.evaluate(request, bundle)
}

/// Evaluates a single condition block (raw JSON object text) in an Allow-all identity policy.
func conditionHolds(
    _ condition: String, context: [String: ContextValue] = [:], principal: String = Fixture.user, tags: [String: String] = [:],
    version: String? = "2012-10-17"
) throws -> Bool {
    let policy = doc(stmt(#""Condition":\#(condition)"#), version: version)
    return try evaluate(principal: principal, action: "cloudtrail:ListTrails", context: context, tags: tags, identity: [policy]).decision == .allow
}

/// Whether a Resource pattern (raw JSON string) grants access to `resource`.
func resourceMatches(_ pattern: String, _ resource: String, context: [String: ContextValue] = [:], tags: [String: String] = [:]) throws -> Bool {
    let policy = doc(stmt(resource: pattern))
    return try evaluate(action: "cloudtrail:GetTrail", resource: resource, context: context, tags: tags, identity: [policy]).decision == .allow
}

/// Whether an Action pattern (raw JSON) covers `action`.
func actionMatches(_ pattern: String, _ action: String, negated: Bool = false) throws -> Bool {
    let policy =
        negated
        ? doc(#"{"Effect":"Allow","NotAction":\#(pattern),"Resource":"*"}"#)
        : doc(stmt(action: pattern))
    return try evaluate(action: action, identity: [policy]).decision == .allow
}
