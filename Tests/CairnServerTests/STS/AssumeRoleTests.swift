import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Logging
import Testing

@Suite struct AssumeRoleTests {
    struct Session {
        let credentials: TestCredentials
        let token: String
        let arn: String
    }

    func trust(_ principal: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"sts:AssumeRole"}]}"#
    }

    func makeRole(_ server: TestServer, _ name: String, trust: String, inline: String? = nil) async throws -> RoleRecord {
        let role = try await server.store.transaction(logger: Logger(label: "t")) { tx in
            try await tx.roles.create(account: server.operatorAccount, name: name, trustPolicy: trust)
        }
        if let inline {
            try await server.store.client.query(
                """
                INSERT INTO iam_inline_policies (account_id, principal_kind, principal_id, name, document)
                VALUES (\(server.operatorAccount.value), 'role', \(role.roleId), 'inline', \(inline))
                """)
        }
        try await server.settle()
        return role
    }

    func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
    }

    func assume(
        _ server: TestServer, _ roleArn: String, as creds: TestCredentials, extra: [(String, String)] = []
    ) async throws -> (TestResponse, Session?) {
        let body = form([("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleArn), ("RoleSessionName", "onboarding")] + extra)
        let r = try await server.awsQuery(body, service: "sts", credentials: creds)
        let xml = String(buffer: r.body)
        guard r.status == .ok,
            let key = xml.firstMatch(of: /<AccessKeyId>([^<]+)</)?.1, let secret = xml.firstMatch(of: /<SecretAccessKey>([^<]+)</)?.1,
            let token = xml.firstMatch(of: /<SessionToken>([^<]+)</)?.1, let arn = xml.firstMatch(of: /<Arn>([^<]+)</)?.1
        else { return (r, nil) }
        return (r, Session(credentials: TestCredentials(accessKeyId: String(key), secret: String(secret)), token: String(token), arn: String(arn)))
    }

    func listRegions(_ server: TestServer, _ s: Session, token: String? = nil) async throws -> TestResponse {
        try await server.send(.get, "/v1/regions", credentials: s.credentials, headers: ["x-amz-security-token": token ?? s.token])
    }

    @Test func aTrustPolicyNamingTheUserIsEnoughAndTheSessionActsAsTheRole() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice")
            let role = try await makeRole(server, "Deployer", trust: trust(alice.arn), inline: policy("Allow", "cairn:ListRegions"))
            let (r, session) = try await assume(server, role.arn, as: alice.credentials)
            let s = try #require(session, "\(String(buffer: r.body))")
            #expect(s.credentials.accessKeyId.hasPrefix("ASIA"))
            #expect(s.arn == "arn:aws:sts::\(server.operatorAccount):assumed-role/Deployer/onboarding")
            #expect(String(buffer: r.body).contains("<AssumedRoleId>\(role.roleId):onboarding</AssumedRoleId>"))
            let who = try await server.send(.get, "/v1/caller-identity", credentials: s.credentials, headers: ["x-amz-security-token": s.token])
            #expect(String(buffer: who.body).contains(s.arn))
            #expect(try await listRegions(server, s).status == .ok)
            let events = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 10)
            }
            let call = try #require(events.first { $0.eventName == "ListRegions" })
            #expect(call.userIdentity.type == "AssumedRole" && call.userIdentity.sessionContext?.sessionIssuer?.arn == role.arn)
            let assumeEvent = try #require(events.first { $0.eventName == "AssumeRole" })
            #expect(assumeEvent.resources?.first?.ARN == role.arn)
            #expect(!String(describing: assumeEvent).contains(s.credentials.secret), "the event never holds the secret")
        }
    }

    @Test func aTrustPolicyNamingTheAccountAlsoNeedsTheCallersPermission() async throws {
        try await withTestServer { server in
            let bob = try await server.createUser("bob")
            let role = try await makeRole(server, "Ops", trust: trust("arn:aws:iam::\(server.operatorAccount):root"))
            let (denied, none) = try await assume(server, role.arn, as: bob.credentials)
            #expect(none == nil && denied.status.code == 403)
            #expect(String(buffer: denied.body).contains("<Code>AccessDenied</Code>"))
            try await server.putUserPolicy(userId: bob.userId, name: "assume", document: policy("Allow", "sts:AssumeRole", resource: role.arn))
            let (_, session) = try await assume(server, role.arn, as: bob.credentials)
            #expect(session != nil)
        }
    }

    @Test func aCrossAccountAssumeRoleIsRecordedInBothAccountsWithOneSharedEventID() async throws {
        try await withTestServer { server in
            let partner = try await server.createTenant("partner")
            let partnerAccount = try #require(AccountId(partner.account))
            let alice = try await server.createUser("alice")
            let role = try await server.store.transaction(logger: Logger(label: "t")) { tx in
                try await tx.roles.create(account: partnerAccount, name: "Auditor", trustPolicy: trust(alice.arn))
            }
            try await server.putUserPolicy(userId: alice.userId, name: "assume", document: policy("Allow", "sts:AssumeRole", resource: role.arn))
            try await server.settle()
            let (r, session) = try await assume(server, role.arn, as: alice.credentials)
            #expect(session != nil, "\(String(buffer: r.body))")
            let rows = try await server.store.client.query(
                "SELECT account_id, record::text FROM events WHERE event_name = 'AssumeRole' AND error_code IS NULL ORDER BY account_id")
            var records: [String: [String: Any]] = [:]
            for try await (account, text) in rows.decode((String, String).self) {
                records[account] = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            }
            let mine = try #require(records[server.operatorAccount.value])
            let theirs = try #require(records[partner.account])
            #expect(mine["sharedEventID"] as? String != nil && mine["sharedEventID"] as? String == theirs["sharedEventID"] as? String)
            #expect(mine["eventID"] as? String != theirs["eventID"] as? String)
            #expect(theirs["recipientAccountId"] as? String == partner.account)
            let identity = try #require(theirs["userIdentity"] as? [String: Any])
            #expect(identity["type"] as? String == "AWSAccount" && identity["principalId"] as? String == alice.userId)
            #expect(identity["accountId"] as? String == server.operatorAccount.value && identity["arn"] == nil)
            #expect((mine["userIdentity"] as? [String: Any])?["type"] as? String == "IAMUser")
            #expect((theirs["requestParameters"] as? [String: Any])?["roleArn"] as? String == role.arn)

            // A later call with the session is the role's account's alone, as an AssumedRole with AWS's session context.
            _ = try await listRegions(server, try #require(session))
            let later = try await server.store.client.query(
                "SELECT account_id, record::text FROM events WHERE event_name = 'ListRegions' AND account_id = \(partner.account)")
            var sessionRecord: [String: Any]?
            for try await (_, text) in later.decode((String, String).self) {
                sessionRecord = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            }
            let sessionIdentity = try #require(sessionRecord?["userIdentity"] as? [String: Any])
            #expect(sessionIdentity["type"] as? String == "AssumedRole" && sessionIdentity["accountId"] as? String == partner.account)
            let context = try #require(sessionIdentity["sessionContext"] as? [String: Any])
            #expect((context["webIdFederationData"] as? [String: Any])?.isEmpty == true)
            #expect((context["sessionIssuer"] as? [String: Any])?["type"] as? String == "Role")
        }
    }

    @Test func rootUsersMissingRolesAndBadInputAreRefused() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice")
            let role = try await makeRole(server, "R", trust: trust(alice.arn))
            let (root, _) = try await assume(server, role.arn, as: server.root)
            #expect(root.status.code == 403 && String(buffer: root.body).contains("Roles may not be assumed by root accounts."))
            let (missing, _) = try await assume(server, "arn:aws:iam::\(server.operatorAccount):role/Nope", as: alice.credentials)
            #expect(missing.status.code == 403 && String(buffer: missing.body).contains("AccessDenied"))
            let badName = try await server.awsQuery(
                form([("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", role.arn), ("RoleSessionName", "no spaces!")]),
                service: "sts", credentials: alice.credentials)
            #expect(badName.status.code == 400 && String(buffer: badName.body).contains("roleSessionName"))
            let (tooLong, _) = try await assume(server, role.arn, as: alice.credentials, extra: [("DurationSeconds", "7200")])
            #expect(tooLong.status.code == 400 && String(buffer: tooLong.body).contains("MaxSessionDuration"))
            let (malformed, _) = try await assume(server, role.arn, as: alice.credentials, extra: [("Policy", "{\"Version\":1}")])
            #expect(malformed.status.code == 400 && String(buffer: malformed.body).contains("MalformedPolicyDocument"))
            let noArn = try await server.awsQuery(
                form([("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleSessionName", "x1")]), service: "sts", credentials: alice.credentials
            )
            #expect(noArn.status.code == 400 && String(buffer: noArn.body).contains("roleArn"))
            // Each refusal has exactly one event, also those refused before the call reached the runner.
            let events = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 50)
            }.filter { $0.eventName == "AssumeRole" }
            #expect(events.count == 6, "\(events.map(\.errorCode))")
            #expect(events.allSatisfy { $0.errorCode != nil && $0.responseElements == nil && $0.eventSource == "sts.amazonaws.com" })
            #expect(events.filter { $0.userIdentity.type == "Root" }.map(\.errorCode) == ["AccessDeniedException"])
            #expect(events.filter { $0.errorCode == "MalformedPolicyDocument" }.count == 1)
        }
    }

    @Test func aSessionPolicyNarrowsTheRolesPermissions() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice")
            let role = try await makeRole(server, "Wide", trust: trust(alice.arn), inline: policy("Allow", "*"))
            let (_, narrow) = try await assume(server, role.arn, as: alice.credentials, extra: [("Policy", policy("Allow", "sts:*"))])
            let s = try #require(narrow)
            let r = try await listRegions(server, s)
            #expect(r.status.code == 403 && String(buffer: r.body).contains("no session policy allows"))
        }
    }

    @Test func sessionTokensAreCheckedAndSessionsExpire() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice")
            let role = try await makeRole(server, "Short", trust: trust(alice.arn), inline: policy("Allow", "*"))
            let (_, session) = try await assume(server, role.arn, as: alice.credentials)
            let s = try #require(session)
            #expect(try await listRegions(server, s, token: "forged").status.code == 403)
            let noToken = try await server.send(.get, "/v1/regions", credentials: s.credentials)
            #expect(noToken.status.code == 403)
            try await server.store.client.query("UPDATE sts_sessions SET expires_at = now() - interval '1 second'")
            try await server.settle()
            let expired = try await listRegions(server, s)
            #expect(expired.status.code == 403 && String(buffer: expired.body).contains("ExpiredTokenException"))
        }
    }

    @Test func roleChainingIsLimitedToOneHour() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice")
            let first = try await makeRole(server, "First", trust: trust(alice.arn), inline: policy("Allow", "sts:AssumeRole"))
            try await server.store.client.query("UPDATE iam_roles SET max_session_duration = 43200")
            try await server.settle()
            let (_, s1) = try await assume(server, first.arn, as: alice.credentials)
            let session = try #require(s1)
            let second = try await makeRole(server, "Second", trust: trust("arn:aws:iam::\(server.operatorAccount):role/First"))
            try await server.store.client.query("UPDATE iam_roles SET max_session_duration = 43200")
            try await server.settle()
            let body = form([
                ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", second.arn), ("RoleSessionName", "chain"),
                ("DurationSeconds", "7200"),
            ])
            let r = try await server.send(
                .post, "/", body: body, service: "sts", credentials: session.credentials,
                headers: ["content-type": "application/x-www-form-urlencoded; charset=utf-8", "x-amz-security-token": session.token])
            #expect(r.status.code == 400 && String(buffer: r.body).contains("role chaining"), "\(String(buffer: r.body))")
        }
    }
}
