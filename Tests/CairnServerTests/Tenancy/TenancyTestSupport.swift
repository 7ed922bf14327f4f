import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// A tenant made by the operator over REST: its account id and root credentials.
struct Tenant: Sendable {
    let account: String
    let credentials: TestCredentials
}

extension TestServer {
    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    /// POST /v1/accounts as the operator.
    func createTenant(_ name: String) async throws -> Tenant {
        let r = try await send(
            .post, "/v1/accounts", body: #"{"name": "\#(name)", "email": "\#(name)@tenants.example"}"#,
            headers: ["content-type": "application/json"])
        #expect(r.status.code == 201, "\(String(buffer: r.body))")
        let body = json(r)
        let account = try #require((body["account"] as? [String: Any])?["id"] as? String)
        let keys = try #require(body["credentials"] as? [String: String])
        return Tenant(account: account, credentials: TestCredentials(accessKeyId: keys["accessKeyId"]!, secret: keys["secretAccessKey"]!))
    }

    /// An Organizations call; returns the HTTP status and the decoded body.
    @discardableResult
    func organizations(_ operation: String, _ body: [String: Any] = [:], as tenant: Tenant) async throws -> (status: Int, body: [String: Any]) {
        let data = try JSONSerialization.data(withJSONObject: body)
        let r = try await awsJSON(
            "AWSOrganizationsV20161128.\(operation)", String(decoding: data, as: UTF8.self), service: "organizations",
            credentials: tenant.credentials)
        return (Int(r.status.code), json(r))
    }

    /// An Organizations call that must succeed.
    @discardableResult
    func ok(_ operation: String, _ body: [String: Any] = [:], as tenant: Tenant) async throws -> [String: Any] {
        let (status, out) = try await organizations(operation, body, as: tenant)
        #expect(status == 200, "\(operation) failed: \(out)")
        return out
    }

    /// An Organizations call that must fail with `code`.
    func refused(_ operation: String, _ body: [String: Any] = [:], as tenant: Tenant, _ code: String, reason: String? = nil) async throws {
        let (status, out) = try await organizations(operation, body, as: tenant)
        #expect(status == 400 && out["__type"] as? String == code, "\(operation) answered \(status) \(out), expected \(code)")
        if let reason { #expect(out["Reason"] as? String == reason, "\(operation): \(out)") }
    }
}
