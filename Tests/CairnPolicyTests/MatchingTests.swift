import Testing

@testable import CairnPolicy

@Suite("Action matching")
struct ActionMatchingTests {
    @Test func actionsAreCaseInsensitiveInPrefixAndName() throws {
        #expect(try actionMatches(#""iam:ListAccessKeys""#, "IAM:listaccesskeys"))
        #expect(try actionMatches(#""CloudTrail:Get*""#, "cloudtrail:gettrail"))
    }

    @Test func starAndQuestionMarkWorkAnywhereInTheName() throws {
        #expect(try actionMatches(#""cloudtrail:*Trail*""#, "cloudtrail:DescribeTrails"))
        #expect(try actionMatches(#""cloudtrail:Get?rail""#, "cloudtrail:GetTrail"))
        #expect(try !actionMatches(#""cloudtrail:Get?rail""#, "cloudtrail:GetTTrail"))
        #expect(try actionMatches(#""*""#, "anything:AtAll"))
        #expect(try actionMatches(#""cloud*:List*""#, "cloudtrail:ListTrails"))
    }

    @Test func noCommaSplittingAndNoTrimming() throws {
        #expect(try !actionMatches(#""cloudtrail:GetTrail,cloudtrail:ListTrails""#, "cloudtrail:GetTrail"))
        #expect(try !actionMatches(#"" cloudtrail:GetTrail""#, "cloudtrail:GetTrail"))
        // …so a NotAction of such a string matches everything.
        #expect(try actionMatches(#"" cloudtrail:GetTrail""#, "cloudtrail:GetTrail", negated: true))
    }

    @Test func notActionAllowGrantsEverythingElse() throws {
        #expect(try actionMatches(#""iam:*""#, "cloudtrail:GetTrail", negated: true))
        #expect(try !actionMatches(#""iam:*""#, "iam:CreateUser", negated: true))
    }

    @Test func notActionDenyDeniesEverythingElseTheSCPAllowListIdiom() throws {
        let scp = doc(stmt(), #"{"Effect":"Deny","NotAction":["cloudtrail:*","sts:*"],"Resource":"*"}"#)
        let identity = doc(stmt())
        #expect(try evaluate(action: "iam:CreateUser", identity: [identity], scps: [[scp]]).decision == .explicitDeny)
        #expect(try evaluate(action: "cloudtrail:GetTrail", identity: [identity], scps: [[scp]]).decision == .allow)
    }
}

@Suite("Resource matching")
struct ResourceMatchingTests {
    // The AWS documentation's list for DOC-EXAMPLE-BUCKET/*/test/*.
    @Test(arguments: [
        ("arn:aws:s3:::DOC-EXAMPLE-BUCKET/1///test///object.jpg", true),
        ("arn:aws:s3:::DOC-EXAMPLE-BUCKET//test/object.jpg", true),
        ("arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/test/", true),
        ("arn:aws:s3:::DOC-EXAMPLE-BUCKET/1-test/object.jpg", false),
        ("arn:aws:s3:::DOC-EXAMPLE-BUCKET/test/object.jpg", false),
        ("arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test.jpg", false),
    ])
    func starInTheResourcePartSpansSlashes(_ arn: String, _ expected: Bool) throws {
        #expect(try resourceMatches(#""arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*""#, arn) == expected)
    }

    @Test func arnsAreCaseSensitive() throws {
        #expect(try !resourceMatches(#""arn:aws:cloudtrail:us-east-1:111111111111:trail/Main""#, Fixture.trail))
        #expect(try resourceMatches(#""arn:aws:cloudtrail:us-east-1:111111111111:trail/main""#, Fixture.trail))
    }

    @Test func starInARegionSegmentDoesNotCrossColons() throws {
        #expect(try resourceMatches(#""arn:aws:cloudtrail:*:111111111111:trail/*""#, Fixture.trail))
        #expect(try !resourceMatches(#""arn:aws:cloudtrail:*:trail/main""#, Fixture.trail))
    }

    @Test func resourcePartKeepsItsColons() throws {
        #expect(
            try resourceMatches(
                #""arn:aws:logs:us-east-1:111111111111:log-group:app:*""#, "arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:x"))
    }

    @Test func nonArnPatternsMatchNothing() throws {
        #expect(try !resourceMatches(#""trail/*""#, Fixture.trail))
    }

    @Test func wildcardOnlyActionsAreAuthorizedAgainstStar() throws {
        let specific = doc(stmt(action: #""cloudtrail:ListTrails""#, resource: #""arn:aws:cloudtrail:*:111111111111:trail/*""#))
        #expect(try evaluate(action: "cloudtrail:ListTrails", resource: "*", identity: [specific]).decision == .implicitDeny)
        let notResource = doc(#"{"Effect":"Allow","Action":"cloudtrail:ListTrails","NotResource":"arn:aws:cloudtrail:*:111111111111:trail/secret"}"#)
        #expect(try evaluate(action: "cloudtrail:ListTrails", resource: "*", identity: [notResource]).decision == .allow)
        let denySpecific = doc(stmt(), stmt("Deny", action: #""cloudtrail:*""#, resource: #""arn:aws:cloudtrail:*:111111111111:trail/*""#))
        #expect(try evaluate(action: "cloudtrail:ListTrails", resource: "*", identity: [denySpecific]).decision == .allow)
    }
}

@Suite("Glob matcher")
struct GlobPatternTests {
    @Test(arguments: [
        ("", "", true), ("*", "", true), ("?", "", false), ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false),
        ("*a", "bbba", true), ("a?c", "abc", true), ("a?c", "ac", false), ("**", "x", true), ("x*", "x", true),
        ("?", "é", true), ("??", "é", false), ("*é?", "aéb", true), ("a", "A", false),
    ])
    func matchesLikeIAM(_ pattern: String, _ subject: String, _ expected: Bool) {
        #expect(GlobPattern(pattern).matches(subject) == expected)
        #expect(GlobPattern(pattern).matchCountingSteps(subject).matched == expected)
    }

    @Test func literalTokensFromVariablesAreNeverWildcards() {
        #expect(!GlobPattern(literal: "a*").matches("abc"))
        #expect(GlobPattern(literal: "a*").matches("a*"))
    }

    @Test func pathologicalPatternStaysWithinTheQuadraticBound() {
        let pattern = String(repeating: "*a", count: 200) + "b"
        let subject = String(repeating: "a", count: 5_000)
        let (matched, steps) = GlobPattern(pattern).matchCountingSteps(subject)
        #expect(!matched)
        #expect(steps <= (pattern.utf8.count + 1) * (subject.utf8.count + 1))
    }

    @Test func commonPatternsTakeLinearSteps() {
        let subject = "arn:aws:s3:::" + String(repeating: "x/", count: 2_000) + "end"
        let (matched, steps) = GlobPattern("arn:aws:s3:::*end").matchCountingSteps(subject)
        #expect(matched)
        #expect(steps <= 3 * subject.utf8.count)
    }
}

@Suite("CIDR blocks")
struct CIDRTests {
    @Test(arguments: [
        ("203.0.113.0/24", "203.0.113.77", true), ("203.0.113.0/24", "203.0.114.1", false),
        ("203.0.113.5", "203.0.113.5", true), ("203.0.113.5", "203.0.113.6", false), ("0.0.0.0/0", "8.8.8.8", true),
        ("2001:db8::/32", "2001:db8:1::1", true), ("2001:db8::/32", "2001:db9::1", false),
        ("2001:db8::1", "2001:db8:0:0:0:0:0:1", true), ("::/0", "203.0.113.5", false), ("0.0.0.0/0", "::1", false),
        ("::ffff:203.0.113.0/120", "::ffff:203.0.113.9", true),
    ])
    func containment(_ cidr: String, _ ip: String, _ expected: Bool) throws {
        let block = try #require(CIDRBlock(cidr))
        let address = try #require(IPAddress(ip))
        #expect(block.contains(address) == expected)
    }

    @Test(arguments: ["1.2.3", "1.2.3.256", "1.2.3.4/33", "::1/129", "1:2:3:4:5:6:7:8:9", "1::2::3", "x", "1.2.3.4/", "/8", ""])
    func rejectsMalformedBlocks(_ text: String) {
        #expect(CIDRBlock(text) == nil)
    }
}
