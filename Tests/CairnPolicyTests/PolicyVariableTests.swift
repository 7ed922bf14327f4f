import Testing

@testable import CairnPolicy

@Suite("Policy variables")
struct PolicyVariableTests {
    @Test func usernameSubstitutesInTheResourcePart() throws {
        let pattern = #""arn:aws:s3:::home/${aws:username}/*""#
        #expect(try resourceMatches(pattern, "arn:aws:s3:::home/alice/notes.txt"))
        #expect(try !resourceMatches(pattern, "arn:aws:s3:::home/bob/notes.txt"))
    }

    @Test func variableKeyNamesAreCaseInsensitive() throws {
        #expect(try resourceMatches(#""arn:aws:s3:::home/${AWS:UserName}/*""#, "arn:aws:s3:::home/alice/x"))
    }

    @Test func substitutedValuesAreLiteralNeverWildcards() throws {
        let pattern = #""arn:aws:s3:::home/${aws:PrincipalTag/dir}/x""#
        #expect(try !resourceMatches(pattern, "arn:aws:s3:::home/anything/x", tags: ["dir": "*"]))
        #expect(try resourceMatches(pattern, "arn:aws:s3:::home/*/x", tags: ["dir": "*"]))
    }

    @Test func escapesProduceLiteralCharacters() throws {
        #expect(try resourceMatches(#""arn:aws:s3:::b/${*}${?}${$}""#, "arn:aws:s3:::b/*?$"))
        #expect(try !resourceMatches(#""arn:aws:s3:::b/${*}""#, "arn:aws:s3:::b/x"))
    }

    @Test func defaultValueAppliesWhenTheKeyIsMissing() throws {
        let pattern = #""arn:aws:s3:::teams/${aws:PrincipalTag/team, 'company-wide'}/*""#
        #expect(try resourceMatches(pattern, "arn:aws:s3:::teams/company-wide/doc"))
        #expect(try resourceMatches(pattern, "arn:aws:s3:::teams/platform/doc", tags: ["team": "platform"]))
        #expect(try !resourceMatches(pattern, "arn:aws:s3:::teams/company-wide/doc", tags: ["team": "platform"]))
    }

    @Test func unresolvableVariableInResourceMatchesNothing() throws {
        // A role session has no aws:username.
        let policy = doc(stmt(resource: #""arn:aws:s3:::home/${aws:username}/*""#))
        let r = try evaluate(principal: Fixture.session, action: "s3:GetObject", resource: "arn:aws:s3:::home//x", identity: [policy])
        #expect(r.decision == .implicitDeny)
        #expect(r.missingContextKeys == ["aws:username"])
    }

    @Test func unresolvableVariableIsNoMatchForPositiveAndNotEqualForNegatedOperators() throws {
        #expect(
            try !conditionHolds(
                #"{"StringEquals":{"aws:RequestTag/team":"${aws:PrincipalTag/team}"}}"#, context: ["aws:RequestTag/team": .single("x")]))
        #expect(
            try conditionHolds(
                #"{"StringNotEquals":{"aws:RequestTag/team":"${aws:PrincipalTag/team}"}}"#, context: ["aws:RequestTag/team": .single("x")]))
        #expect(
            try conditionHolds(
                #"{"StringEquals":{"aws:RequestTag/team":"${aws:PrincipalTag/team}"}}"#, context: ["aws:RequestTag/team": .single("x")],
                tags: ["team": "x"]))
    }

    @Test func multivaluedKeysNeverResolveAsVariables() throws {
        #expect(
            try !conditionHolds(
                #"{"StringEquals":{"k:one":"${aws:PrincipalOrgPaths}"}}"#, context: ["k:one": .single("o-1/r-1/")], principal: Fixture.user))
        let request = AuthorizationRequest(principal: RequestPrincipal(arn: Fixture.user, orgPaths: ["o-1/r-1/"]), action: "a:b", resource: "*")
        #expect(request.context.singleValue("aws:principalorgpaths") == nil)
    }

    @Test func version2008KeepsVariablesAsLiteralText() throws {
        #expect(try !conditionHolds(#"{"StringEquals":{"k:v":"${aws:username}"}}"#, context: ["k:v": .single("alice")], version: "2008-10-17"))
        #expect(
            try conditionHolds(#"{"StringEquals":{"k:v":"${aws:username}"}}"#, context: ["k:v": .single("${aws:username}")], version: "2008-10-17"))
        #expect(try conditionHolds(#"{"StringEquals":{"k:v":"${aws:username}"}}"#, context: ["k:v": .single("${aws:username}")], version: nil))
    }

    @Test func variablesWorkInArnConditionValues() throws {
        #expect(
            try conditionHolds(
                #"{"ArnLike":{"aws:SourceArn":"arn:aws:iam::*:user/${aws:username}"}}"#, context: ["aws:SourceArn": .single(Fixture.user)]))
    }

    @Test func malformedVariableSyntaxStaysLiteral() {
        let t = VariableTemplate("a${aws:username", substitute: true)
        #expect(!t.hasVariables)
        let d = VariableTemplate("${aws:x, nodefault}", substitute: true)
        #expect(!d.hasVariables)
    }
}
