import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The temporary credentials in an STS Query answer (AssumeRole*, GetSessionToken, GetFederationToken), and a signed
/// REST call made with them: how a test proves a session it was issued works.
struct STSAnswerCredentials {
    let credentials: TestCredentials
    let sessionToken: String

    init(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let key = try #require(xml.firstMatch(of: /<AccessKeyId>([^<]+)</)?.1, "\(xml)", sourceLocation: sourceLocation)
        let secret = try #require(xml.firstMatch(of: /<SecretAccessKey>([^<]+)</)?.1, sourceLocation: sourceLocation)
        let token = try #require(xml.firstMatch(of: /<SessionToken>([^<]+)</)?.1, sourceLocation: sourceLocation)
        credentials = TestCredentials(accessKeyId: String(key), secret: String(secret))
        sessionToken = String(token)
    }

    /// `GET /v1/regions` as the session: a call any role allowed cairn:ListRegions may make.
    func listRegions(on server: TestServer) async throws -> TestResponse {
        try await server.send(.get, "/v1/regions", credentials: credentials, headers: ["x-amz-security-token": sessionToken])
    }
}
