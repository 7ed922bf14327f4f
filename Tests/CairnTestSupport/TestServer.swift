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
    /// The server's caches, which a change made straight in the database reaches by notification.
    let freshness: CacheFreshness
    package static let region = "us-east-1"

    /// Returns once the server has seen every change committed before the call: a test that changes the
    /// database behind the server's back calls it before its next request. PostgreSQL delivers notifications in
    /// commit order, so when the server has seen this one it has seen the changes before it.
    package func settle() async throws {
        guard let before = freshness.current else { return }
        try await store.client.query("SELECT pg_notify('cairn_changes', '')")
        for _ in 0..<1000 {
            if freshness.current != before { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw CancellationError()
    }

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
package func withTestServer(
    organizationAccountLimit: Int = OrganizationLimits.defaultAccountLimit, oidcCAFile: String? = nil, oidcPrivateNetworks: Bool = true,
    _ body: @escaping @Sendable (TestServer) async throws -> Void
) async throws {
    try await TestServerSlots.shared.holding {
        try await withLiveTestServer(
            organizationAccountLimit: organizationAccountLimit, oidcCAFile: oidcCAFile, oidcPrivateNetworks: oidcPrivateNetworks, body)
    }
}

private func withLiveTestServer(
    organizationAccountLimit: Int, oidcCAFile: String?, oidcPrivateNetworks: Bool, _ body: @escaping @Sendable (TestServer) async throws -> Void
) async throws {
    try await withTestStore { store in
        let outcome = try await Bootstrap(
            regions: RegionName.defaults, rootCredentials: (testRootCredentials.accessKeyId, testRootCredentials.secret)
        ).run(on: store, logger: Logger(label: "cairn.tests"))
        var settings = ServerSettings(
            host: "127.0.0.1", port: 0, partition: "aws", operatorAccount: outcome.operatorAccount,
            migrationCount: try Migration.load(from: TestPostgres.migrationsDirectory).count)
        settings.organizationAccountLimit = organizationAccountLimit
        settings.oidcCAFile = oidcCAFile
        // The tests' identity providers listen on loopback.
        settings.oidcAllowsPrivateNetworks = oidcPrivateNetworks
        let parts = try ApplicationBuilder.components(settings: settings, store: store, registry: nil)
        let freshness = parts.freshness
        let app = Application(router: parts.router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), services: parts.services)
        try await app.test(.live) { client in
            try await body(
                TestServer(
                    client: client, store: store, operatorAccount: outcome.operatorAccount, root: testRootCredentials, freshness: freshness))
        }
    }
}

/// Runs `body` against a second server on the first one's database, as a second process would: its own caches,
/// its own listener, the same rows.
package func withSecondServer(beside first: TestServer, _ body: @escaping @Sendable (TestServer) async throws -> Void) async throws {
    let settings = ServerSettings(
        host: "127.0.0.1", port: 0, partition: "aws", operatorAccount: first.operatorAccount,
        migrationCount: try Migration.load(from: TestPostgres.migrationsDirectory).count)
    let parts = try ApplicationBuilder.components(settings: settings, store: first.store, registry: nil)
    let freshness = parts.freshness
    let app = Application(router: parts.router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), services: parts.services)
    try await app.test(.live) { client in
        try await body(TestServer(client: client, store: first.store, operatorAccount: first.operatorAccount, root: first.root, freshness: freshness))
    }
}
