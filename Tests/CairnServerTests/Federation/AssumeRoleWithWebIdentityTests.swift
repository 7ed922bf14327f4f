import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

/// sts:AssumeRoleWithWebIdentity against a real OpenID Connect provider on loopback TLS (TestIdentityProvider):
/// the token is verified with the provider's published key through its thumbprint (or the operator's CA file),
/// the trust policy's provider keys decide, and every refusal changes nothing.
@Suite struct AssumeRoleWithWebIdentityTests {
    static let subject = "repo:cairn/app:ref:refs/heads/main"

    func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
    }

    func iam(_ server: TestServer, _ fields: [(String, String)]) async throws -> TestResponse {
        try await server.awsQuery(form(fields + [("Version", "2010-05-08")]), service: "iam")
    }

    /// Registers the provider and a role that trusts its tokens for one repository; answers the role's ARN and
    /// the provider's.
    func setUp(
        _ server: TestServer, _ idp: TestIdentityProvider, thumbprint: String?, sub: String = "repo:cairn/app:*"
    ) async throws -> (
        role: String, provider: String
    ) {
        var fields = [("Action", "CreateOpenIDConnectProvider"), ("Url", idp.issuer), ("ClientIDList.member.1", "sts.amazonaws.com")]
        if let thumbprint { fields.append(("ThumbprintList.member.1", thumbprint)) }
        let created = try await iam(server, fields)
        #expect(created.status == .ok, "\(String(buffer: created.body))")
        let id = String(idp.issuer.dropFirst("https://".count))
        let provider = "arn:aws:iam::\(server.operatorAccount):oidc-provider/\(id)"
        #expect(String(buffer: created.body).contains("<OpenIDConnectProviderArn>\(provider)</OpenIDConnectProviderArn>"))
        let trust = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"\(provider)"},\
            "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"\(id):aud":"sts.amazonaws.com"},\
            "StringLike":{"\(id):sub":"\(sub)"}}}]}
            """
        let role = try await iam(server, [("Action", "CreateRole"), ("RoleName", "ci-deployer"), ("AssumeRolePolicyDocument", trust)])
        #expect(role.status == .ok, "\(String(buffer: role.body))")
        let inline = try await iam(
            server,
            [
                ("Action", "PutRolePolicy"), ("RoleName", "ci-deployer"), ("PolicyName", "regions"),
                ("PolicyDocument", policy("Allow", "cairn:ListRegions")),
            ])
        #expect(inline.status == .ok)
        try await server.settle()
        return ("arn:aws:iam::\(server.operatorAccount):role/ci-deployer", provider)
    }

    func assume(_ server: TestServer, role: String, token: String, session: String = "ci-run-1") async throws -> TestResponse {
        let body = form([
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", role), ("RoleSessionName", session),
            ("WebIdentityToken", token),
        ])
        return try await server.unsigned(.post, "/", body: body, headers: [.contentType: "application/x-www-form-urlencoded; charset=utf-8"])
    }

    func sessions(_ server: TestServer) async throws -> Int {
        for try await n in try await server.store.client.query("SELECT count(*) FROM sts_sessions").decode(Int.self) { return n }
        return -1
    }

    func events(_ server: TestServer) async throws -> [EventRecord] {
        try await server.store.read(logger: Logger(label: "t")) { tx in
            try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 50)
        }
    }

    @Test func aVerifiedTokenGetsTheRolesCredentialsAndItsSessionNamesTheProvider() async throws {
        let idp = try await TestIdentityProvider.start()
        try await withTestServer { server in
            let (role, provider) = try await setUp(server, idp, thumbprint: idp.thumbprint)
            let token = try idp.token()
            let r = try await assume(server, role: role, token: token)
            let xml = String(buffer: r.body)
            #expect(r.status == .ok, "\(xml)")
            #expect(xml.contains("<SubjectFromWebIdentityToken>\(Self.subject)</SubjectFromWebIdentityToken>"))
            #expect(xml.contains("<Audience>sts.amazonaws.com</Audience>") && xml.contains("<Provider>\(provider)</Provider>"))
            #expect(xml.contains("<Arn>arn:aws:sts::\(server.operatorAccount):assumed-role/ci-deployer/ci-run-1</Arn>"))
            let session = try STSAnswerCredentials(xml)
            #expect(try await session.listRegions(on: server).status == .ok)

            let recorded = try await events(server)
            let call = try #require(recorded.first { $0.eventName == "AssumeRoleWithWebIdentity" })
            #expect(call.userIdentity.type == "WebIdentityUser")
            #expect(call.userIdentity.principalId == "\(provider):sts.amazonaws.com:\(Self.subject)")
            #expect(call.userIdentity.userName == Self.subject && call.userIdentity.identityProvider == provider)
            #expect(call.userIdentity.arn == nil && call.userIdentity.accountId == nil)
            #expect(call.requestParameters?["roleArn"]?.stringValue == role)
            #expect(call.responseElements?["subjectFromWebIdentityToken"]?.stringValue == Self.subject)
            #expect(call.resources?.first?.ARN == role && call.readOnly)
            let text = call.jsonText
            #expect(
                !text.contains(token) && !text.contains(session.credentials.secret) && !text.contains(session.sessionToken),
                "no credential is recorded")
            let later = try #require(recorded.first { $0.eventName == "ListRegions" })
            #expect(later.userIdentity.type == "AssumedRole")
            #expect(later.userIdentity.sessionContext?.webIdFederationData?.federatedProvider == provider)
        }
        await idp.stop()
    }

    @Test func theProvidersKeysAreFetchedOnceAndKeptForLaterTokens() async throws {
        let idp = try await TestIdentityProvider.start()
        try await withTestServer { server in
            let (role, _) = try await setUp(server, idp, thumbprint: idp.thumbprint)
            for n in 1...3 { #expect(try await assume(server, role: role, token: try idp.token(), session: "run-\(n)").status == .ok) }
            #expect(idp.documentsServed == 2, "the discovery document and the key set, once")
        }
        await idp.stop()
    }

    @Test func aProviderWithoutThumbprintsIsTrustedThroughTheOperatorsCAFile() async throws {
        let idp = try await TestIdentityProvider.start()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-oidc-ca-\(UUID().uuidString).pem")
        try idp.authorityPEM.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        try await withTestServer(oidcCAFile: file.path) { server in
            let (role, _) = try await setUp(server, idp, thumbprint: nil)
            let r = try await assume(server, role: role, token: try idp.token())
            #expect(r.status == .ok, "\(String(buffer: r.body))")
        }
        // Without the file, the system's trust store does not know the test CA.
        try await withTestServer { server in
            let (role, _) = try await setUp(server, idp, thumbprint: nil)
            let r = try await assume(server, role: role, token: try idp.token())
            #expect(r.status == .badRequest && String(buffer: r.body).contains("<Code>InvalidIdentityToken</Code>"), "\(String(buffer: r.body))")
        }
        await idp.stop()
    }

    // One case at a time: each starts a server and a provider, and nine at once crowd the shared test database.
    @Test(
        .serialized,
        arguments: [
            ("a subject the trust policy does not name", "AccessDenied"),
            ("an audience that is not a client id", "InvalidIdentityToken"),
            ("an expired token", "ExpiredTokenException"),
            ("a token not yet valid", "InvalidIdentityToken"),
            ("another issuer", "InvalidIdentityToken"),
            ("a signature by another key", "InvalidIdentityToken"),
            ("an unsigned token", "InvalidIdentityToken"),
            ("a key id the provider does not publish", "InvalidIdentityToken"),
            ("text that is no token", "InvalidIdentityToken"),
        ])
    func aTokenThatDoesNotHoldIsRefusedAndChangesNothing(_ case_: String, _ code: String) async throws {
        let idp = try await TestIdentityProvider.start()
        try await withTestServer { server in
            let (role, _) = try await setUp(server, idp, thumbprint: idp.thumbprint)
            let now = Int(Date().timeIntervalSince1970)
            let token: String =
                switch case_ {
                case "a subject the trust policy does not name": try idp.token(["sub": "repo:someone/else:ref:refs/heads/main"])
                case "an audience that is not a client id": try idp.token(["aud": "another-audience"])
                case "an expired token": try idp.token(["exp": now - 600, "iat": now - 4000])
                case "a token not yet valid": try idp.token(["nbf": now + 3600])
                case "another issuer": try idp.token(["iss": "https://accounts.example.com"])
                case "a signature by another key": try idp.token(forged: true)
                case "an unsigned token": try idp.token(algorithm: "none")
                case "a key id the provider does not publish": try idp.token(keyId: "rotated-away")
                default: "not.a-token"
                }
            let r = try await assume(server, role: role, token: token)
            let xml = String(buffer: r.body)
            #expect(xml.contains("<Code>\(code)</Code>"), "\(case_): \(xml)")
            #expect(r.status == (code == "AccessDenied" ? .forbidden : .badRequest), "\(case_)")
            #expect(try await sessions(server) == 0, "\(case_): no session was issued")
        }
        await idp.stop()
    }

    @Test func aProviderWhoseCertificateMatchesNoThumbprintIsNotTrusted() async throws {
        let idp = try await TestIdentityProvider.start()
        try await withTestServer { server in
            let (role, _) = try await setUp(server, idp, thumbprint: String(repeating: "ab", count: 20))
            let r = try await assume(server, role: role, token: try idp.token())
            let xml = String(buffer: r.body)
            #expect(r.status == .badRequest && xml.contains("<Code>InvalidIdentityToken</Code>") && xml.contains("thumbprint"), "\(xml)")
            #expect(idp.documentsServed == 0, "nothing was read from an untrusted server")
            #expect(try await sessions(server) == 0)
        }
        await idp.stop()
    }

    @Test func aRefusedCallIsRecordedWithItsRoleAndSessionNameButNeverTheToken() async throws {
        let idp = try await TestIdentityProvider.start()
        try await withTestServer { server in
            let (role, _) = try await setUp(server, idp, thumbprint: idp.thumbprint)
            let token = try idp.token(["sub": "repo:someone/else:ref:refs/heads/main"])
            #expect(try await assume(server, role: role, token: token).status == .forbidden)
            let refused = try #require(try await events(server).first { $0.eventName == "AssumeRoleWithWebIdentity" })
            #expect(refused.errorCode == "AccessDeniedException" && refused.userIdentity.type == "WebIdentityUser")
            #expect(refused.requestParameters?["roleArn"]?.stringValue == role)
            #expect(refused.requestParameters?["roleSessionName"]?.stringValue == "ci-run-1")
            #expect(!refused.jsonText.contains(token))
        }
        await idp.stop()
    }

    @Test func anUnsignedCallOfAnyOtherOperationIsRefusedAsUnauthenticated() async throws {
        try await withTestServer { server in
            for action in ["AssumeRole", "GetCallerIdentity", "CreateUser"] {
                let r = try await server.unsigned(
                    .post, "/", body: "Action=\(action)&Version=2011-06-15", headers: [.contentType: "application/x-www-form-urlencoded"])
                #expect(r.status == .forbidden && String(buffer: r.body).contains("MissingAuthenticationToken"), "\(action)")
            }
            let rest = try await server.unsigned(.get, "/v1/regions")
            #expect(rest.status == .forbidden)
        }
    }

    @Test func aRoleInAnAccountWithoutTheProviderRefusesTheToken() async throws {
        let idp = try await TestIdentityProvider.start()
        try await withTestServer { server in
            let provider = "arn:aws:iam::\(server.operatorAccount):oidc-provider/\(idp.issuer.dropFirst("https://".count))"
            let trust =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"\#(provider)"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#
            #expect(try await iam(server, [("Action", "CreateRole"), ("RoleName", "open"), ("AssumeRolePolicyDocument", trust)]).status == .ok)
            let r = try await assume(server, role: "arn:aws:iam::\(server.operatorAccount):role/open", token: try idp.token())
            let xml = String(buffer: r.body)
            #expect(xml.contains("<Code>InvalidIdentityToken</Code>") && xml.contains("No OpenIDConnect provider found"), "\(xml)")
            #expect(try await sessions(server) == 0)
        }
        await idp.stop()
    }

    @Test func theTokensSessionTagsNeedTagSessionAndBecomeTheSessionsPrincipalTags() async throws {
        let idp = try await TestIdentityProvider.start()
        try await withTestServer { server in
            let (role, provider) = try await setUp(server, idp, thumbprint: idp.thumbprint)
            let tagged = try idp.token([
                "https://aws.amazon.com/tags": ["principal_tags": ["team": ["ci"]], "transitive_tag_keys": ["team"]] as [String: any Sendable]
            ])
            var r = try await assume(server, role: role, token: tagged)
            #expect(r.status == .forbidden && String(buffer: r.body).contains("sts:TagSession"), "\(String(buffer: r.body))")
            #expect(try await sessions(server) == 0)
            let id = String(idp.issuer.dropFirst("https://".count))
            let trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"\(provider)"},\
                "Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"],"Condition":{"StringEquals":{"\(id):aud":"sts.amazonaws.com",\
                "aws:RequestTag/team":"ci"}}}]}
                """
            #expect(
                try await iam(server, [("Action", "UpdateAssumeRolePolicy"), ("RoleName", "ci-deployer"), ("PolicyDocument", trust)]).status == .ok)
            #expect(
                try await iam(
                    server,
                    [
                        ("Action", "PutRolePolicy"), ("RoleName", "ci-deployer"), ("PolicyName", "regions"),
                        ("PolicyDocument", policy("Allow", "cairn:ListRegions", condition: #"{"StringEquals":{"aws:PrincipalTag/team":"ci"}}"#)),
                    ]
                ).status == .ok)
            try await server.settle()
            r = try await assume(server, role: role, token: tagged)
            let xml = String(buffer: r.body)
            #expect(r.status == .ok, "\(xml)")
            #expect(
                try await STSAnswerCredentials(xml).listRegions(on: server).status == .ok,
                "the session's principal tag team=ci satisfies the role's policy")
        }
        await idp.stop()
    }

    @Test func aProviderOnAPrivateNetworkIsNotFetchedUnlessTheOperatorAllowsIt() async throws {
        let idp = try await TestIdentityProvider.start()
        try await withTestServer(oidcPrivateNetworks: false) { server in
            let (role, _) = try await setUp(server, idp, thumbprint: idp.thumbprint)
            let r = try await assume(server, role: role, token: try idp.token())
            let xml = String(buffer: r.body)
            #expect(r.status == .badRequest && xml.contains("<Code>IDPCommunicationError</Code>"), "\(xml)")
            #expect(idp.documentsServed == 0, "no connection was made to a loopback address")
            #expect(try await sessions(server) == 0)
        }
        await idp.stop()
    }
}
