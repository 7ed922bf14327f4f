import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Logging
import Testing

/// Passing session tags or a source identity to AssumeRole needs sts:TagSession or sts:SetSourceIdentity in the
/// role's trust policy too, as AWS requires; without them the call is refused and no session is issued.
@Suite struct SessionPermissionTests {
    func trust(_ principal: String, _ actions: [String]) -> String {
        let list = actions.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":[\#(list)]}]}"#
    }

    func assume(_ server: TestServer, _ role: RoleRecord, as creds: TestCredentials, _ extra: [(String, String)]) async throws -> TestResponse {
        let fields = [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", role.arn), ("RoleSessionName", "tagged")] + extra
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        return try await server.awsQuery(body, service: "sts", credentials: creds)
    }

    func sessions(_ server: TestServer) async throws -> Int {
        for try await n in try await server.store.client.query("SELECT count(*) FROM sts_sessions").decode(Int.self) { return n }
        return -1
    }

    @Test(arguments: [
        ([("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "audit")], "sts:TagSession"),
        ([("SourceIdentity", "alice@example.com")], "sts:SetSourceIdentity"),
    ])
    func sessionTagsAndSourceIdentityNeedTheirOwnPermission(_ extra: [(String, String)], _ permission: String) async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice", inline: [policy("Allow", "sts:*")])
            let narrow = try await server.store.transaction(logger: Logger(label: "t")) { tx in
                try await tx.roles.create(account: server.operatorAccount, name: "Narrow", trustPolicy: trust(alice.arn, ["sts:AssumeRole"]))
            }
            let wide = try await server.store.transaction(logger: Logger(label: "t")) { tx in
                try await tx.roles.create(
                    account: server.operatorAccount, name: "Wide",
                    trustPolicy: trust(alice.arn, ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]))
            }
            try await server.settle()
            let refused = try await assume(server, narrow, as: alice.credentials, extra)
            let body = String(buffer: refused.body)
            #expect(refused.status == .forbidden && body.contains("AccessDenied") && body.contains(permission), "\(body)")
            #expect(try await sessions(server) == 0, "a refused call issues nothing")
            #expect(try await assume(server, wide, as: alice.credentials, extra).status == .ok)
            #expect(try await assume(server, narrow, as: alice.credentials, []).status == .ok, "without them AssumeRole alone suffices")
        }
    }
}
