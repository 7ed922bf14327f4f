import Foundation
import Testing

@testable import CairnPolicy

@Suite("cairn policy test runner")
struct PolicyTestRunnerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func load(_ names: [String]) throws -> [(name: String, contents: String)] {
        try names.map { ($0, try String(contentsOf: Self.fixtures.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test func exampleSuitesAllPass() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasPrefix("passing-") }
        #expect(files.count >= 2)
        let report = PolicyTestRunner.run(files: try load(files))
        #expect(report.failed == 0, "\(report.outcomes.filter { !$0.passed })")
        #expect(report.passed >= 10)
        #expect(report.summary == "\(report.passed) passed, 0 failed")
    }

    @Test func failingSuiteExplainsEachFailure() throws {
        let report = PolicyTestRunner.run(files: try load(["failing-examples.jsonl"]))
        #expect(report.summary == "1 passed, 4 failed")
        let byName = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.name, $0) })
        let wrong = try #require(byName["wrong decision"]?.explanation)
        #expect(wrong.hasPrefix("expected Allow, got ImplicitDeny (deciding: identity; no identity-based policy allows the action; matched: none"))
        #expect(byName["wrong deciding type"]?.explanation?.hasPrefix("expected deciding policy type scp, got identity") == true)
        #expect(byName["line 4"]?.explanation?.hasPrefix("line 4: JSON syntax error") == true)
        #expect(
            byName["misspelt field"]?.explanation
                == "line 5.expect.decison: unknown field (expected one of: decision, decidingPolicyType, matchedSids, missingContextKeys)")
    }

    @Test func fileLevelProblemsFailOnce() {
        let report = PolicyTestRunner.run(files: [("a.json", "[]"), ("b.json", #"{"cases": [], "extra": 1}"#), ("c.json", "{")])
        #expect(report.summary == "0 passed, 3 failed")
    }

    @Test func filesRunInNameOrder() {
        let c =
            #"{"name":"n","input":{"request":{"principal":{"arn":"arn:aws:iam::1:root"},"action":"a:b","resource":"*"}},"expect":{"decision":"Allow"}}"#
        let report = PolicyTestRunner.run(files: [("b.jsonl", c), ("a.jsonl", c)])
        #expect(report.outcomes.map(\.file) == ["a.jsonl", "b.jsonl"])
    }
}
