import Testing

@testable import CairnPolicy

@Suite("Custom policy checks: PASS only when proven")
struct CustomPolicyChecksTests {
    func doc(_ statements: String) throws -> PolicyDocument { try PolicyDocument.parse(#"{"Version":"2012-10-17","Statement":[\#(statements)]}"#) }

    @Test func globIntersectionAndCoverAreDecidedOverWholeSets() {
        #expect(GlobReasoning.intersects("s3:Get*", "s3:*Object"))
        #expect(!GlobReasoning.intersects("s3:Get*", "s3:Put*"))
        #expect(GlobReasoning.intersects("a?c", "a*"))
        #expect(!GlobReasoning.intersects("a?c", "ab"))
        #expect(GlobReasoning.intersects("S3:GETOBJECT", "s3:getobject", caseInsensitive: true))
        #expect(GlobReasoning.covers("s3:*", "s3:Get*"))
        #expect(GlobReasoning.covers("s3:Get*", "s3:GetObject"))
        #expect(!GlobReasoning.covers("s3:GetObject", "s3:Get*"))
        // `?` takes one character, never a star's run.
        #expect(!GlobReasoning.covers("a?c", "a*c"))
        #expect(GlobReasoning.covers("a*c", "a?c"))
        #expect(GlobReasoning.covers("arn:aws:s3:::b/*", "arn:aws:s3:::b/logs/*"))
    }

    @Test func accessNotGrantedFailsOnTheAllowingStatementAndPassesWhenAnUnconditionalDenyCoversIt() throws {
        let grants = try doc(#"{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}"#)
        let fail = CustomPolicyChecks.accessNotGranted(grants, actions: ["s3:DeleteBucket"], resources: [])
        #expect(!fail.passed)
        #expect(fail.reasons.map(\.statementIndex) == [0])
        #expect(CustomPolicyChecks.accessNotGranted(grants, actions: ["iam:CreateUser"], resources: []).passed)

        let guarded = try doc(
            #"{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"Keep","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}"#)
        #expect(CustomPolicyChecks.accessNotGranted(guarded, actions: ["s3:DeleteBucket", "s3:DeleteObject"], resources: []).passed)
        // A Deny with a condition may not apply: the Allow is not proven harmless.
        let conditional = try doc(
            #"{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:Delete*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}"#
        )
        #expect(!CustomPolicyChecks.accessNotGranted(conditional, actions: ["s3:DeleteBucket"], resources: []).passed)
        // Resources only: any action on the listed resource.
        let scoped = try doc(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::public/*"}"#)
        #expect(CustomPolicyChecks.accessNotGranted(scoped, actions: [], resources: ["arn:aws:s3:::secret/*"]).passed)
        #expect(!CustomPolicyChecks.accessNotGranted(scoped, actions: [], resources: ["arn:aws:s3:::public/report"]).passed)
        // NotAction grants everything it does not name.
        let notAction = try doc(#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#)
        #expect(CustomPolicyChecks.accessNotGranted(notAction, actions: ["iam:CreateUser"], resources: []).passed)
        #expect(!CustomPolicyChecks.accessNotGranted(notAction, actions: ["s3:DeleteBucket"], resources: []).passed)
    }

    @Test func noNewAccessPassesForANarrowerPolicyAndFailsForAWiderOne() throws {
        let existing = try doc(#"{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::data/*"}"#)
        #expect(
            CustomPolicyChecks.noNewAccess(
                new: try doc(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/reports/*"}"#), existing: existing
            ).passed)
        let wider = CustomPolicyChecks.noNewAccess(
            new: try doc(
                #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"},{"Sid":"More","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::data/*"}"#
            ),
            existing: existing)
        #expect(!wider.passed)
        #expect(wider.reasons.map(\.statementIndex) == [1])
        #expect(wider.reasons.first?.statementId == "More")
        // Dropping a condition the existing Allow had is new access; keeping it (or adding one) is not.
        let conditioned = try doc(
            #"{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}}"#)
        #expect(
            !CustomPolicyChecks.noNewAccess(new: try doc(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#), existing: conditioned).passed
        )
        #expect(
            CustomPolicyChecks.noNewAccess(
                new: try doc(
                    #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}"#),
                existing: conditioned
            ).passed)
    }

    @Test func aReferencePolicyOfDeniesIsKeptOnlyWhenTheCandidateCannotReachThem() throws {
        // AWS's recommended pattern: the reference allows everything and denies what must never be granted.
        let reference = try doc(
            #"{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"Null":{"aws:RequestTag/owner":"true"}}}"#
        )
        #expect(
            CustomPolicyChecks.noNewAccess(new: try doc(#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#), existing: reference).passed)
        #expect(
            !CustomPolicyChecks.noNewAccess(new: try doc(#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}"#), existing: reference).passed)
        // RunInstances only with the owner tag: the reference's Deny (tag absent) can never apply to it.
        let tagged = try doc(
            #"{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/owner":"team-a"}}}"#)
        #expect(CustomPolicyChecks.noNewAccess(new: tagged, existing: reference).passed)
        let untagged = try doc(#"{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}"#)
        #expect(!CustomPolicyChecks.noNewAccess(new: untagged, existing: reference).passed)
        // A candidate that repeats the Deny keeps it.
        let withDeny = try doc(
            #"{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*","Condition":{"Null":{"aws:RequestTag/owner":"true"}}}"#
        )
        #expect(CustomPolicyChecks.noNewAccess(new: withDeny, existing: reference).passed)
    }

    @Test func resourcePoliciesCompareTheirPrincipals() throws {
        let existing = try doc(
            #"{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::444455556666:root"]},"Action":"sqs:SendMessage","Resource":"*"}"#
        )
        let fewer = try doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sqs:SendMessage","Resource":"*"}"#)
        let anyone = try doc(#"{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}"#)
        #expect(CustomPolicyChecks.noNewAccess(new: fewer, existing: existing).passed)
        #expect(!CustomPolicyChecks.noNewAccess(new: anyone, existing: existing).passed)
    }

    @Test func publicAccessIsAnAllowForEveryoneThatNoConditionPinsToKnownCallers() throws {
        let open = try doc(#"{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}"#)
        #expect(!CustomPolicyChecks.noPublicAccess(open).passed)
        let pinned = try doc(
            #"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}"#
        )
        #expect(CustomPolicyChecks.noPublicAccess(pinned).passed)
        // A pattern pins nobody; an address is not an identity.
        let pattern = try doc(
            #"{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"StringLike":{"aws:PrincipalOrgID":"o-*"}}}"#)
        #expect(!CustomPolicyChecks.noPublicAccess(pattern).passed)
        let address = try doc(
            #"{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}"#)
        #expect(!CustomPolicyChecks.noPublicAccess(address).passed)
        let named = try doc(#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sqs:SendMessage","Resource":"*"}"#)
        #expect(CustomPolicyChecks.noPublicAccess(named).passed)
        let service = try doc(#"{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*"}"#)
        #expect(CustomPolicyChecks.noPublicAccess(service).passed)
        let takenBack = try doc(
            #"{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*"}"#
        )
        #expect(CustomPolicyChecks.noPublicAccess(takenBack).passed)
        let reason = try #require(CustomPolicyChecks.noPublicAccess(open).reasons.first)
        #expect(reason.statementIndex == 0 && reason.description == "Public access granted in the following statement with index: 0.")
    }
}
