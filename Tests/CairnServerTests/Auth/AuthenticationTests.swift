import CairnCore
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every SigV4 refusal, over real HTTP against a live server.
@Suite struct AuthenticationTests {
    func code(_ r: TestResponse) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])?["code"] as? String
    }

    @Test func aCorrectlySignedRequestIsTheRootUserOfTheOperatorAccount() async throws {
        try await withTestServer { server in
            let r = try await server.send(.get, "/v1/caller-identity")
            #expect(r.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: String]
            #expect(body?["arn"] == "arn:aws:iam::\(server.operatorAccount):root")
            #expect(r.headers[HTTPField.Name("x-amzn-RequestId")!] != nil)
        }
    }

    @Test func refusalsCarryAWSsCodesAndStatuses() async throws {
        try await withTestServer { server in
            let missing = try await server.unsigned(.get, "/v1/regions")
            #expect(missing.status.code == 403 && code(missing) == "MissingAuthenticationTokenException")

            let unknown = try await server.send(.get, "/v1/regions", credentials: TestCredentials(accessKeyId: "AKIANOSUCHKEY0000001", secret: "x"))
            #expect(unknown.status.code == 403 && code(unknown) == "UnrecognizedClientException")

            let wrongSecret = try await server.send(
                .get, "/v1/regions", credentials: TestCredentials(accessKeyId: testRootCredentials.accessKeyId, secret: "wrong"))
            #expect(wrongSecret.status.code == 403 && code(wrongSecret) == "InvalidSignatureException")

            let stale = try await server.send(.get, "/v1/regions", date: Date() - 16 * 60)
            #expect(stale.status.code == 403 && code(stale) == "InvalidSignatureException")
            let staleBody = String(buffer: stale.body)
            #expect(staleBody.contains("Signature expired"))

            let future = try await server.send(.get, "/v1/regions", date: Date() + 16 * 60)
            #expect(future.status.code == 403 && String(buffer: future.body).contains("not yet current"))

            let withinSkew = try await server.send(.get, "/v1/regions", date: Date() - 14 * 60)
            #expect(withinSkew.status == .ok)

            let wrongService = try await server.send(.get, "/v1/regions", service: "cloudtrail")
            #expect(wrongService.status.code == 403 && code(wrongService) == "IncompleteSignatureException")

            let unknownRegion = try await server.send(.get, "/v1/regions", region: "mars-north-1")
            #expect(unknownRegion.status.code == 403)

            let token = try await server.send(.get, "/v1/regions", headers: ["x-amz-security-token": "forged"])
            #expect(token.status.code == 403 && code(token) == "UnrecognizedClientException")
        }
    }

    @Test func aTamperedBodyFailsTheSignature() async throws {
        try await withTestServer { server in
            var headers = ["host": "localhost", "x-amz-target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails"]
            headers["content-type"] = "application/x-amz-json-1.1"
            let fields = TestSigner.sign(
                method: "POST", path: "/", headers: headers, body: Data("{}".utf8), region: "us-east-1", service: "cloudtrail",
                credentials: server.root)
            let r = try await server.unsigned(.post, "/", body: "{\"trailNameList\":[]}", headers: fields)
            #expect(r.status.code == 403)
            #expect(String(buffer: r.body).contains("InvalidSignatureException"))
        }
    }

    @Test func aDeactivatedKeyIsRefused() async throws {
        try await withTestServer { server in
            try await server.store.client.query("UPDATE access_keys SET status = 'Inactive'")
            try await server.settle()
            let r = try await server.send(.get, "/v1/regions")
            #expect(r.status.code == 403 && code(r) == "UnrecognizedClientException")
        }
    }

    @Test func aSuspendedAccountIsRefused() async throws {
        try await withTestServer { server in
            try await server.store.client.query("UPDATE accounts SET status = 'SUSPENDED'")
            try await server.settle()
            let r = try await server.send(.get, "/v1/regions")
            #expect(r.status.code == 403 && code(r) == "AccountSuspendedException")
        }
    }
}
