import Testing

@testable import CairnPolicy

@Suite("IAM's simulator: results as SimulatePrincipalPolicy reports them")
struct IAMSimulationTests {
    typealias Source = IAMSimulation.Source
    let alice = RequestPrincipal(arn: "arn:aws:iam::111111111111:user/alice")

    func position(_ line: Int, _ column: Int) -> StatementSpans.Position { .init(line: line, column: column) }

    @Test func aCompactStatementSpansFromItsBraceToOnePastItsClosingBrace() {
        let text = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        let spans = StatementSpans.spans(in: text)
        // The observation in the reference: 1:38 → 1:84 for this 46-character statement.
        #expect(spans == [.init(start: position(1, 38), end: position(1, 84))])
    }

    @Test func aPrettyPrintedStatementStartsJustAfterTheBracketAndEndsOnePastItsBrace() {
        let text = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "*",
                  "Resource": "*"
                },
                {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}
              ]
            }
            """
        let spans = StatementSpans.spans(in: text)
        #expect(spans.count == 2)
        #expect(spans.first == .init(start: position(3, 17), end: position(8, 6)))
        // The second starts just after the comma that ends line 8.
        #expect(spans.last?.start == position(8, 7))
        #expect(spans.last?.end == position(9, 58))
    }

    @Test func aSingleStatementObjectStartsAtItsBraceAndStringsWithBracesDoNotConfuseTheScan() {
        let text =
            "{\n\t\"Statement\": {\"Sid\": \"a}b[\\\"c\", \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},\n\t\"Version\": \"2012-10-17\"\n}"
        let spans = StatementSpans.spans(in: text)
        #expect(spans.count == 1)
        #expect(spans.first?.start == position(2, 15))
        #expect(spans.first?.end.line == 2)
    }

    @Test func eachActionAndResourceIsOneResultWithTheStatementsThatDecidedIt() throws {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::keep"}]}"#
        let sim = try IAMSimulation(
            identity: [Source(id: "PolicyInputList.1", text: policy)], boundary: nil, resourcePolicy: nil, scpLevels: nil, caller: alice,
            resourceOwner: nil, context: [:])
        let allowed = sim.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::keep", explicitResource: true)
        #expect(allowed.decision == .allowed)
        #expect(allowed.matched.map(\.sourcePolicyId) == ["PolicyInputList.1"])
        #expect(allowed.matched.first?.start == position(1, 38))
        #expect(allowed.resourceSpecific?.first?.decision == .allowed)
        #expect(allowed.allowedByOrganizations == nil)

        let denied = sim.evaluate(action: "s3:DeleteBucket", resource: "arn:aws:s3:::keep", explicitResource: true)
        #expect(denied.decision == .explicitDeny)
        // Only the Deny is listed, though the Allow matched too.
        #expect(denied.matched.count == 1)
        #expect(denied.matched.first?.start?.column == 88)

        let none = sim.evaluate(action: "iam:ListUsers", resource: "*", explicitResource: false)
        #expect(none.decision == .implicitDeny)
        #expect(none.matched.isEmpty)
        #expect(none.resourceSpecific == nil)
        #expect(none.decisionDetails == nil)
    }

    @Test func missingContextKeysAreReportedWhereTheResourceWasNamed() throws {
        let policy =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#
        let sim = try IAMSimulation(
            identity: [Source(id: "PolicyInputList.1", text: policy)], boundary: nil, resourcePolicy: nil, scpLevels: nil, caller: alice,
            resourceOwner: nil, context: [:])
        let star = sim.evaluate(action: "s3:GetObject", resource: "*", explicitResource: false)
        #expect(star.decision == .implicitDeny)
        #expect(star.missingContextValues == ["aws:MultiFactorAuthPresent"])
        let named = sim.evaluate(action: "s3:GetObject", resource: "arn:aws:s3:::b/k", explicitResource: true)
        #expect(named.missingContextValues.isEmpty)
        #expect(named.resourceSpecific?.first?.missingContextValues == ["aws:MultiFactorAuthPresent"])

        let withMFA = try IAMSimulation(
            identity: [Source(id: "PolicyInputList.1", text: policy)], boundary: nil, resourcePolicy: nil, scpLevels: nil, caller: alice,
            resourceOwner: nil, context: ["aws:MultiFactorAuthPresent": .single("true")])
        #expect(withMFA.evaluate(action: "s3:GetObject", resource: "*", explicitResource: false).decision == .allowed)
    }

    @Test func organizationsAndBoundaryDetailsSayWhetherEachAllowed() throws {
        let all = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        let noS3 = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#
        let onlyIAM = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#
        let sim = try IAMSimulation(
            identity: [Source(id: "AdministratorAccess", text: all)], boundary: Source(id: "IAMOnly", text: onlyIAM), resourcePolicy: nil,
            scpLevels: [[all, noS3]], caller: alice, resourceOwner: nil, context: [:])
        let s3 = sim.evaluate(action: "s3:ListBucket", resource: "*", explicitResource: false)
        #expect(s3.decision == .explicitDeny)
        #expect(s3.allowedByOrganizations == false)
        // The SCP ended the simulation: no statements of the member's own policies are cited.
        #expect(s3.matched.isEmpty)
        let ec2 = sim.evaluate(action: "ec2:RunInstances", resource: "*", explicitResource: false)
        #expect(ec2.decision == .implicitDeny)
        #expect(ec2.allowedByOrganizations == true)
        #expect(ec2.allowedByPermissionsBoundary == false)
        let iam = sim.evaluate(action: "iam:ListUsers", resource: "*", explicitResource: false)
        #expect(iam.decision == .allowed)
        #expect(iam.allowedByPermissionsBoundary == true)
        #expect(iam.matched.map(\.sourcePolicyId) == ["AdministratorAccess"])
    }

    @Test func aCrossAccountResourceNeedsTheResourcePolicyAndSaysSoInTheDetails() throws {
        let all = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}"#
        let grant =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"sqs:SendMessage","Resource":"*"}]}"#
        let queue = "arn:aws:sqs:us-east-1:222222222222:q"
        let without = try IAMSimulation(
            identity: [Source(id: "PolicyInputList.1", text: all)], boundary: nil, resourcePolicy: nil, scpLevels: nil, caller: alice,
            resourceOwner: nil, context: [:])
        let denied = without.evaluate(action: "sqs:SendMessage", resource: queue, explicitResource: true)
        #expect(denied.decision == .implicitDeny)
        #expect(denied.decisionDetails == ["IAM Policy": "allowed", "Resource Policy": "implicitDeny"])
        let with = try IAMSimulation(
            identity: [Source(id: "PolicyInputList.1", text: all)], boundary: nil, resourcePolicy: Source(id: "ResourcePolicy", text: grant),
            scpLevels: nil, caller: alice, resourceOwner: nil, context: [:])
        let allowed = with.evaluate(action: "sqs:SendMessage", resource: queue, explicitResource: true)
        #expect(allowed.decision == .allowed)
        #expect(allowed.decisionDetails == ["IAM Policy": "allowed", "Resource Policy": "allowed"])
        #expect(Set(allowed.matched.map(\.sourcePolicyType)) == ["IAM Policy", "Resource Policy"])
        // Same account with a named resource: the details are present and empty.
        #expect(
            with.evaluate(action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111111111111:q", explicitResource: true).decisionDetails == [:])
    }

    @Test func aDocumentThatDoesNotParseIsRefusedNamingItsSource() {
        #expect(throws: SimulationError.self) {
            _ = try IAMSimulation(
                identity: [Source(id: "PolicyInputList.2", text: "{\"Statement\": 3}")], boundary: nil, resourcePolicy: nil,
                scpLevels: nil, caller: alice, resourceOwner: nil, context: [:])
        }
        do {
            _ = try IAMSimulation(
                identity: [], boundary: nil,
                resourcePolicy: Source(
                    id: "ResourcePolicy", text: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#),
                scpLevels: nil, caller: alice, resourceOwner: nil, context: [:])
            Issue.record("a resource policy without a Principal was accepted")
        } catch {
            #expect(error.path == "ResourcePolicy")
        }
    }

    @Test func contextKeysAreTheVariablesAndConditionKeysInDocumentOrderOnceEach() throws {
        let policy = #"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*",
             "Resource":"arn:aws:dynamodb:us-west-2:111111111111:table/${aws:username}",
             "Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}},
             {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"AWS:CurrentTime":"x","aws:RequestedRegion":"us-east-1"}}}]}
            """#
        let keys = try IAMSimulation.contextKeys(in: [Source(id: "PolicyInputList.1", text: policy)])
        #expect(keys == ["aws:username", "aws:CurrentTime", "aws:RequestedRegion"])
    }
}
