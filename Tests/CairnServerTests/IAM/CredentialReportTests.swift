import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// GenerateCredentialReport and GetCredentialReport: AWS's CSV columns, the root user first, a report kept four hours.
@Suite struct CredentialReportTests {

    @Test func theReportListsTheRootUserAndEachUsersPasswordAndKeys() async throws {
        try await withTestServer { server in
            var (status, xml) = try await server.iamQuery([("Action", "GetCredentialReport")])
            #expect(status == 410 && xml.contains("<Code>ReportNotPresent</Code>"), "\(xml)")
            let keyed = try await server.createUser("with-key", inline: [policy("Allow", "cairn:ListRegions")])
            #expect(try await server.send(.get, "/v1/regions", credentials: keyed.credentials).status == .ok)
            #expect(try await server.iamQuery([("Action", "CreateUser"), ("UserName", "with-password")]).0 == 200)
            #expect(
                try await server.iamQuery([("Action", "CreateLoginProfile"), ("UserName", "with-password"), ("Password", "Report-Pass-1")]).0 == 200)
            (status, xml) = try await server.iamQuery([("Action", "GenerateCredentialReport")])
            #expect(status == 200 && xml.contains("<State>STARTED</State>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GenerateCredentialReport")])
            #expect(xml.contains("<State>COMPLETE</State>"), "a fresh report is not made again: \(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GetCredentialReport")])
            #expect(status == 200 && xml.contains("<ReportFormat>text/csv</ReportFormat>") && xml.contains("<GeneratedTime>"), "\(xml)")
            let content = try #require(xml.firstMatch(of: /<Content>([^<]+)<\/Content>/).flatMap { Data(base64Encoded: String($0.1)) })
            let lines = String(decoding: content, as: UTF8.self).split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            #expect(lines.first?.count == 22 && lines.first?.first == "user" && lines.allSatisfy { $0.count == 22 })
            #expect(lines[1][0] == "<root_account>" && lines[1][1] == "arn:aws:iam::\(server.operatorAccount):root")
            #expect(lines[1][3] == "not_supported" && lines[1][8] == "true", "the root user's key is listed: \(lines[1])")
            let keyedLine = try #require(lines.first { $0[0] == "with-key" })
            #expect(keyedLine[3] == "false" && keyedLine[8] == "true" && keyedLine[9].hasSuffix("+00:00") && keyedLine[13] == "false")
            #expect(keyedLine[10].hasSuffix("+00:00") && keyedLine[11] == "us-east-1" && keyedLine[12] == "cairn", "the key's last use: \(keyedLine)")
            let passworded = try #require(lines.first { $0[0] == "with-password" })
            #expect(passworded[3] == "true" && passworded[5].hasSuffix("+00:00") && passworded[8] == "false")

            try await server.store.client.query("UPDATE iam_credential_reports SET generated_at = now() - interval '5 hours'")
            (status, xml) = try await server.iamQuery([("Action", "GetCredentialReport")])
            #expect(status == 410 && xml.contains("<Code>ReportExpired</Code>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GenerateCredentialReport")])
            #expect(xml.contains("<State>STARTED</State>"), "an expired report is made again")
        }
    }

    @Test func aKeysLastUseIsTheLatestCallTheEventLogHoldsSignedWithIt() async throws {
        try await withTestServer { server in
            let user = try await server.createUser("user-of-key", inline: [policy("Allow", "cairn:ListRegions")])
            var (status, xml) = try await server.iamQuery([("Action", "GetAccessKeyLastUsed"), ("AccessKeyId", user.credentials.accessKeyId)])
            #expect(status == 200 && xml.contains("<ServiceName>N/A</ServiceName>") && xml.contains("<Region>N/A</Region>"), "\(xml)")
            #expect(!xml.contains("<LastUsedDate>") && xml.contains("<UserName>user-of-key</UserName>"))
            #expect(try await server.send(.get, "/v1/regions", credentials: user.credentials).status == .ok)
            (status, xml) = try await server.iamQuery([("Action", "GetAccessKeyLastUsed"), ("AccessKeyId", user.credentials.accessKeyId)])
            #expect(xml.contains("<LastUsedDate>") && xml.contains("<ServiceName>cairn</ServiceName>") && xml.contains("<Region>us-east-1</Region>"))
            (status, xml) = try await server.iamQuery([("Action", "GetAccessKeyLastUsed"), ("AccessKeyId", "AKIANOTAKEY000000000")])
            #expect(status == 404 && xml.contains("NoSuchEntity"), "\(xml)")
        }
    }
}
