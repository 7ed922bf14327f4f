import Testing

@testable import CairnPolicy

/// The authorizer builds a request's context only for a bundle that may read it: every statement that reads one
/// (a condition, a variable in a resource) must say so, or its condition would be judged against nothing.
@Suite struct ContextNeedTests {
    func set(_ statements: String..., type: PolicyType = .identity) throws -> CompiledPolicySet {
        CompiledPolicySet([try PolicyDocument.parse(doc(statements.joined(separator: ",")))], type: type)
    }

    @Test func aConditionOrAResourceVariableReadsTheContext() throws {
        #expect(try set(stmt(#""Condition":{"Bool":{"aws:SecureTransport":"true"}}"#)).readsContext)
        #expect(try set(stmt(resource: #""arn:aws:s3:::home/${aws:username}/*""#)).readsContext)
        #expect(try set(stmt(), stmt(resource: #"["arn:aws:s3:::a","arn:aws:s3:::b/${aws:PrincipalTag/team}"]"#)).readsContext)
    }

    @Test func plainStatementsAndEscapesAloneReadNoContext() throws {
        #expect(try !set(stmt()).readsContext)
        #expect(try !set(stmt(resource: #""arn:aws:s3:::bucket/*""#), stmt("Deny", action: #""iam:*""#)).readsContext)
        #expect(try !CompiledPolicySet([], type: .identity).readsContext)
        // A 2008-10-17 policy takes ${…} literally: nothing to substitute, nothing read.
        let literal = CompiledPolicySet(
            [try PolicyDocument.parse(doc(stmt(resource: #""arn:aws:s3:::home/${aws:username}""#), version: "2008-10-17"))], type: .identity)
        #expect(!literal.readsContext)
    }

    @Test func aBundleReadsTheContextWhenAnyOfItsSetsDoes() throws {
        let plain = try set(stmt())
        let conditional = try set(stmt(#""Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#))
        #expect(!PolicyBundle(identity: plain, resource: CompiledPolicySet([], type: .resource)).readsContext)
        #expect(PolicyBundle(identity: plain, resource: CompiledPolicySet([], type: .resource), scpLevels: [plain, conditional]).readsContext)
        var bundle = PolicyBundle(identity: plain, resource: CompiledPolicySet([], type: .resource), session: plain)
        #expect(!bundle.readsContext)
        bundle.rcpLevels = [conditional]
        #expect(bundle.readsContext)
    }

    @Test func aConditionStillHoldsOrFailsOnTheContextItIsGiven() throws {
        let policy = try PolicyDocument.parse(doc(stmt(#""Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}"#)))
        let bundle = PolicyBundle(identity: [policy])
        #expect(bundle.readsContext)
        let principal = RequestPrincipal(arn: Fixture.user, account: Fixture.account)
        let inRegion = AuthorizationRequest(
            principal: principal, action: "cloudtrail:DescribeTrails", resource: "*", context: ["aws:RequestedRegion": .single("us-east-1")])
        let elsewhere = AuthorizationRequest(
            principal: principal, action: "cloudtrail:DescribeTrails", resource: "*", context: ["aws:RequestedRegion": .single("eu-west-1")])
        #expect(PolicyEvaluator.evaluate(inRegion, bundle).decision == .allow)
        #expect(PolicyEvaluator.evaluate(elsewhere, bundle).decision != .allow)
    }
}
