import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// IAM's OpenID Connect provider operations over the Query door: the whole life of a provider, and the inputs
/// IAM refuses, each refused without a change.
@Suite struct OpenIDConnectProviderTests {
    static let url = "https://token.actions.githubusercontent.com"
    static let thumbprint = "6938fd4d98bab03faadb97b34396831e3780aea1"

    @Test func aProviderIsCreatedReadChangedTaggedAndDeleted() async throws {
        try await withTestServer { server in
            let arn = "arn:aws:iam::\(server.operatorAccount):oidc-provider/token.actions.githubusercontent.com"
            var (status, xml) = try await server.iamQuery(
                [
                    ("Action", "CreateOpenIDConnectProvider"), ("Url", Self.url + "/"), ("ClientIDList.member.1", "sts.amazonaws.com"),
                    ("ThumbprintList.member.1", Self.thumbprint.uppercased()), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "ci"),
                ])
            #expect(status == 200 && xml.contains("<OpenIDConnectProviderArn>\(arn)</OpenIDConnectProviderArn>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GetOpenIDConnectProvider"), ("OpenIDConnectProviderArn", arn)])
            #expect(xml.contains("<Url>token.actions.githubusercontent.com</Url>") && xml.contains("<member>sts.amazonaws.com</member>"))
            #expect(xml.contains("<member>\(Self.thumbprint)</member>"), "thumbprints are kept lowercase: \(xml)")
            #expect(xml.contains("<CreateDate>") && xml.contains("<Key>team</Key>"))
            (status, xml) = try await server.iamQuery([("Action", "ListOpenIDConnectProviders")])
            #expect(xml.contains("<Arn>\(arn)</Arn>"))
            (status, xml) = try await server.iamQuery([("Action", "GetAccountSummary")])
            #expect(xml.contains("<key>Providers</key><value>1</value>"), "the account summary counts it: \(xml)")

            for fields in [
                [("Action", "AddClientIDToOpenIDConnectProvider"), ("ClientID", "cairn")],
                [("Action", "AddClientIDToOpenIDConnectProvider"), ("ClientID", "cairn")],
                [("Action", "RemoveClientIDFromOpenIDConnectProvider"), ("ClientID", "sts.amazonaws.com")],
                [("Action", "UpdateOpenIDConnectProviderThumbprint"), ("ThumbprintList.member.1", String(repeating: "0", count: 40))],
                [("Action", "TagOpenIDConnectProvider"), ("Tags.member.1.Key", "stage"), ("Tags.member.1.Value", "prod")],
                [("Action", "UntagOpenIDConnectProvider"), ("TagKeys.member.1", "team")],
            ] {
                (status, xml) = try await server.iamQuery(fields + [("OpenIDConnectProviderArn", arn)])
                #expect(status == 200, "\(fields[0].1): \(xml)")
            }
            (status, xml) = try await server.iamQuery([("Action", "GetOpenIDConnectProvider"), ("OpenIDConnectProviderArn", arn)])
            #expect(xml.contains("<member>cairn</member>") && !xml.contains("sts.amazonaws.com"), "the client ids, once each: \(xml)")
            #expect(xml.components(separatedBy: "<member>cairn</member>").count == 2)
            #expect(xml.contains(String(repeating: "0", count: 40)) && !xml.contains(Self.thumbprint))
            (status, xml) = try await server.iamQuery([("Action", "ListOpenIDConnectProviderTags"), ("OpenIDConnectProviderArn", arn)])
            #expect(xml.contains("<Key>stage</Key>") && !xml.contains("<Key>team</Key>"), "\(xml)")

            (status, xml) = try await server.iamQuery([("Action", "DeleteOpenIDConnectProvider"), ("OpenIDConnectProviderArn", arn)])
            #expect(status == 200)
            (status, xml) = try await server.iamQuery([("Action", "GetOpenIDConnectProvider"), ("OpenIDConnectProviderArn", arn)])
            #expect(status == 404 && xml.contains("<Code>NoSuchEntity</Code>"), "\(xml)")
        }
    }

    // One case at a time: each starts a server on the shared test database.
    @Test(
        .serialized,
        arguments: [
            ([("Url", "http://idp.example.com"), ("ClientIDList.member.1", "a")], "InvalidInput"),
            ([("Url", "https://idp.example.com?x=1")], "InvalidInput"),
            ([("ClientIDList.member.1", "a")], "ValidationError"),
            ([("Url", "https://idp.example.com"), ("ThumbprintList.member.1", "abc")], "ValidationError"),
            ([("Url", "https://idp.example.com"), ("ThumbprintList.member.1", String(repeating: "z", count: 40))], "InvalidInput"),
            (
                [("Url", "https://idp.example.com")] + (1...6).map { ("ThumbprintList.member.\($0)", String(repeating: "\($0)", count: 40)) },
                "LimitExceeded"
            ),
            ([("Url", "https://idp.example.com"), ("ClientIDList.member.1", String(repeating: "c", count: 256))], "ValidationError"),
        ])
    func badInputIsRefusedNamingTheMemberAndCreatesNothing(_ fields: [(String, String)], _ code: String) async throws {
        try await withTestServer { server in
            let (status, xml) = try await server.iamQuery([("Action", "CreateOpenIDConnectProvider")] + fields)
            #expect((400..<500).contains(status) && xml.contains("<Code>\(code)</Code>"), "\(xml)")
            let (_, list) = try await server.iamQuery([("Action", "ListOpenIDConnectProviders")])
            #expect(!list.contains("<Arn>"), "nothing was created")
        }
    }

    @Test func aSecondProviderForOneURLIsRefusedAndAnotherAccountsProviderCannotBeSeen() async throws {
        try await withTestServer { server in
            let create = [("Action", "CreateOpenIDConnectProvider"), ("Url", Self.url), ("ClientIDList.member.1", "sts.amazonaws.com")]
            #expect(try await server.iamQuery(create).0 == 200)
            let (status, xml) = try await server.iamQuery(create)
            #expect(status == 409 && xml.contains("<Code>EntityAlreadyExists</Code>"), "\(xml)")

            let tenant = try await server.createTenant("oidc-other")
            let (account, other) = (tenant.account, tenant.credentials)
            let mine = "arn:aws:iam::\(server.operatorAccount):oidc-provider/token.actions.githubusercontent.com"
            let (seen, answer) = try await server.iamQuery(
                [("Action", "GetOpenIDConnectProvider"), ("OpenIDConnectProviderArn", mine)], as: other)
            #expect(seen == 404 && answer.contains("NoSuchEntity"), "\(answer)")
            #expect(try await server.iamQuery(create, as: other).0 == 200, "each account has its own providers")
            let (_, list) = try await server.iamQuery([("Action", "ListOpenIDConnectProviders")], as: other)
            #expect(list.contains("arn:aws:iam::\(account):oidc-provider/") && !list.contains(server.operatorAccount.value + ":"))
        }
    }

    @Test func aUserWithoutPermissionCannotCreateAProvider() async throws {
        try await withTestServer { server in
            let user = try await server.createUser("no-oidc")
            let (status, xml) = try await server.iamQuery(
                [("Action", "CreateOpenIDConnectProvider"), ("Url", Self.url), ("ClientIDList.member.1", "a")], as: user.credentials)
            #expect(status == 403 && xml.contains("AccessDenied") && xml.contains("oidc-provider/token.actions.githubusercontent.com"), "\(xml)")
        }
    }
}
