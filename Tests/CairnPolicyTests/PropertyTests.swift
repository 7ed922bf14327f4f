import PropertyBased
import Testing

@testable import CairnPolicy

/// Random policy worlds built from a vocabulary of statements that exercise actions, resources, conditions
/// and NotAction/NotResource, evaluated against random requests.
enum World {
    static let allows: [String] = [
        stmt(sid: "A0"),
        stmt(action: #""cloudtrail:Get*""#, sid: "A1"),
        stmt(action: #"["cloudtrail:List*","cloudtrail:Describe*"]"#, sid: "A2"),
        stmt(action: #""cloudtrail:*""#, resource: #""arn:aws:cloudtrail:us-east-1:111111111111:trail/*""#, sid: "A3"),
        stmt(action: #""s3:*""#, sid: "A4"),
        #"{"Sid":"A5","Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#,
        stmt(action: #""cloudtrail:*""#, sid: "A6", #""Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#),
        stmt(action: #""*""#, sid: "A7", #""Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#),
        #"{"Sid":"A8","Effect":"Allow","Action":"cloudtrail:*","NotResource":"arn:aws:cloudtrail:*:*:trail/secret"}"#,
        stmt(action: #""iam:Get*""#, sid: "A9"),
    ]
    static let denies: [String] = [
        stmt("Deny", action: #""cloudtrail:StopLogging""#, sid: "D0"),
        stmt("Deny", action: #""*""#, sid: "D1", #""Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}"#),
        stmt("Deny", action: #""cloudtrail:Delete*""#, resource: #""arn:aws:cloudtrail:*:*:trail/prod*""#, sid: "D2"),
        #"{"Sid":"D3","Effect":"Deny","NotAction":["cloudtrail:*","s3:*"],"Resource":"*"}"#,
        stmt("Deny", action: #""*""#, sid: "D4", #""Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#),
        stmt("Deny", action: #""iam:*""#, sid: "D5"),
    ]
    static let vocabulary = allows + denies
    static let actions = [
        "cloudtrail:GetTrail", "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:ListTrails", "s3:GetObject", "iam:CreateUser",
        "iam:GetUser", "sts:AssumeRole",
    ]
    static let resources = [
        "*", "arn:aws:cloudtrail:us-east-1:111111111111:trail/prod-main", "arn:aws:cloudtrail:eu-west-1:111111111111:trail/secret",
        "arn:aws:s3:::bucket/key",
    ]
    static let contexts: [[String: ContextValue]] = [
        [:], ["aws:RequestedRegion": .single("us-east-1")],
        ["aws:RequestedRegion": .single("eu-west-1"), "aws:MultiFactorAuthPresent": .single("true")],
        ["aws:MultiFactorAuthPresent": .single("false")],
    ]
    static let principals = [Fixture.user, Fixture.session, Fixture.root]

    struct Scenario: Sendable, CustomStringConvertible {
        var policies: [[Int]]
        var request: [Int]
        var description: String { "policies \(policies) request \(request)" }

        var texts: [String] { policies.map { doc(statements: $0.map { World.vocabulary[$0] }) } }

        func run(identity: [String]? = nil, boundaries: [String] = [], scps: [[String]] = []) throws -> EvaluationResult {
            try evaluate(
                principal: World.principals[request[0] % World.principals.count], action: World.actions[request[1] % World.actions.count],
                resource: World.resources[request[2] % World.resources.count], context: World.contexts[request[3] % World.contexts.count],
                identity: identity ?? texts, boundaries: boundaries, scps: scps)
        }
    }

    static let scenario = zip(
        Gen.int(in: 0...(vocabulary.count - 1)).array(of: 1...4).array(of: 1...3),
        Gen.int(in: 0...100).array(of: 4)
    ).map { Scenario(policies: $0, request: $1) }
}

func doc(statements: [String]) -> String { #"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"# }

@Suite("Properties of evaluation")
struct PropertyTests {
    @Test func addingADenyStatementNeverTurnsADenialIntoAnAllow() async {
        await propertyCheck(count: 300, input: World.scenario, Gen.int(in: 0...(World.denies.count - 1)), Gen.int(in: 0...2)) { s, d, where_ in
            let before = try s.run()
            var more = s
            more.policies[where_ % more.policies.count].append(World.allows.count + d)
            let after = try more.run()
            if before.decision != .allow { #expect(after.decision != .allow, "\(s)") }
            if before.decision == .explicitDeny { #expect(after.decision == .explicitDeny, "\(s)") }
        }
    }

    @Test func addingAnAllowStatementNeverTurnsAnAllowIntoADenial() async {
        await propertyCheck(count: 300, input: World.scenario, Gen.int(in: 0...(World.allows.count - 1))) { s, a in
            let before = try s.run()
            var more = s
            more.policies[0].append(a)
            if before.decision == .allow { #expect(try more.run().decision == .allow, "\(s)") }
        }
    }

    @Test func statementAndPolicyOrderNeverMatter() async {
        await propertyCheck(count: 300, input: World.scenario) { s in
            let before = try s.run()
            var shuffled = s
            shuffled.policies = s.policies.map { $0.reversed() }.reversed()
            let after = try shuffled.run()
            #expect(after.decision == before.decision, "\(s)")
            #expect(after.decidingPolicyType == before.decidingPolicyType, "\(s)")
            let sids = { (r: EvaluationResult) in r.matchedStatements.map { "\($0.sid ?? "")/\($0.effect.rawValue)" }.sorted() }
            #expect(sids(after) == sids(before), "\(s)")
            #expect(Set(after.missingContextKeys) == Set(before.missingContextKeys), "\(s)")
        }
    }

    @Test func boundariesAndSCPsNeverGrant() async {
        await propertyCheck(count: 300, input: World.scenario) { s in
            let before = try s.run()
            guard before.decision != .allow else { return }
            let everything = doc(stmt())
            #expect(try s.run(boundaries: [everything]).decision != .allow, "\(s)")
            #expect(try s.run(scps: [[everything], [everything]]).decision != .allow, "\(s)")
        }
    }

    @Test func evaluationIsDeterministic() async {
        await propertyCheck(count: 100, input: World.scenario) { s in
            let first = try s.run()
            let second = try s.run()
            #expect(first == second)
        }
    }
}
