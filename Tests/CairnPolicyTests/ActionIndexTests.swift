import PropertyBased
import Testing

@testable import CairnPolicy

@Suite("Action index")
struct ActionIndexTests {
    static let patternPool = [
        "*", "cloudtrail:*", "cloudtrail:Get*", "cloudtrail:GetTrail", "cloudtrail:G?tTrail", "cloud*:List*",
        "s3:*", "s3:GetObject", "*:Get*", "cloudtrail:GetTrailStatus", "CloudTrail:get*", "c*",
    ]
    static let actions = ["cloudtrail:GetTrail", "cloudtrail:GetTrailStatus", "cloudtrail:ListTrails", "s3:GetObject", "iam:GetUser", "c", ""]

    static let statements = Gen.int(in: 0...(patternPool.count - 1)).array(of: 1...4).array(of: 1...12)

    @Test func candidatesIncludeEveryMatchingStatementExactlyOnce() async {
        await propertyCheck(count: 500, input: Self.statements, Gen.int(in: 0...1).array(of: 12)) { stmts, negations in
            var index = ActionIndex()
            var compiled: [(patterns: [ActionPattern], negated: Bool)] = []
            for (i, s) in stmts.enumerated() {
                let patterns = s.map { ActionPattern(Self.patternPool[$0]) }
                let negated = negations[i % negations.count] == 1
                compiled.append((patterns, negated))
                index.add(Int32(i), patterns: patterns, negated: negated)
            }
            for action in Self.actions {
                let request = RequestAction(action)
                var seen: [Int32] = []
                index.forEachCandidate(request.lowercased) { seen.append($0) }
                #expect(Set(seen).count == seen.count, "duplicates for \(action) in \(stmts)")
                for (i, c) in compiled.enumerated() {
                    let matches = c.patterns.contains { $0.matches(request) } != c.negated
                    if matches { #expect(seen.contains(Int32(i)), "statement \(i) \(stmts[i]) missed for \(action)") }
                }
            }
        }
    }

    @Test func unrelatedServicesAreNotCandidates() {
        var index = ActionIndex()
        index.add(0, patterns: [ActionPattern("s3:GetObject")], negated: false)
        index.add(1, patterns: [ActionPattern("cloudtrail:Delete*")], negated: false)
        index.add(2, patterns: [ActionPattern("cloudtrail:Get*")], negated: false)
        var seen: [Int32] = []
        index.forEachCandidate(RequestAction("cloudtrail:GetTrail").lowercased) { seen.append($0) }
        #expect(seen == [2])
    }
}
