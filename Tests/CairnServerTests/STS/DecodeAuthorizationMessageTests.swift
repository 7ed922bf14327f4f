import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// sts:DecodeAuthorizationMessage: a refusal on the REST door carries an encoded message; a principal of the same
/// account allowed to decode reads what was refused and why, and nobody else reads anything.
@Suite struct DecodeAuthorizationMessageTests {
    func decode(_ server: TestServer, _ message: String, as credentials: TestCredentials) async throws -> (Int, String) {
        let body =
            "Action=DecodeAuthorizationMessage&Version=2011-06-15&EncodedMessage="
            + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? message)
        let r = try await server.send(
            .post, "/", body: body, service: "sts", credentials: credentials,
            headers: ["content-type": "application/x-www-form-urlencoded; charset=utf-8"])
        return (Int(r.status.code), String(buffer: r.body))
    }

    func encodedMessage(_ r: TestResponse) throws -> String {
        let problem = try #require(try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
        return try #require(problem["encodedAuthorizationMessage"] as? String, "\(problem)")
    }

    @Test func aRefusalsMessageDecodesToWhatWasRefusedAndWhy() async throws {
        try await withTestServer { server in
            let bo = try await server.createUser(
                "bo",
                inline: [
                    policy("Allow", "sts:DecodeAuthorizationMessage"),
                    #"{"Version":"2012-10-17","Statement":[{"Sid":"NoRegions","Effect":"Deny","Action":"cairn:ListRegions","Resource":"*"}]}"#,
                ])
            let refused = try await server.send(.get, "/v1/regions", credentials: bo.credentials)
            #expect(refused.status == .forbidden)
            let message = try encodedMessage(refused)
            // Sealed, not merely encoded: neither the text nor its base64 payload shows what was refused.
            var payload = String(message.drop { $0 != "." }.dropFirst()).replacingOccurrences(of: "-", with: "+").replacingOccurrences(
                of: "_", with: "/")
            payload += String(repeating: "=", count: (4 - payload.count % 4) % 4)
            let opened = String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self)
            #expect(!message.contains(bo.arn) && !opened.contains("ListRegions") && !opened.contains(bo.arn))
            let (status, xml) = try await decode(server, message, as: bo.credentials)
            #expect(status == 200, "\(xml)")
            let text = try #require(xml.firstMatch(of: /<DecodedMessage>([^<]+)</)?.1)
            let json = String(text).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
            #expect(decoded["allowed"] as? Bool == false && decoded["explicitDeny"] as? Bool == true)
            let context = try #require(decoded["context"] as? [String: Any])
            #expect(context["action"] as? String == "cairn:ListRegions")
            #expect((context["principal"] as? [String: Any])?["arn"] as? String == bo.arn)
            let statements = ((decoded["matchedStatements"] as? [String: Any])?["items"] as? [[String: Any]]) ?? []
            #expect(statements.contains { $0["statementId"] as? String == "NoRegions" && $0["effect"] as? String == "DENY" }, "\(statements)")
            let keys = (((context["conditions"] as? [String: Any])?["items"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String }
            #expect(keys.contains("aws:SourceIp") && keys.contains("aws:RequestedRegion"), "\(keys)")
        }
    }

    @Test func decodingNeedsThePermissionAndTheSameAccountAndAnIntactMessage() async throws {
        try await withTestServer { server in
            let nobody = try await server.createUser("nobody")
            let message = try encodedMessage(try await server.send(.get, "/v1/regions", credentials: nobody.credentials))
            var (status, xml) = try await decode(server, message, as: nobody.credentials)
            #expect(status == 403 && xml.contains("sts:DecodeAuthorizationMessage"), "\(xml)")
            let other = try await server.createTenant("elsewhere")
            (status, xml) = try await decode(server, message, as: other.credentials)
            #expect(status == 400 && xml.contains("InvalidAuthorizationMessageException"), "another account's message: \(xml)")
            let tampered = String(message.dropLast(4)) + (message.hasSuffix("AAAA") ? "BBBB" : "AAAA")
            (status, xml) = try await decode(server, tampered, as: server.root)
            #expect(status == 400 && xml.contains("InvalidAuthorizationMessageException"), "\(xml)")
            (status, xml) = try await decode(server, message, as: server.root)
            #expect(status == 200 && xml.contains("DecodedMessage"), "\(xml)")
            let missing = try await server.awsQuery("Action=DecodeAuthorizationMessage&Version=2011-06-15", service: "sts", credentials: server.root)
            #expect(missing.status == .badRequest && String(buffer: missing.body).contains("encodedMessage"), "\(String(buffer: missing.body))")
        }
    }
}
