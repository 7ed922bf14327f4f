import CairnCore
import CairnTestSupport
import Foundation
import Testing

/// IAM SAML providers over the Query door: a metadata document read when it is stored (its entityID and RSA signing
/// keys), named and tagged, updated and deleted; bad documents, names and encryption settings refused, changing nothing.
@Suite struct SAMLProviderTests {
    func call(_ server: TestServer, _ fields: [(String, String)], as tenant: Tenant) async throws -> (Int, String) {
        try await server.iamQuery(fields, as: tenant.credentials)
    }

    @Test func aProviderIsCreatedReadTaggedUpdatedAndDeleted() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("saml")
            let metadata = try SAMLFixtures.text("metadata.xml")
            var (status, body) = try await call(
                server,
                [
                    ("Action", "CreateSAMLProvider"), ("Name", "corp-idp"), ("SAMLMetadataDocument", metadata), ("Tags.member.1.Key", "team"),
                    ("Tags.member.1.Value", "identity"),
                ], as: tenant)
            #expect(status == 200, "\(body)")
            let arn = "arn:aws:iam::\(tenant.account):saml-provider/corp-idp"
            #expect(body.contains("<SAMLProviderArn>\(arn)</SAMLProviderArn>"), "\(body)")
            (status, body) = try await call(server, [("Action", "GetSAMLProvider"), ("SAMLProviderArn", arn)], as: tenant)
            #expect(status == 200 && body.contains("<SAMLProviderUUID>") && body.contains("<ValidUntil>"), "\(body)")
            #expect(body.contains("EntityDescriptor"), "the document as stored, XML-escaped")
            (status, body) = try await call(server, [("Action", "ListSAMLProviders")], as: tenant)
            #expect(body.contains("<Arn>\(arn)</Arn>"), "\(body)")

            // Refused, changing nothing: a second of the same name, a bad name, a document that is no metadata, one too
            // short, encryption, another account's provider.
            for (fields, code) in [
                ([("Name", "corp-idp"), ("SAMLMetadataDocument", metadata)], "EntityAlreadyExists"),
                ([("Name", "bad name!"), ("SAMLMetadataDocument", metadata)], "InvalidInput"),
                ([("Name", "other"), ("SAMLMetadataDocument", String(repeating: "<x/>", count: 300))], "InvalidInput"),
                ([("Name", "other"), ("SAMLMetadataDocument", "<x/>")], "InvalidInput"),
                ([("Name", "other"), ("SAMLMetadataDocument", metadata), ("AssertionEncryptionMode", "Required")], "InvalidInput"),
            ] as [([(String, String)], String)] {
                (status, body) = try await call(server, [("Action", "CreateSAMLProvider")] + fields, as: tenant)
                #expect(status >= 400 && body.contains("<Code>\(code)</Code>"), "\(fields.map(\.0)): \(body)")
            }
            (status, body) = try await call(server, [("Action", "ListSAMLProviders")], as: tenant)
            #expect(body.components(separatedBy: "<Arn>").count == 2, "still one provider: \(body)")
            let other = try await server.createTenant("saml-other")
            (status, body) = try await call(server, [("Action", "GetSAMLProvider"), ("SAMLProviderArn", arn)], as: other)
            #expect(status == 404 && body.contains("NoSuchEntity"), "\(body)")

            (status, body) = try await call(
                server, [("Action", "TagSAMLProvider"), ("SAMLProviderArn", arn), ("Tags.member.1.Key", "stage"), ("Tags.member.1.Value", "prod")],
                as: tenant)
            #expect(status == 200, "\(body)")
            (status, body) = try await call(
                server, [("Action", "UntagSAMLProvider"), ("SAMLProviderArn", arn), ("TagKeys.member.1", "team")], as: tenant)
            (status, body) = try await call(server, [("Action", "ListSAMLProviderTags"), ("SAMLProviderArn", arn)], as: tenant)
            #expect(body.contains("<Key>stage</Key>") && !body.contains("<Key>team</Key>"), "\(body)")

            (status, body) = try await call(
                server,
                [
                    ("Action", "UpdateSAMLProvider"), ("SAMLProviderArn", arn),
                    ("SAMLMetadataDocument", "<not-metadata/>" + String(repeating: " ", count: 1000)),
                ],
                as: tenant)
            #expect(status == 400 && body.contains("InvalidInput"), "\(body)")
            (status, body) = try await call(
                server, [("Action", "UpdateSAMLProvider"), ("SAMLProviderArn", arn), ("SAMLMetadataDocument", metadata)], as: tenant)
            #expect(status == 200 && body.contains("<SAMLProviderArn>\(arn)</SAMLProviderArn>"), "\(body)")

            (status, body) = try await call(server, [("Action", "DeleteSAMLProvider"), ("SAMLProviderArn", arn)], as: tenant)
            #expect(status == 200, "\(body)")
            (status, body) = try await call(server, [("Action", "DeleteSAMLProvider"), ("SAMLProviderArn", arn)], as: tenant)
            #expect(status == 404, "\(body)")
        }
    }

    @Test func aProviderWhoseKeysCannotVerifyIsRefused() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("saml-keys")
            let metadata = try SAMLFixtures.text("metadata.xml")
            // The fixture's signing certificate swapped for one with an EC key: no RSA key, nothing could be verified.
            let ec = try SAMLFixtures.text("ec-cert.pem").split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
            guard let start = metadata.range(of: "<ds:X509Certificate>"), let end = metadata.range(of: "</ds:X509Certificate>") else {
                Issue.record("the fixture's metadata has no ds:X509Certificate")
                return
            }
            let swapped = metadata.replacingCharacters(in: start.upperBound..<end.lowerBound, with: ec)
            let (status, body) = try await call(
                server, [("Action", "CreateSAMLProvider"), ("Name", "ec-idp"), ("SAMLMetadataDocument", swapped)], as: tenant)
            #expect(status == 400 && body.contains("InvalidInput"), "\(body)")
        }
    }

    @Test func aProviderLivesOverRESTToo() async throws {
        try await withTestServer { server in
            let metadata = try SAMLFixtures.text("metadata.xml")
            let body = String(
                decoding: try JSONSerialization.data(withJSONObject: ["name": "rest-idp", "samlMetadataDocument": metadata]), as: UTF8.self)
            let headers = ["content-type": "application/json"]
            var r = try await server.send(.post, "/v1/iam/saml-providers", body: body, headers: headers)
            #expect(r.status.code == 201, "\(String(buffer: r.body))")
            let arn = try #require(server.json(r)["providerArn"] as? String)
            let named = "providerArn=" + arn.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "-._~").union(.alphanumerics))!
            r = try await server.send(.get, "/v1/iam/saml-provider", query: named)
            #expect(
                server.json(r)["samlMetadataDocument"] as? String == metadata && server.json(r)["assertionEncryptionMode"] as? String == "Allowed")
            r = try await server.send(.get, "/v1/iam/saml-providers")
            #expect((server.json(r)["providers"] as? [[String: Any]])?.first?["arn"] as? String == arn)
            #expect(
                try await server.send(
                    .post, "/v1/iam/saml-provider/tags", query: named, body: #"{"tags":[{"key":"team","value":"id"}]}"#, headers: headers
                ).status.code == 204)
            r = try await server.send(.get, "/v1/iam/saml-provider/tags", query: named)
            #expect((server.json(r)["tags"] as? [[String: String]]) == [["key": "team", "value": "id"]])
            r = try await server.send(.put, "/v1/iam/saml-provider", query: named, body: #"{"samlMetadataDocument":"<x/>"}"#, headers: headers)
            #expect(r.status.code == 400, "\(String(buffer: r.body))")
            #expect(try await server.send(.delete, "/v1/iam/saml-provider", query: named).status.code == 204)
            #expect(try await server.send(.get, "/v1/iam/saml-provider", query: named).status.code == 404)
        }
    }
}
