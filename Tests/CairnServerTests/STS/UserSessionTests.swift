import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Logging
import Testing

/// sts:GetSessionToken and sts:GetFederationToken: temporary credentials of a user, what they act as, and what
/// STS does not let them call.
@Suite struct UserSessionTests {
    struct Issued {
        let credentials: TestCredentials
        let token: String
        let expiration: Date?
    }

    func sts(_ server: TestServer, _ fields: [(String, String)], as credentials: TestCredentials, token: String? = nil) async throws -> TestResponse {
        let body = (fields + [("Version", "2011-06-15")]).map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)"
        }.joined(separator: "&")
        var headers = ["content-type": "application/x-www-form-urlencoded; charset=utf-8"]
        if let token { headers["x-amz-security-token"] = token }
        return try await server.send(.post, "/", body: body, service: "sts", credentials: credentials, headers: headers)
    }

    func issued(_ r: TestResponse) throws -> Issued {
        let xml = String(buffer: r.body)
        let key = try #require(xml.firstMatch(of: /<AccessKeyId>([^<]+)</)?.1, "\(xml)")
        let secret = try #require(xml.firstMatch(of: /<SecretAccessKey>([^<]+)</)?.1)
        let token = try #require(xml.firstMatch(of: /<SessionToken>([^<]+)</)?.1)
        let expiration = xml.firstMatch(of: /<Expiration>([^<]+)</).flatMap { ISO8601DateFormatter().date(from: String($0.1)) }
        return Issued(credentials: TestCredentials(accessKeyId: String(key), secret: String(secret)), token: String(token), expiration: expiration)
    }

    func regions(_ server: TestServer, _ s: Issued) async throws -> TestResponse {
        try await server.send(.get, "/v1/regions", credentials: s.credentials, headers: ["x-amz-security-token": s.token])
    }

    func events(_ server: TestServer) async throws -> [EventRecord] {
        try await server.store.read(logger: Logger(label: "t")) { tx in
            try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 50)
        }
    }

    @Test func aUsersSessionTokenActsAsTheUserButCallsNoIAMWithoutMFA() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice", inline: [policy("Allow", "*")])
            let r = try await sts(server, [("Action", "GetSessionToken"), ("DurationSeconds", "900")], as: alice.credentials)
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            let s = try issued(r)
            #expect(s.credentials.accessKeyId.hasPrefix("ASIA"))
            let who = try await sts(server, [("Action", "GetCallerIdentity")], as: s.credentials, token: s.token)
            #expect(String(buffer: who.body).contains("<Arn>\(alice.arn)</Arn>") && String(buffer: who.body).contains(alice.userId))
            #expect(try await regions(server, s).status == .ok)
            let iam = try await server.awsQuery(
                "Action=ListUsers&Version=2010-05-08", service: "iam", credentials: s.credentials)
            #expect(iam.status != .ok, "no session token sent: refused as a bad signature at least")
            let iamWithToken = try await server.send(
                .post, "/", body: "Action=ListUsers&Version=2010-05-08", service: "iam", credentials: s.credentials,
                headers: ["content-type": "application/x-www-form-urlencoded", "x-amz-security-token": s.token])
            let denied = String(buffer: iamWithToken.body)
            #expect(iamWithToken.status == .forbidden && denied.contains("AccessDenied") && denied.contains("MFA"), "\(denied)")
            let again = try await sts(server, [("Action", "GetSessionToken")], as: s.credentials, token: s.token)
            #expect(again.status == .forbidden, "\(String(buffer: again.body))")

            let recorded = try await events(server)
            let call = try #require(recorded.first { $0.eventName == "ListRegions" })
            #expect(call.userIdentity.type == "IAMUser" && call.userIdentity.arn == alice.arn)
            #expect(call.userIdentity.accessKeyId == s.credentials.accessKeyId && call.userIdentity.userName == "alice")
            #expect(call.userIdentity.sessionContext?.sessionIssuer == nil)
            #expect(call.jsonText.contains(#""sessionContext":{"sessionIssuer":{},"webIdFederationData":{},"attributes""#), "\(call.jsonText)")
            let get = try #require(recorded.first { $0.eventName == "GetSessionToken" && $0.errorCode == nil })
            #expect(get.readOnly && get.requestParameters?["durationSeconds"] != nil && !get.jsonText.contains(s.credentials.secret))
        }
    }

    @Test func theRootUsersSessionLastsAtMostAnHourAndSessionsCannotAskForAnother() async throws {
        try await withTestServer { server in
            let r = try await sts(server, [("Action", "GetSessionToken"), ("DurationSeconds", "7200")], as: server.root)
            let s = try issued(r)
            let expiration = try #require(s.expiration)
            #expect(expiration.timeIntervalSinceNow <= 3600 + 5)
            let who = try await sts(server, [("Action", "GetCallerIdentity")], as: s.credentials, token: s.token)
            #expect(String(buffer: who.body).contains("<Arn>arn:aws:iam::\(server.operatorAccount):root</Arn>"))
            for (fields, code) in [
                ([("Action", "GetSessionToken"), ("DurationSeconds", "600")], "ValidationError"),
                ([("Action", "GetSessionToken"), ("SerialNumber", "arn:aws:iam::123456789012:mfa/alice"), ("TokenCode", "123456")], "AccessDenied"),
                (
                    [("Action", "GetSessionToken"), ("SerialNumber", "arn:aws:iam::123456789012:mfa/alice"), ("TokenCode", "12ab56")],
                    "ValidationError"
                ),
                ([("Action", "GetFederationToken"), ("Name", "root-fed")], "AccessDenied"),
            ] {
                let refused = try await sts(server, fields, as: server.root)
                #expect(String(buffer: refused.body).contains("<Code>\(code)</Code>"), "\(fields): \(String(buffer: refused.body))")
            }
        }
    }

    @Test func aFederatedUserHasTheUsersPermissionsNarrowedByItsSessionPolicy() async throws {
        try await withTestServer { server in
            let broker = try await server.createUser(
                "broker", inline: [policy("Allow", "sts:GetFederationToken"), policy("Allow", "cairn:ListRegions")])
            let narrowed = try issued(
                try await sts(
                    server,
                    [("Action", "GetFederationToken"), ("Name", "alice@example"), ("Policy", policy("Allow", "cairn:*"))],
                    as: broker.credentials))
            #expect(try await regions(server, narrowed).status == .ok, "the user and the session policy both allow it")
            let who = try await sts(server, [("Action", "GetCallerIdentity")], as: narrowed.credentials, token: narrowed.token)
            let body = String(buffer: who.body)
            #expect(body.contains("<Arn>arn:aws:sts::\(server.operatorAccount):federated-user/alice@example</Arn>"), "\(body)")
            #expect(body.contains("<UserId>\(server.operatorAccount):alice@example</UserId>"))
            let trails = try await server.send(
                .get, "/v1/trails", credentials: narrowed.credentials, headers: ["x-amz-security-token": narrowed.token])
            #expect(trails.status == .forbidden, "the session policy allows it, the user does not")

            let bare = try issued(try await sts(server, [("Action", "GetFederationToken"), ("Name", "no-policy")], as: broker.credentials))
            #expect(try await regions(server, bare).status == .forbidden, "without a session policy a federated user has no permissions")

            let recorded = try await events(server)
            let call = try #require(
                recorded.first { $0.eventName == "ListRegions" && $0.errorCode == nil && $0.userIdentity.type == "FederatedUser" })
            #expect(call.userIdentity.principalId == "\(server.operatorAccount):alice@example")
            #expect(call.userIdentity.sessionContext?.sessionIssuer?.type == "IAMUser")
            #expect(call.userIdentity.sessionContext?.sessionIssuer?.arn == broker.arn)
            let get = try #require(
                recorded.first { $0.eventName == "GetFederationToken" && $0.requestParameters?["name"]?.stringValue == "alice@example" })
            #expect(get.responseElements?["federatedUser"]?["arn"]?.stringValue?.hasSuffix("federated-user/alice@example") == true)
        }
    }

    @Test func aUserWithoutThePermissionCannotFederateAndABadNameChangesNothing() async throws {
        try await withTestServer { server in
            let plain = try await server.createUser("plain", inline: [policy("Allow", "cairn:ListRegions")])
            let denied = try await sts(server, [("Action", "GetFederationToken"), ("Name", "someone")], as: plain.credentials)
            #expect(denied.status == .forbidden && String(buffer: denied.body).contains("federated-user/someone"), "\(String(buffer: denied.body))")
            let broker = try await server.createUser("broker2", inline: [policy("Allow", "sts:GetFederationToken")])
            for name in ["x", String(repeating: "n", count: 33), "bad name"] {
                let r = try await sts(server, [("Action", "GetFederationToken"), ("Name", name)], as: broker.credentials)
                #expect(r.status == .badRequest && String(buffer: r.body).contains("name"), "\(name): \(String(buffer: r.body))")
            }
            var count = -1
            for try await n in try await server.store.client.query("SELECT count(*) FROM sts_sessions").decode(Int.self) { count = n }
            #expect(count == 0)
        }
    }

    @Test func aFederatedSessionCallsNoIAMAndDiesWithItsUser() async throws {
        try await withTestServer { server in
            let broker = try await server.createUser("broker3", inline: [policy("Allow", "*")])
            let s = try issued(
                try await sts(server, [("Action", "GetFederationToken"), ("Name", "ops"), ("Policy", policy("Allow", "*"))], as: broker.credentials))
            let iam = try await server.send(
                .post, "/", body: "Action=ListUsers&Version=2010-05-08", service: "iam", credentials: s.credentials,
                headers: ["content-type": "application/x-www-form-urlencoded", "x-amz-security-token": s.token])
            #expect(iam.status == .forbidden, "\(String(buffer: iam.body))")
            #expect(try await regions(server, s).status == .ok)
            try await server.store.client.query("DELETE FROM iam_inline_policies WHERE principal_id = \(broker.userId)")
            try await server.store.client.query("DELETE FROM access_keys WHERE user_id = \(broker.userId)")
            try await server.store.client.query("DELETE FROM iam_users WHERE user_id = \(broker.userId)")
            try await server.settle()
            #expect(try await regions(server, s).status == .forbidden, "a deleted user's federated sessions stop working")
        }
    }
}
