import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// GenerateCredentialReport and GetCredentialReport: AWS's CSV columns, the root user first, a report kept four hours.
@Suite struct CredentialReportTests {
    func iam(_ server: TestServer, _ fields: [(String, String)]) async throws -> (Int, String) {
        let body = (fields + [("Version", "2010-05-08")]).map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)"
        }.joined(separator: "&")
        let r = try await server.awsQuery(body, service: "iam")
        return (Int(r.status.code), String(buffer: r.body))
    }

    @Test func theReportListsTheRootUserAndEachUsersPasswordAndKeys() async throws {
        try await withTestServer { server in
            var (status, xml) = try await iam(server, [("Action", "GetCredentialReport")])
            #expect(status == 410 && xml.contains("<Code>ReportNotPresent</Code>"), "\(xml)")
            _ = try await server.createUser("with-key")
            #expect(try await iam(server, [("Action", "CreateUser"), ("UserName", "with-password")]).0 == 200)
            #expect(
                try await iam(server, [("Action", "CreateLoginProfile"), ("UserName", "with-password"), ("Password", "Report-Pass-1")]).0 == 200)
            (status, xml) = try await iam(server, [("Action", "GenerateCredentialReport")])
            #expect(status == 200 && xml.contains("<State>STARTED</State>"), "\(xml)")
            (status, xml) = try await iam(server, [("Action", "GenerateCredentialReport")])
            #expect(xml.contains("<State>COMPLETE</State>"), "a fresh report is not made again: \(xml)")
            (status, xml) = try await iam(server, [("Action", "GetCredentialReport")])
            #expect(status == 200 && xml.contains("<ReportFormat>text/csv</ReportFormat>") && xml.contains("<GeneratedTime>"), "\(xml)")
            let content = try #require(xml.firstMatch(of: /<Content>([^<]+)<\/Content>/).flatMap { Data(base64Encoded: String($0.1)) })
            let lines = String(decoding: content, as: UTF8.self).split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            #expect(lines.first?.count == 22 && lines.first?.first == "user" && lines.allSatisfy { $0.count == 22 })
            #expect(lines[1][0] == "<root_account>" && lines[1][1] == "arn:aws:iam::\(server.operatorAccount):root")
            #expect(lines[1][3] == "not_supported" && lines[1][8] == "true", "the root user's key is listed: \(lines[1])")
            let keyed = try #require(lines.first { $0[0] == "with-key" })
            #expect(keyed[3] == "false" && keyed[8] == "true" && keyed[9].hasSuffix("+00:00") && keyed[13] == "false")
            let passworded = try #require(lines.first { $0[0] == "with-password" })
            #expect(passworded[3] == "true" && passworded[5].hasSuffix("+00:00") && passworded[8] == "false")

            try await server.store.client.query("UPDATE iam_credential_reports SET generated_at = now() - interval '5 hours'")
            (status, xml) = try await iam(server, [("Action", "GetCredentialReport")])
            #expect(status == 410 && xml.contains("<Code>ReportExpired</Code>"), "\(xml)")
            (status, xml) = try await iam(server, [("Action", "GenerateCredentialReport")])
            #expect(xml.contains("<State>STARTED</State>"), "an expired report is made again")
        }
    }
}
