import CairnCore
import CairnServer
import CairnStore
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

/// sts:AssumeRoleWithSAML end to end: Responses signed by signxml for the tenant's own account, a SAML provider
/// created from the IdP's metadata, unsigned calls over real HTTP. A verified assertion that grants the role gets
/// credentials once; every forged, stale or misaddressed one is refused and changes nothing; the trust policy decides
/// with the `saml:` keys and the session permissions.
@Suite struct AssumeRoleWithSAMLTests {
    static let subject = "alice@example.com"
    static let issuer = "https://idp.example.com/saml"

    struct Setup {
        let tenant: Tenant
        let fixtures: URL
        let provider: String
        var nameQualifier: String {
            SAMLNameQualifier.value(issuer: AssumeRoleWithSAMLTests.issuer, accountID: tenant.account, providerName: "ExampleIdP")
        }
        func role(_ name: String) -> String { "arn:aws:iam::\(tenant.account):role/\(name)" }
        func response(_ file: String) throws -> String {
            Data(try String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8).utf8).base64EncodedString()
        }
    }

    func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
    }

    /// A tenant (named after `label`) with the provider ExampleIdP (the fixtures' metadata) and the role Admin, which
    /// the fixtures' Role attribute grants, trusting the provider for `actions` under `conditions` (given the tenant's
    /// account); the role may call cairn:ListRegions.
    func setUp(
        _ server: TestServer, label: String = "admin", actions: [String], conditions: (_ account: String) -> String = { _ in "{}" }
    ) async throws -> Setup {
        let role = "Admin"
        let tenant = try await server.createTenant("saml-\(label)")
        let fixtures = try SAMLFixtures.generated(for: tenant.account)
        let metadata = try String(contentsOf: fixtures.appendingPathComponent("metadata.xml"), encoding: .utf8)
        var (status, body) = try await server.iamQuery(
            [("Action", "CreateSAMLProvider"), ("Name", "ExampleIdP"), ("SAMLMetadataDocument", metadata)], as: tenant.credentials)
        #expect(status == 200, "\(body)")
        let provider = "arn:aws:iam::\(tenant.account):saml-provider/ExampleIdP"
        let quoted = actions.map { "\"\($0)\"" }.joined(separator: ",")
        let trust = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"\(provider)"},\
            "Action":[\(quoted)],"Condition":\(conditions(tenant.account))}]}
            """
        (status, body) = try await server.iamQuery(
            [("Action", "CreateRole"), ("RoleName", role), ("AssumeRolePolicyDocument", trust)], as: tenant.credentials)
        #expect(status == 200, "\(body)")
        let allow = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cairn:ListRegions","Resource":"*"}]}"#
        (status, body) = try await server.iamQuery(
            [("Action", "PutRolePolicy"), ("RoleName", role), ("PolicyName", "regions"), ("PolicyDocument", allow)], as: tenant.credentials)
        #expect(status == 200, "\(body)")
        try await server.settle()
        return Setup(tenant: tenant, fixtures: fixtures, provider: provider)
    }

    func assume(
        _ server: TestServer, _ setup: Setup, file: String, roleArn: String? = nil, principalArn: String? = nil
    ) async throws -> (HTTPResponse.Status, String) {
        let body = form([
            ("Action", "AssumeRoleWithSAML"), ("Version", "2011-06-15"), ("RoleArn", roleArn ?? setup.role("Admin")),
            ("PrincipalArn", principalArn ?? setup.provider), ("SAMLAssertion", try setup.response(file)),
        ])
        let r = try await server.unsigned(.post, "/", body: body, headers: [.contentType: "application/x-www-form-urlencoded; charset=utf-8"])
        return (r.status, String(buffer: r.body))
    }

    func sessions(_ server: TestServer) async throws -> Int {
        for try await n in try await server.store.client.query("SELECT count(*) FROM sts_sessions").decode(Int.self) { return n }
        return -1
    }

    func events(_ server: TestServer, _ account: String) async throws -> [EventRecord] {
        try await server.store.read(logger: Logger(label: "t")) { tx in
            try await tx.events.recent(account: AccountId(account)!, region: "us-east-1", limit: 50)
        }
    }

    static let allSessionActions = ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"]

    @Test func aVerifiedAssertionGetsTheRolesCredentialsAndTheRecordNamesTheSAMLUser() async throws {
        try await withTestServer { server in
            let setup = try await setUp(server, actions: Self.allSessionActions)
            let (status, xml) = try await assume(server, setup, file: "session-1.xml")
            #expect(status == .ok, "\(xml)")
            #expect(xml.contains("<Subject>\(Self.subject)</Subject>") && xml.contains("<SubjectType>persistent</SubjectType>"), "\(xml)")
            #expect(xml.contains("<Issuer>\(Self.issuer)</Issuer>") && xml.contains("<Audience>https://signin.aws.amazon.com/saml</Audience>"))
            #expect(xml.contains("<NameQualifier>\(setup.nameQualifier)</NameQualifier>"), "\(xml)")
            #expect(xml.contains("<SourceIdentity>alice</SourceIdentity>"))
            #expect(xml.contains("<Arn>arn:aws:sts::\(setup.tenant.account):assumed-role/Admin/\(Self.subject)</Arn>"), "\(xml)")
            // The SessionDuration attribute is the console's; the API's session lasts DurationSeconds (default one hour).
            let expiration = try #require(xml.firstMatch(of: /<Expiration>([^<]+)</)?.1)
            let expires = try #require(try? Date(String(expiration), strategy: .iso8601))
            #expect(abs(expires.timeIntervalSinceNow - 3600) < 120, "\(expiration)")

            let session = try STSAnswerCredentials(xml)
            #expect(try await session.listRegions(on: server).status == .ok)

            let recorded = try await events(server, setup.tenant.account)
            let call = try #require(recorded.first { $0.eventName == "AssumeRoleWithSAML" })
            #expect(call.userIdentity.type == "SAMLUser")
            #expect(call.userIdentity.principalId == "\(setup.nameQualifier):\(Self.subject)")
            #expect(call.userIdentity.userName == Self.subject && call.userIdentity.identityProvider == setup.nameQualifier)
            #expect(call.userIdentity.arn == nil && call.userIdentity.accountId == nil)
            let parameters = try #require(call.requestParameters)
            #expect(parameters["sAMLAssertionID"]?.stringValue == "_session-1" && parameters["roleArn"]?.stringValue == setup.role("Admin"))
            #expect(parameters["principalArn"]?.stringValue == setup.provider && parameters["roleSessionName"]?.stringValue == Self.subject)
            #expect(parameters["principalTags"]?["Department"]?.stringValue == "Engineering", "tag keys keep their case")
            #expect(call.responseElements?["nameQualifier"]?.stringValue == setup.nameQualifier)
            #expect(Set(call.resources?.map(\.type) ?? []) == ["AWS::IAM::Role", "AWS::IAM::SAMLProvider"] && call.readOnly)
            let text = call.jsonText
            let assertion = try setup.response("session-1.xml")
            #expect(!text.contains(assertion.prefix(40)) && !text.contains(session.credentials.secret), "no credential is recorded")
            let later = try #require(recorded.first { $0.eventName == "ListRegions" })
            #expect(later.userIdentity.type == "AssumedRole" && later.userIdentity.sessionContext?.sourceIdentity == "alice")
        }
    }

    @Test func anAssertionIsExchangedOnlyOnce() async throws {
        try await withTestServer { server in
            let setup = try await setUp(server, actions: Self.allSessionActions)
            let (first, body) = try await assume(server, setup, file: "session-2.xml")
            #expect(first == .ok, "\(body)")
            let issued = try await sessions(server)
            let (second, again) = try await assume(server, setup, file: "session-2.xml")
            #expect(second == .badRequest && again.contains("<Code>InvalidIdentityToken</Code>") && again.contains("already been used"), "\(again)")
            #expect(try await sessions(server) == issued, "the replay issued nothing")
            // Two calls racing with one assertion: exactly one wins.
            async let a = assume(server, setup, file: "session-3.xml")
            async let b = assume(server, setup, file: "session-3.xml")
            let outcomes = try await [a.0, b.0]
            #expect(outcomes.filter { $0 == .ok }.count == 1, "\(outcomes)")
        }
    }

    @Test func forgedStaleOrMisaddressedResponsesAreRefusedAndChangeNothing() async throws {
        try await withTestServer { server in
            let setup = try await setUp(server, actions: Self.allSessionActions)
            let before = try await sessions(server)
            for (file, code, status) in [
                ("tampered-attribute.xml", "InvalidIdentityToken", HTTPResponse.Status.badRequest),
                ("xsw-second-assertion.xml", "InvalidIdentityToken", .badRequest),
                ("xsw-duplicate-id.xml", "InvalidIdentityToken", .badRequest),
                ("xsw-signature-transplant.xml", "InvalidIdentityToken", .badRequest),
                ("xsw-wrapped-response.xml", "InvalidIdentityToken", .badRequest),
                ("unsigned.xml", "InvalidIdentityToken", .badRequest),
                ("wrong-key.xml", "InvalidIdentityToken", .badRequest),
                ("wrong-audience.xml", "InvalidIdentityToken", .badRequest),
                ("wrong-recipient.xml", "InvalidIdentityToken", .badRequest),
                ("doctype-entity.xml", "InvalidIdentityToken", .badRequest),
                ("expired.xml", "ExpiredTokenException", .badRequest),
                ("status-failure.xml", "IDPRejectedClaim", .forbidden),
                ("role-not-granted.xml", "AccessDenied", .forbidden),
            ] {
                let (got, body) = try await assume(server, setup, file: file)
                #expect(got == status && body.contains("<Code>\(code)</Code>"), "\(file): \(body)")
            }
            // A provider that is not registered, one in another account, a missing assertion, a malformed role ARN.
            var (got, body) = try await assume(
                server, setup, file: "session-1.xml", principalArn: "arn:aws:iam::\(setup.tenant.account):saml-provider/Nobody")
            #expect(got == .badRequest && body.contains("<Code>InvalidIdentityToken</Code>") && body.contains("Specified provider doesn"), "\(body)")
            (got, body) = try await assume(server, setup, file: "session-1.xml", principalArn: "arn:aws:iam::111122223333:saml-provider/ExampleIdP")
            #expect(got == .badRequest && body.contains("not in the role&apos;s account"), "\(body)")
            let bare = form([
                ("Action", "AssumeRoleWithSAML"), ("Version", "2011-06-15"), ("RoleArn", setup.role("Admin")), ("PrincipalArn", setup.provider),
            ])
            let missing = try await server.unsigned(.post, "/", body: bare, headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(missing.status == .badRequest && String(buffer: missing.body).contains("sAMLAssertion"), "\(String(buffer: missing.body))")
            (got, body) = try await assume(server, setup, file: "session-1.xml", roleArn: "arn:aws:iam::12:role")
            #expect(got == .badRequest && body.contains("<Code>ValidationError</Code>"), "\(body)")
            #expect(try await sessions(server) == before, "no refusal issued a session")
            // The valid assertion was never spent by the refusals that carried it.
            (got, body) = try await assume(server, setup, file: "session-1.xml")
            #expect(got == .ok, "\(body)")
        }
    }

    @Test func theTrustPolicyDecidesWithTheSAMLKeysAndTheSessionPermissions() async throws {
        try await withTestServer { server in
            // Session tags and a source identity in the assertion need sts:TagSession and sts:SetSourceIdentity.
            let bare = try await setUp(server, label: "bare", actions: ["sts:AssumeRoleWithSAML"])
            var (status, body) = try await assume(server, bare, file: "session-1.xml")
            #expect(status == .forbidden && body.contains("<Code>AccessDenied</Code>"), "\(body)")

            let wrongSubject = try await setUp(
                server, label: "narrow", actions: Self.allSessionActions, conditions: { _ in #"{"StringEquals":{"saml:sub":"bob@example.com"}}"# })
            (status, body) = try await assume(server, wrongSubject, file: "session-1.xml")
            #expect(status == .forbidden && body.contains("<Code>AccessDenied</Code>"), "\(body)")
            let refused = try #require(try await events(server, wrongSubject.tenant.account).first { $0.eventName == "AssumeRoleWithSAML" })
            #expect(
                refused.errorCode == "AccessDeniedException" && refused.requestParameters?["roleArn"]?.stringValue == wrongSubject.role("Admin"),
                "\(refused.jsonText)")

            // Every fixed key and an attribute key (the common name, urn:oid:2.5.4.3) must match for the role.
            let keyed = try await setUp(server, label: "keyed", actions: Self.allSessionActions) { account in
                let nq = SAMLNameQualifier.value(issuer: Self.issuer, accountID: account, providerName: "ExampleIdP")
                return """
                    {"StringEquals":{"saml:namequalifier":"\(nq)","saml:doc":"\(account)/ExampleIdP","saml:sub":"alice@example.com",\
                    "saml:sub_type":"persistent","saml:iss":"\(Self.issuer)","saml:aud":"https://signin.aws.amazon.com/saml",\
                    "aws:RequestTag/Department":"Engineering","sts:RoleSessionName":"alice@example.com"},\
                    "ForAnyValue:StringEquals":{"saml:cn":"Zo\\u00eb O'Brien & <Co>"}}
                    """
            }
            (status, body) = try await assume(server, keyed, file: "session-1.xml")
            #expect(status == .ok, "\(body)")
        }
    }
}
