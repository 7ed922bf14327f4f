import CairnCore
import CairnPolicy
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The console's sessions over real HTTP and a real database: signing in issues console credentials and records
/// ConsoleLogin as AWS does; every page call is the principal's own, recorded as a console call; forms need the
/// session's CSRF token; signing out ends the session for good.
@Suite struct ConsoleSessionTests {
    func records(_ server: TestServer, named name: String) async throws -> [JSONValue] {
        var found: [JSONValue] = []
        let rows = try await server.store.client.query("SELECT record::text FROM events WHERE event_name = \(name) ORDER BY event_time")
        for try await text in rows.decode(String.self) { found.append(try JSONParser.parse(text)) }
        return found
    }

    @Test func aVisitWithoutASessionIsSentToSignInAndEveryAnswerIsHardened() async throws {
        try await withTestServer { server in
            let browser = ConsoleBrowser(server)
            let page = try await browser.get("/console/trails")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/console/sign-in")
            let signIn = try await browser.get("/console/sign-in")
            #expect(signIn.status == .ok)
            #expect(signIn.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(signIn.headers[.cacheControl] == "no-store")
            #expect(signIn.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(String(buffer: signIn.body).contains(#"<form id="keys-sign-in""#))
        }
    }

    @Test func signingInWithKeysIssuesAConsoleSessionAndRecordsConsoleLoginAsAWSDoes() async throws {
        try await withTestServer { server in
            let browser = ConsoleBrowser(server)
            let answer = try await browser.signInWithKeys(server.root.accessKeyId, server.root.secret)
            #expect(answer.status == .seeOther)
            #expect(answer.headers[.location] == "/console/events")
            let cookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("cairn-console=ASIA") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/console"))
            #expect(!cookie.contains("Secure"), "plain HTTP without a TLS proxy in front")

            let login = try #require(try await records(server, named: "ConsoleLogin").first)
            #expect(login["eventSource"] == .string("signin.amazonaws.com"))
            #expect(login["eventType"] == .string("AwsConsoleSignIn"))
            #expect(login["awsRegion"] == .string("us-east-1"))
            #expect(login["requestID"] == nil, "AWS records sign-ins without a request id")
            #expect(login["requestParameters"] == .null)
            #expect(login["responseElements"] == .object(["ConsoleLogin": .string("Success")]))
            #expect(login["additionalEventData"]?["MFAUsed"] == .string("No"))
            #expect(login["userIdentity"]?["type"] == .string("Root"))
            #expect(login["userIdentity"]?["accessKeyId"] == .string(server.root.accessKeyId))
            #expect(login["readOnly"] == .bool(false))

            let events = try await browser.get("/console/events")
            #expect(events.status == .ok)
            #expect(String(buffer: events.body).contains(#"<span id="principal">arn:aws:iam::\#(server.operatorAccount.value):root</span>"#))
        }
    }

    @Test func aWrongSecretIsAFailedAuthenticationWithoutAnErrorCodeAndNoSession() async throws {
        try await withTestServer { server in
            let browser = ConsoleBrowser(server)
            let answer = try await browser.signInWithKeys(server.root.accessKeyId, "not-the-secret-at-all-0123456789abcdef")
            #expect(answer.status == .unauthorized)
            #expect(String(buffer: answer.body).contains("Failed authentication"))
            #expect(browser.cookies["cairn-console"] == nil)
            let login = try #require(try await records(server, named: "ConsoleLogin").first)
            #expect(login["responseElements"] == .object(["ConsoleLogin": .string("Failure")]))
            #expect(login["errorMessage"] == .string("Failed authentication"))
            #expect(login["errorCode"] == nil)
            #expect(login["userIdentity"]?["arn"] == nil, "a failed sign-in leaves the ARN out")
        }
    }

    @Test func aSignInFormWithoutItsOwnTokenIsRefusedAndRecordsNothing() async throws {
        try await withTestServer { server in
            let browser = ConsoleBrowser(server)
            try await browser.get("/console/sign-in")
            let answer = try await browser.post(
                "/console/sign-in", [("accessKeyId", server.root.accessKeyId), ("secretAccessKey", server.root.secret)], csrf: "forged")
            #expect(answer.status == .forbidden)
            #expect(browser.cookies["cairn-console"] == nil)
            #expect(try await records(server, named: "ConsoleLogin").isEmpty)
        }
    }

    @Test func aConsoleCallIsTheUsersOwnAndIsRecordedAsFromTheConsole() async throws {
        try await withTestServer { server in
            // GetSessionToken's credentials call no IAM operation without MFA; a console session is the user itself.
            let alice = try await server.createUser(
                "alice", inline: [#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:List*","Resource":"*"}]}"#])
            let browser = ConsoleBrowser(server)
            #expect(try await browser.signInWithKeys(alice.credentials.accessKeyId, alice.credentials.secret).status == .seeOther)
            let page = try await browser.get("/console/iam")
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("<td>alice</td>"))
            let listed = try #require(try await records(server, named: "ListUsers").last)
            #expect(listed["sessionCredentialFromConsole"] == .string("true"))
            #expect(listed["userIdentity"]?["type"] == .string("IAMUser"))
            #expect(listed["userIdentity"]?["arn"] == .string(alice.arn))
            #expect(listed["userIdentity"]?["accessKeyId"]?.stringValue?.hasPrefix("ASIA") == true)
            #expect(listed["userAgent"] == .string("ConsoleBrowser/1.0"))
        }
    }

    @Test func aFormWithoutTheSessionsTokenIsRefusedAndChangesNothing() async throws {
        try await withTestServer { server in
            let browser = ConsoleBrowser(server)
            _ = try await browser.signInWithKeys(server.root.accessKeyId, server.root.secret)
            try await browser.get("/console/trails")
            let forged = try await browser.post("/console/trails", [("name", "forged"), ("s3BucketName", "b")], csrf: "0000")
            #expect(forged.status == .forbidden)
            let missing = try await browser.post("/console/trails", [("name", "forged"), ("s3BucketName", "b")], csrf: "")
            #expect(missing.status == .forbidden)
            #expect(try await records(server, named: "CreateTrail").isEmpty, "a refused form reaches no operation")
        }
    }

    @Test func aRefusedActionShowsItsReasonWithTheOperationsStatus() async throws {
        try await withTestServer { server in
            let reader = try await server.createUser(
                "reader", inline: [#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudtrail:Describe*","Resource":"*"}]}"#])
            let browser = ConsoleBrowser(server)
            _ = try await browser.signInWithKeys(reader.credentials.accessKeyId, reader.credentials.secret)
            try await browser.get("/console/trails")
            let refused = try await browser.post("/console/trails", [("name", "audit"), ("s3BucketName", "audit-logs")])
            let page = String(buffer: refused.body)
            #expect(refused.status.code == 400 || refused.status.code == 403)
            #expect(page.contains(#"<div id="error" role="alert">"#))
            #expect(page.contains("cloudtrail:CreateTrail"))
            let event = try #require(try await records(server, named: "CreateTrail").last)
            #expect(event["errorCode"]?.stringValue?.hasPrefix("AccessDenied") == true)
        }
    }

    @Test func signingOutEndsTheSessionEvenForACopiedCookie() async throws {
        try await withTestServer { server in
            let browser = ConsoleBrowser(server)
            _ = try await browser.signInWithKeys(server.root.accessKeyId, server.root.secret)
            let copied = try #require(browser.cookies["cairn-console"])
            try await browser.get("/console/events")
            let out = try await browser.post("/console/sign-out", [])
            #expect(out.status == .seeOther)
            #expect(browser.cookies["cairn-console"] == nil)
            browser.set(cookie: "cairn-console", copied)
            let replay = try await browser.get("/console/events")
            #expect(replay.status == .seeOther)
            #expect(replay.headers[.location] == "/console/sign-in")
        }
    }

    @Test func aContextKeyWithoutANameIsRefusedNamingTheMemberAndTheServerGoesOn() async throws {
        try await withTestServer { server in
            let browser = ConsoleBrowser(server)
            _ = try await browser.signInWithKeys(server.root.accessKeyId, server.root.secret)
            try await browser.get("/console/simulator")
            let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
            for context in ["=", "=value"] {
                let refused = try await browser.post(
                    "/console/simulator", [("mode", "custom"), ("policies", policy), ("actions", "s3:GetObject"), ("context", context)])
                #expect((400..<500).contains(refused.status.code), "\(context): \(refused.status)")
                #expect(String(buffer: refused.body).contains(#"<div id="error" role="alert">"#))
            }
            #expect(try await browser.get("/console/simulator").status == .ok)
        }
    }

    @Test func aRegionThatDoesNotExistIsForgottenButTheSessionStays() async throws {
        try await withTestServer { server in
            let browser = ConsoleBrowser(server)
            _ = try await browser.signInWithKeys(server.root.accessKeyId, server.root.secret)
            try await browser.get("/console/events")
            let switched = try await browser.post("/console/region", [("region", "xx-nowhere-9"), ("returnTo", "/console/trails")])
            #expect(switched.status == .seeOther && browser.cookies["cairn-console-region"] == "xx-nowhere-9")
            let page = try await browser.get("/console/trails")
            #expect(page.status == .seeOther && page.headers[.location] == "/console/events")
            #expect(browser.cookies["cairn-console-region"] == nil && browser.cookies["cairn-console"] != nil)
            #expect(try await browser.get("/console/events").status == .ok)
        }
    }

    @Test func aSuspendedAccountsUserCannotSignInWithTheRightPassword() async throws {
        try await withTestServer { server in
            let created = try await server.send(
                .post, "/v1/accounts", body: #"{"name": "paused", "email": "paused@tenants.example"}"#,
                headers: ["content-type": "application/json"])
            let body = try #require(try JSONSerialization.jsonObject(with: Data(created.body.readableBytesView)) as? [String: Any])
            let account = try #require((body["account"] as? [String: Any])?["id"] as? String)
            let keys = try #require(body["credentials"] as? [String: String])
            let root = TestCredentials(accessKeyId: keys["accessKeyId"]!, secret: keys["secretAccessKey"]!)
            let password = "Console-pass-1234!"
            #expect(try await server.iamQuery([("Action", "CreateUser"), ("UserName", "ana")], as: root).0 == 200)
            #expect(try await server.iamQuery([("Action", "CreateLoginProfile"), ("UserName", "ana"), ("Password", password)], as: root).0 == 200)
            let suspended = try await server.send(
                .patch, "/v1/accounts/\(account)", body: #"{"status": "SUSPENDED"}"#, headers: ["content-type": "application/json"])
            #expect(suspended.status == .ok)

            let browser = ConsoleBrowser(server)
            try await browser.get("/console/sign-in")
            let answer = try await browser.post("/console/sign-in", [("account", account), ("userName", "ana"), ("password", password)])
            #expect(answer.status == .unauthorized)
            #expect(String(buffer: answer.body).contains("is not active"))
            #expect(browser.cookies["cairn-console"] == nil)
            let login = try #require(try await records(server, named: "ConsoleLogin").last)
            #expect(login["responseElements"] == .object(["ConsoleLogin": .string("Failure")]))
            #expect(login["recipientAccountId"] == .string(account))
        }
    }
}
