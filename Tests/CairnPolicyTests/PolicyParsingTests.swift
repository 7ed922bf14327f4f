import Testing

@testable import CairnPolicy

@Suite("Parsing policy documents")
struct PolicyParsingTests {
    func failure(_ text: String) -> PolicyParseError? {
        do {
            _ = try PolicyDocument.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func acceptsStatementAsSingleObjectOrArrayAndStringOrArrayValues() throws {
        let single = try parsed(
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::c/*"]}}"#)
        #expect(single.statements.count == 1)
        #expect(single.statementWasObject)
        #expect(single.statements[0].action == .action(["s3:GetObject"]))
        #expect(single.statements[0].resource == .resource(["arn:aws:s3:::b/*", "arn:aws:s3:::c/*"]))
    }

    @Test func namesTheUnknownOperatorWithItsPath() {
        let text = doc(stmt(), stmt(#""Condition":{"StringEqualz":{"aws:username":"x"}}"#))
        #expect(failure(text)?.description == "Statement[1].Condition: unknown operator StringEqualz")
    }

    @Test func parsesQualifiedAndIfExistsOperators() throws {
        let d = try parsed(doc(stmt(#""Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*"]}}"#)))
        let op = d.statements[0].conditions[0].op
        #expect(op.qualifier == .forAnyValue && op.base == .stringLike && op.ifExists)
        #expect(op.description == "ForAnyValue:StringLikeIfExists")
    }

    @Test func nullHasNoIfExistsForm() {
        #expect(ConditionOperator("NullIfExists") == nil)
        #expect(ConditionOperator("Null") != nil)
        #expect(ConditionOperator("ForSomeValues:StringEquals") == nil)
    }

    @Test func conditionValuesMayBeNumbersOrBooleansAsWritten() throws {
        let d = try parsed(doc(stmt(#""Condition":{"NumericLessThan":{"s3:max-keys":10.0},"Bool":{"aws:SecureTransport":true}}"#)))
        #expect(d.statements[0].conditions.map(\.values) == [["10.0"], ["true"]])
    }

    @Test(arguments: [
        (#"{"Statement":[{"Action":"*","Resource":"*"}]}"#, "Statement[0].Effect: missing required element"),
        (#"{"Statement":[{"Effect":"Allow","Resource":"*"}]}"#, "Statement[0].Action: missing required element (Action or NotAction)"),
        (
            #"{"Statement":[{"Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*"}]}"#,
            "Statement[0].NotAction: a statement takes exactly one of Action or NotAction"
        ),
        (#"{"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}"#, "Statement[0].Effect: must be \"Allow\" or \"Deny\""),
        (#"{"Version":"2013-01-01","Statement":[]}"#, "Version: unsupported version \"2013-01-01\" (use 2012-10-17)"),
        (#"{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}"#, "Statement[0].Action: must not be an empty array"),
        (#"{"Statement":[{"Effect":"Allow","Action":["s3:A",3],"Resource":"*"}]}"#, "Statement[0].Action[1]: must be a string, found number"),
        (
            #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":{"Aws":"*"}}]}"#,
            "Statement[0].Principal.Aws: unknown principal type \"Aws\" (AWS, Service, Federated or CanonicalUser)"
        ),
        (
            #"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"k":"maybe"}}}]}"#,
            "Statement[0].Condition.Null.k: Null takes \"true\" or \"false\", found \"maybe\""
        ),
        (#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Extra":1}]}"#, "Statement[0].Extra: unknown element \"Extra\""),
        (#"{"Version":"2012-10-17"}"#, "Statement: missing required element"),
        (#"[1]"#, "policy document must be a JSON object, found array"),
    ])
    func rejectsMalformedDocumentsWithThePathOfTheProblem(_ text: String, _ expected: String) {
        #expect(failure(text)?.description == expected)
    }

    @Test func absentVersionMeansVariablesAreLiteral() throws {
        #expect(try parsed(doc(stmt(), version: nil)).substitutesVariables == false)
        #expect(try parsed(doc(stmt(), version: "2008-10-17")).substitutesVariables == false)
        #expect(try parsed(doc(stmt())).substitutesVariables)
    }

    @Test func principalForms() throws {
        let d = try parsed(
            doc(
                stmt(#""Principal":"*""#),
                stmt(
                    #""Principal":{"AWS":["111111111111","arn:aws:iam::222222222222:root"],"Service":"cloudtrail.amazonaws.com","Federated":"cognito-identity.amazonaws.com","CanonicalUser":"abc"}"#
                ),
                stmt("Deny", #""NotPrincipal":{"AWS":"arn:aws:iam::111111111111:user/alice"}"#)))
        #expect(d.statements[0].principal == .principal(PrincipalSet(wildcard: true)))
        #expect(d.statements[1].principal?.set.service == ["cloudtrail.amazonaws.com"])
        #expect(d.statements[1].principal?.set.canonicalUser == ["abc"])
        #expect(d.statements[2].principal?.isNegated == true)
    }
}
