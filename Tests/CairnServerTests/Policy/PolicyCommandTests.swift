import CairnTestSupport
import Foundation
import Testing

/// `cairn policy …` as a CI pipeline runs it: files in, JSON and exit codes out, no server.
@Suite struct PolicyCommandTests {
    func run(_ args: [String]) async throws -> (Int32, String, String) {
        let p = try CairnProcess(["policy"] + args, environment: [:], port: 0)
        let status = try await p.waitForExit()
        return (status, p.stdout, p.stderr)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "policy-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func simulatePrintsTheDecisionAndJsonlKeepsOrder() async throws {
        let file = try write(PolicyEndpointTests.allowDescribe, "req.json")
        let (status, out, _) = try await run(["simulate", file])
        #expect(status == 0 && (out.contains("\"decision\":\"Allow\"") || out.contains("\"decision\" : \"Allow\"")), "\(out)")
        let oneLine = PolicyEndpointTests.allowDescribe.replacingOccurrences(of: "\n", with: " ")
        let lines = [oneLine, oneLine.replacingOccurrences(of: "DescribeTrails", with: "DeleteTrail"), "{broken"].joined(separator: "\n")
        let (s2, out2, _) = try await run(["simulate", "--jsonl", try write(lines, "reqs.jsonl")])
        let results = out2.split(separator: "\n")
        #expect(s2 == 0 && results.count == 3)
        #expect(results[0].contains("Allow") && results[1].contains("ImplicitDeny") && results[2].contains("error"))
    }

    @Test func simulateRefusesAnUnreadableRequestWithExitTwo() async throws {
        let (status, _, err) = try await run(["simulate", try write("{\"request\": {}}", "bad.json")])
        #expect(status == 2 && err.contains("request."), "\(err)")
    }

    @Test func validateExitsNonZeroOnErrorsAndNamesThePath() async throws {
        let good = try write(#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}"#, "good.json")
        let bad = try write(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"a":"b"}}}]}"#,
            "bad.json")
        let (ok, _, _) = try await run(["validate", "--type", "scp", good])
        #expect(ok == 0)
        let (fail, out, _) = try await run(["validate", good, bad])
        #expect(fail == 1 && out.contains("bad.json:1:100: ERROR INVALID_CONDITION_OPERATOR") && out.contains("StringEqualz"), "\(out)")
    }

    @Test func validatePrintsAccessAnalyzersJSONAndSARIFAndFailsAtTheChosenLevel() async throws {
        let passRole = try write(
            #"{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}"#, "passrole.json")
        let (errorsOnly, json, _) = try await run(["validate", "--format", "json", passRole])
        #expect(errorsOnly == 0, "a security warning does not fail the default --fail-on error")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let findings = try #require(decoded?["findings"] as? [[String: Any]])
        #expect(findings.map { $0["issueCode"] as? String } == ["PASS_ROLE_WITH_STAR_IN_RESOURCE", "EMPTY_SID_VALUE"])
        #expect((findings.first?["locations"] as? [[String: Any]])?.first?["path"] != nil)

        let (strict, _, _) = try await run(["validate", "--fail-on", "security-warning", passRole])
        #expect(strict == 1)
        let (sarifStatus, sarif, _) = try await run(["validate", "--format", "sarif", "--fail-on", "suggestion", passRole])
        #expect(sarifStatus == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(report["version"] as? String == "2.1.0")
        let results = try #require(((report["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["warning", "note"])
        let region = ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == 1)
        let (usage, _, _) = try await run(["validate", "--type", "nonsense", passRole])
        #expect(usage != 0 && usage != 1)
    }

    @Test func theCustomChecksExitZeroOnPassOneOnFailAndTwoOnAnUnreadablePolicy() async throws {
        let reference = try write(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#,
            "reference.json")
        let narrow = try write(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#, "narrow.json")
        let wide = try write(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*"}]}"#, "wide.json")
        let (pass, passOut, _) = try await run(["check-no-new-access", reference, narrow])
        #expect(pass == 0 && passOut.contains(#""result":"PASS""#), "\(passOut)")
        let (fail, failOut, _) = try await run(["check-no-new-access", reference, wide])
        #expect(fail == 1 && failOut.contains(#""statementIndex":0"#), "\(failOut)")
        let (granted, _, _) = try await run(["check-access-not-granted", narrow, "--action", "s3:GetObject"])
        #expect(granted == 1)
        let (notGranted, _, _) = try await run(["check-access-not-granted", narrow, "--action", "iam:CreateUser", "--resource", "*"])
        #expect(notGranted == 0)
        let (unreadable, _, err) = try await run(["check-no-new-access", reference, "/nonexistent/policy.json"])
        #expect(unreadable == 2 && err.contains("/nonexistent/policy.json"))
    }

    @Test func testRunsSuitesAndEndsWithTheSummaryLine() async throws {
        let fixtures = TestPostgres.repositoryRoot.appendingPathComponent("Tests/CairnPolicyTests/Fixtures").path
        let (status, out, _) = try await run(["test", fixtures])
        let last = out.split(separator: "\n").last.map(String.init) ?? ""
        #expect(status == 1, "the fixtures include deliberately failing cases")
        #expect(last.range(of: #"^\d+ passed, \d+ failed$"#, options: .regularExpression) != nil, "\(last)")
        #expect(out.contains("FAIL failing-examples.jsonl"))
        let passingOnly = NSTemporaryDirectory() + "suite-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: passingOnly, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/passing-cross-account.jsonl", toPath: passingOnly + "/a.jsonl")
        let (green, out2, _) = try await run(["test", passingOnly])
        #expect(green == 0 && out2.hasSuffix("0 failed\n"), "\(out2)")
    }
}
