import PropertyBased
import Testing

@testable import CairnPolicy

@Suite("Fuzzing hostile input")
struct FuzzTests {
    static let tokens = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\"Version\"", "\"2012-10-17\"", "\"Statement\"", "\"Effect\"", "\"Allow\"",
        "\"Deny\"", "\"Action\"", "\"NotAction\"", "\"Resource\"", "\"*\"", "\"Principal\"", "\"AWS\"", "\"Condition\"",
        "\"StringLike\"", "\"ForAllValues:StringEquals\"", "\"IpAddress\"", "\"aws:SourceIp\"", "\"10.0.0.0/8\"",
        "\"${aws:username}\"", "\"${\"", "\"arn:aws:s3:::*\"", "1", "-0.5e3", "true", "null", " ", "\\u00e9", "\\ud800", "é", "\u{0}",
    ]

    static let tokenSoup = Gen.int(in: 0...(tokens.count - 1)).array(of: 0...60).map { $0.map { FuzzTests.tokens[$0] }.joined() }

    static let valid = doc(
        stmt(action: #"["cloudtrail:Get*","s3:*"]"#, resource: #""arn:aws:s3:::b/${aws:username}/*""#, sid: "S1"),
        stmt(
            "Deny",
            #""Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["a*"]},"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","::1"]},"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}"#
        ))

    @Test func parserNeverCrashesOnTokenSoup() async {
        await propertyCheck(count: 2_000, input: Self.tokenSoup) { text in
            if let d = try? PolicyDocument.parse(text) {
                _ = PolicyLint.lint(d, type: .resource)
                _ = CompiledPolicySet([d], type: .identity)
            }
            _ = PolicyLint.lint(text: text, type: .identity)
        }
    }

    @Test func parserNeverCrashesOnMutatedValidPolicies() async {
        let bytes = Array(Self.valid.utf8)
        let mutation = zip(Gen.int(in: 0...(bytes.count - 1)), Gen.int(in: 0...255), Gen.int(in: 0...2)).array(of: 1...8)
        await propertyCheck(count: 2_000, input: mutation) { edits in
            var b = bytes
            for (pos, value, kind) in edits {
                let p = min(pos, max(0, b.count - 1))
                switch kind {
                case 0 where !b.isEmpty: b[p] = UInt8(value)
                case 1: b.insert(UInt8(value), at: p)
                default: if !b.isEmpty { b.remove(at: p) }
                }
            }
            guard let json = try? JSONParser.parse(bytes: b), let d = try? PolicyDocument.parse(json: json) else { return }
            // Anything that parses must also evaluate without trapping.
            _ = try evaluate(
                action: "s3:GetObject", resource: "arn:aws:s3:::b/alice/x", context: ["aws:SourceIp": .single("10.1.2.3")], identity: [Self.valid])
            let req = AuthorizationRequest(principal: RequestPrincipal(arn: Fixture.user), action: "s3:GetObject", resource: "arn:aws:s3:::b/alice/x")
            _ = PolicyEvaluator.evaluate(
                req, PolicyBundle(identity: CompiledPolicySet([d], type: .identity), resource: CompiledPolicySet([d], type: .resource)))
        }
    }

    /// Obviously-correct dynamic programming over scalars, for comparison.
    static func referenceMatch(_ pattern: [Character], _ subject: [Character]) -> Bool {
        var row = [Bool](repeating: false, count: subject.count + 1)
        row[0] = true
        for pc in pattern {
            var next = [Bool](repeating: false, count: subject.count + 1)
            if pc == "*" {
                var seen = false
                for j in 0...subject.count {
                    seen = seen || row[j]
                    next[j] = seen
                }
            } else {
                for j in 0..<subject.count where row[j] && (pc == "?" || pc == subject[j]) { next[j + 1] = true }
            }
            row = next
        }
        return row[subject.count]
    }

    static let globAlphabet: [Character] = ["a", "b", "*", "?", "é", "/", ":"]
    static let globString = Gen.int(in: 0...(globAlphabet.count - 1)).array(of: 0...14).map { String($0.map { FuzzTests.globAlphabet[$0] }) }

    @Test func globAgreesWithTheReferenceAndStaysWithinItsStepBound() async {
        await propertyCheck(count: 3_000, input: Self.globString, Self.globString) { pattern, subjectRaw in
            let subject = subjectRaw.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "?", with: "")
            let (matched, steps) = GlobPattern(pattern).matchCountingSteps(subject)
            #expect(matched == Self.referenceMatch(Array(pattern), Array(subject)), "pattern \(pattern) subject \(subject)")
            #expect(steps <= (pattern.utf8.count + 1) * (subject.utf8.count + 1))
        }
    }

    @Test func hostileLongInputsParseOrFailWithinLinearWork() throws {
        // 200 KB of nested-but-legal arrays inside a condition, and a huge string: both must return.
        let wide = "[" + Array(repeating: "\"x\"", count: 50_000).joined(separator: ",") + "]"
        let text = doc(stmt(#""Condition":{"StringLike":{"k":\#(wide)}}"#))
        let d = try PolicyDocument.parse(text)
        #expect(d.statements[0].conditions[0].values.count == 50_000)
        #expect(throws: PolicyParseError.self) { try PolicyDocument.parse(String(repeating: "{\"a\":", count: 10_000)) }
    }
}
