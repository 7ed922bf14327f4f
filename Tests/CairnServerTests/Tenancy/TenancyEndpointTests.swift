import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

/// The operator's REST operations: accounts with root credentials shown once, regions added at run time, and
/// refusals for everyone else.
@Suite struct TenancyEndpointTests {
    @Test func theOperatorCreatesAccountsWhoseRootKeysWork() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("acme")
            let me = try await server.send(.get, "/v1/caller-identity", credentials: tenant.credentials)
            #expect(server.json(me)["account"] as? String == tenant.account)
            let listed = server.json(try await server.send(.get, "/v1/accounts"))["accounts"] as? [[String: Any]] ?? []
            #expect(listed.contains { $0["id"] as? String == tenant.account && $0["status"] as? String == "ACTIVE" })
            let one = try await server.send(.get, "/v1/accounts/\(tenant.account)")
            #expect(one.status == .ok && server.json(one)["email"] as? String == "acme@tenants.example")
            // The secret is never shown again.
            #expect(!String(buffer: one.body).contains(tenant.credentials.secret))
        }
    }

    @Test func badOrDuplicateAccountInputIsA4xxNamingTheFieldAndChangesNothing() async throws {
        try await withTestServer { server in
            _ = try await server.createTenant("acme")
            let dup = try await server.send(
                .post, "/v1/accounts", body: #"{"name": "other", "email": "ACME@tenants.example"}"#, headers: ["content-type": "application/json"])
            #expect(dup.status.code == 409)
            let bad = try await server.send(
                .post, "/v1/accounts", body: #"{"name": "x", "email": "not-an-email"}"#, headers: ["content-type": "application/json"])
            #expect(bad.status.code == 400 && (server.json(bad)["detail"] as? String ?? "").contains("email"))
            let missing = try await server.send(.post, "/v1/accounts", body: #"{"name": "x"}"#, headers: ["content-type": "application/json"])
            #expect(missing.status.code == 400 && (server.json(missing)["detail"] as? String ?? "").contains("email"))
            let unknown = try await server.send(.get, "/v1/accounts/999999999999")
            #expect(unknown.status.code == 404)
            let listed = server.json(try await server.send(.get, "/v1/accounts"))["accounts"] as? [[String: Any]] ?? []
            #expect(listed.count == 2)
        }
    }

    @Test func aListingsPageIsPartOfTheCallAndABadTokenIsOneRefusalRecordedOnce() async throws {
        try await withTestServer { server in
            for name in ["a1", "a2", "a3"] { _ = try await server.createTenant(name) }
            let first = server.json(try await server.send(.get, "/v1/accounts", query: "limit=2"))
            #expect((first["accounts"] as? [Any])?.count == 2)
            let token = try #require(first["nextToken"] as? String)
            let rest = server.json(try await server.send(.get, "/v1/accounts", query: "limit=2&nextToken=\(token)"))
            #expect((rest["accounts"] as? [Any])?.count == 2, "three tenants and the operator: \(rest)")
            let bad = try await server.send(.get, "/v1/accounts", query: "nextToken=bogus")
            #expect(bad.status.code == 400 && (server.json(bad)["detail"] as? String ?? "").contains("nextToken"))
            let requestId = try #require(bad.headers[HTTPField.Name("x-amzn-RequestId")!])
            let records = try await server.store.read(logger: Logger(label: "t")) { tx in
                var out: [(String?, String)] = []
                for try await (code, params) in try await tx.query(
                    "SELECT error_code, coalesce(record->>'requestParameters', 'null') FROM events WHERE record->>'requestID' = \(requestId)"
                ).decode((String?, String).self) { out.append((code, params)) }
                return out
            }
            #expect(records.count == 1 && records.first?.0 == "ValidationException", "\(records)")
            #expect(records.first?.1.contains("bogus") == true, "the page asked for is recorded: \(records)")
        }
    }

    @Test func tenantsCannotRunOperatorOperations() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("acme")
            for (method, path, body) in [
                (HTTPRequest.Method.post, "/v1/accounts", #"{"name": "x", "email": "x@y.example"}"#), (.get, "/v1/accounts", ""),
                (.post, "/v1/regions", #"{"name": "eu-south-2"}"#), (.get, "/v1/accounts/\(tenant.account)", ""),
            ] {
                let r = try await server.send(
                    method, path, body: body, credentials: tenant.credentials, headers: ["content-type": "application/json"])
                #expect(r.status.code == 403 && server.json(r)["code"] as? String == "AccessDeniedException", "\(method) \(path)")
            }
        }
    }

    @Test func aRegionAddedAtRunTimeIsServedAtOnce() async throws {
        try await withTestServer { server in
            let before = try await server.send(.get, "/v1/caller-identity", region: "eu-south-2")
            #expect(before.status.code >= 400)
            let added = try await server.send(.post, "/v1/regions", body: #"{"name": "eu-south-2"}"#, headers: ["content-type": "application/json"])
            #expect(added.status.code == 201)
            let again = try await server.send(.post, "/v1/regions", body: #"{"name": "eu-south-2"}"#, headers: ["content-type": "application/json"])
            #expect(again.status.code == 200)
            let after = try await server.send(.get, "/v1/caller-identity", region: "eu-south-2")
            #expect(after.status == .ok)
            let bad = try await server.send(.post, "/v1/regions", body: #"{"name": "Mars"}"#, headers: ["content-type": "application/json"])
            #expect(bad.status.code == 400 && (server.json(bad)["detail"] as? String ?? "").contains("name"))
        }
    }

    @Test func aSuspendedAccountsCallsAreRefused() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("acme")
            let r = try await server.send(
                .patch, "/v1/accounts/\(tenant.account)", body: #"{"status": "SUSPENDED"}"#, headers: ["content-type": "application/json"])
            #expect(r.status == .ok && server.json(r)["status"] as? String == "SUSPENDED")
            let refused = try await server.send(.get, "/v1/caller-identity", credentials: tenant.credentials)
            #expect(refused.status.code == 403)
            let op = try await server.send(
                .patch, "/v1/accounts/\(server.operatorAccount)", body: #"{"status": "SUSPENDED"}"#, headers: ["content-type": "application/json"])
            #expect(op.status.code == 400)
        }
    }
}
