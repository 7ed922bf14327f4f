import CairnCore
import CairnServer
import CairnStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A live Cairn on an ephemeral port over a fresh database, bootstrapped with known root credentials.
package struct TestServer: Sendable {
    package let client: any TestClientProtocol
    package let store: Store
    package let operatorAccount: AccountId
    package let root: TestCredentials
    package static let region = "us-east-1"

    /// A signed request; `service` is the SigV4 signing name (cairn for REST, or an AWS service).
    package func send(
        _ method: HTTPRequest.Method, _ path: String, query: String = "", body: String = "",
        service: String = "cairn", region: String = TestServer.region, credentials: TestCredentials? = nil,
        headers extra: [String: String] = [:], date: Date = Date()
    ) async throws -> TestResponse {
        var headers = ["host": "localhost"]
        for (k, v) in extra { headers[k.lowercased()] = v }
        let fields = TestSigner.sign(
            method: method.rawValue, path: path, query: query, headers: headers, body: Data(body.utf8),
            region: region, service: service, credentials: credentials ?? root, date: date)
        return try await unsigned(method, path + (query.isEmpty ? "" : "?\(query)"), body: body, headers: fields)
    }

    package func unsigned(_ method: HTTPRequest.Method, _ uri: String, body: String = "", headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body)) { $0 }
    }

    /// A JSON 1.1 call, as botocore sends it.
    package func awsJSON(
        _ target: String, _ body: String = "{}", service: String, credentials: TestCredentials? = nil
    ) async throws -> TestResponse {
        try await send(
            .post, "/", body: body, service: service, credentials: credentials,
            headers: ["x-amz-target": target, "content-type": "application/x-amz-json-1.1"])
    }

    /// A Query-protocol call, as botocore sends it.
    package func awsQuery(_ form: String, service: String, credentials: TestCredentials? = nil) async throws -> TestResponse {
        try await send(
            .post, "/", body: form, service: service, credentials: credentials,
            headers: ["content-type": "application/x-www-form-urlencoded; charset=utf-8"])
    }
}

package let testRootCredentials = TestCredentials(accessKeyId: "AKIATESTROOT0000001", secret: "test-root-secret-0123456789abcdefghij")

/// Runs `body` against a live server on a fresh database.
package func withTestServer(_ body: @escaping @Sendable (TestServer) async throws -> Void) async throws {
    try await withTestStore { store in
        let outcome = try await Bootstrap(
            regions: RegionName.defaults, rootCredentials: (testRootCredentials.accessKeyId, testRootCredentials.secret)
        ).run(on: store, logger: Logger(label: "cairn.tests"))
        let settings = ServerSettings(
            host: "127.0.0.1", port: 0, partition: "aws", operatorAccount: outcome.operatorAccount,
            migrationCount: try Migration.load(from: TestPostgres.migrationsDirectory).count)
        let router = try ApplicationBuilder.router(settings: settings, store: store, registry: nil)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(TestServer(client: client, store: store, operatorAccount: outcome.operatorAccount, root: testRootCredentials))
        }
    }
}
