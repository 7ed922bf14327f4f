import CairnCore
import CairnTestSupport
import Foundation
import HTTPTypes
import Logging
import Testing

/// IAM management through the Query protocol on a live server, signed as the operator's root user.
@Suite struct IAMQueryTests {
    static let trust =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#
    static let readPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}]}"#

    static func form(_ action: String, _ fields: [(String, String)] = []) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        let pairs = [("Action", action), ("Version", "2010-05-08")] + fields
        return pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    }

    static func call(_ server: TestServer, _ action: String, _ fields: [(String, String)] = []) async throws -> (Int, String) {
        let r = try await server.awsQuery(form(action, fields), service: "iam")
        return (Int(r.status.code), String(buffer: r.body))
    }

    static func value(_ tag: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(tag)>"), let close = xml.range(of: "</\(tag)>", range: open.upperBound..<xml.endIndex) else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }

    @Test func userLifecycleInQueryXML() async throws {
        try await withTestServer { server in
            let (status, xml) = try await Self.call(
                server, "CreateUser", [("UserName", "alice"), ("Path", "/eng/"), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "core")])
            #expect(status == 200, "\(xml)")
            #expect(xml.contains("<CreateUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><CreateUserResult><User>"))
            #expect(xml.contains("<Arn>arn:aws:iam::\(server.operatorAccount):user/eng/alice</Arn>"))
            #expect(xml.contains("<Tags><member><Key>team</Key><Value>core</Value></member></Tags>"))
            #expect(Self.value("UserId", in: xml)?.hasPrefix("AIDA") == true)

            let (dupStatus, dup) = try await Self.call(server, "CreateUser", [("UserName", "ALICE")])
            #expect(dupStatus == 409 && dup.contains("<Code>EntityAlreadyExists</Code>") && dup.contains("<Type>Sender</Type>"))

            let (_, got) = try await Self.call(server, "GetUser", [("UserName", "Alice")])
            #expect(Self.value("UserName", in: got) == "alice")

            let (_, listed) = try await Self.call(server, "ListUsers", [("PathPrefix", "/eng")])
            #expect(listed.contains("<Users><member>") && listed.contains("<IsTruncated>false</IsTruncated>"))

            let (missingStatus, missing) = try await Self.call(server, "GetUser", [("UserName", "nobody")])
            #expect(
                missingStatus == 404 && missing.contains("<Code>NoSuchEntity</Code>")
                    && missing.contains("The user with name nobody cannot be found."))

            let (badStatus, bad) = try await Self.call(server, "CreateUser", [("UserName", "bad name")])
            #expect(badStatus == 400 && bad.contains("<Code>ValidationError</Code>") && bad.contains("at &apos;userName&apos;"))

            let (deleted, _) = try await Self.call(server, "DeleteUser", [("UserName", "alice")])
            #expect(deleted == 200)
        }
    }

    @Test func listUsersPagesWithMarkers() async throws {
        try await withTestServer { server in
            for name in ["u1", "u2", "u3"] { _ = try await Self.call(server, "CreateUser", [("UserName", name)]) }
            let (_, first) = try await Self.call(server, "ListUsers", [("MaxItems", "2")])
            #expect(first.contains("<IsTruncated>true</IsTruncated>"))
            let marker = try #require(Self.value("Marker", in: first))
            let (_, second) = try await Self.call(server, "ListUsers", [("MaxItems", "2"), ("Marker", marker)])
            #expect(second.contains("<UserName>u3</UserName>") && !second.contains("<UserName>u1</UserName>"))
        }
    }

    @Test func rolesValidateTrustPoliciesAndReturnThemURLEncoded() async throws {
        try await withTestServer { server in
            let (status, xml) = try await Self.call(
                server, "CreateRole", [("RoleName", "deployer"), ("AssumeRolePolicyDocument", Self.trust), ("MaxSessionDuration", "7200")])
            #expect(status == 200, "\(xml)")
            #expect(Self.value("AssumeRolePolicyDocument", in: xml) == IAMPolicyDocumentRules.urlEncoded(Self.trust))
            #expect(Self.value("MaxSessionDuration", in: xml) == "7200")

            let (badStatus, bad) = try await Self.call(server, "CreateRole", [("RoleName", "r2"), ("AssumeRolePolicyDocument", Self.readPolicy)])
            #expect(badStatus == 400 && bad.contains("<Code>MalformedPolicyDocument</Code>"))
            let (_, none) = try await Self.call(server, "GetRole", [("RoleName", "r2")])
            #expect(none.contains("NoSuchEntity"))

            let (putStatus, _) = try await Self.call(
                server, "PutRolePolicy", [("RoleName", "deployer"), ("PolicyName", "read"), ("PolicyDocument", Self.readPolicy)])
            #expect(putStatus == 200)
            let (_, doc) = try await Self.call(server, "GetRolePolicy", [("RoleName", "deployer"), ("PolicyName", "read")])
            #expect(Self.value("PolicyDocument", in: doc) == IAMPolicyDocumentRules.urlEncoded(Self.readPolicy))
            let (conflict, body) = try await Self.call(server, "DeleteRole", [("RoleName", "deployer")])
            #expect(conflict == 409 && body.contains("<Code>DeleteConflict</Code>"))
            _ = try await Self.call(server, "DeleteRolePolicy", [("RoleName", "deployer"), ("PolicyName", "read")])
            let (ok, _) = try await Self.call(server, "DeleteRole", [("RoleName", "deployer")])
            #expect(ok == 200)
        }
    }

    @Test func managedPoliciesVersionsAndAttachments() async throws {
        try await withTestServer { server in
            let (_, created) = try await Self.call(server, "CreatePolicy", [("PolicyName", "readers"), ("PolicyDocument", Self.readPolicy)])
            let arn = try #require(Self.value("Arn", in: created))
            #expect(arn == "arn:aws:iam::\(server.operatorAccount):policy/readers")
            _ = try await Self.call(server, "CreateUser", [("UserName", "bob")])
            let (attach, _) = try await Self.call(server, "AttachUserPolicy", [("UserName", "bob"), ("PolicyArn", arn)])
            #expect(attach == 200)
            let (_, listed) = try await Self.call(server, "ListAttachedUserPolicies", [("UserName", "bob")])
            #expect(listed.contains("<PolicyArn>\(arn)</PolicyArn>"))
            let (_, version) = try await Self.call(
                server, "CreatePolicyVersion", [("PolicyArn", arn), ("PolicyDocument", Self.readPolicy), ("SetAsDefault", "true")])
            #expect(Self.value("VersionId", in: version) == "v2" && Self.value("IsDefaultVersion", in: version) == "true")
            let (conflict, _) = try await Self.call(server, "DeletePolicy", [("PolicyArn", arn)])
            #expect(conflict == 409)
            let (_, aws) = try await Self.call(server, "ListPolicies", [("Scope", "AWS")])
            #expect(aws.contains("arn:aws:iam::aws:policy/AdministratorAccess"))
            let (badScope, _) = try await Self.call(server, "ListPolicies", [("Scope", "Everything")])
            #expect(badScope == 400)
        }
    }

    @Test func accessKeysSecretShownOnceAndNeverRecorded() async throws {
        try await withTestServer { server in
            _ = try await Self.call(server, "CreateUser", [("UserName", "carol")])
            let (_, created) = try await Self.call(server, "CreateAccessKey", [("UserName", "carol")])
            let secret = try #require(Self.value("SecretAccessKey", in: created))
            let keyId = try #require(Self.value("AccessKeyId", in: created))
            _ = try await Self.call(server, "CreateAccessKey", [("UserName", "carol")])
            let (limit, body) = try await Self.call(server, "CreateAccessKey", [("UserName", "carol")])
            #expect(limit == 409 && body.contains("<Code>LimitExceeded</Code>"))
            let (_, listed) = try await Self.call(server, "ListAccessKeys", [("UserName", "carol")])
            #expect(listed.contains(keyId) && !listed.contains(secret))
            let (updated, _) = try await Self.call(
                server, "UpdateAccessKey", [("UserName", "carol"), ("AccessKeyId", keyId), ("Status", "Inactive")])
            #expect(updated == 200)
            let events = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 50)
            }
            let encoded = String(decoding: try JSONEncoder().encode(events), as: UTF8.self)
            #expect(encoded.contains("CreateAccessKey") && !encoded.contains(secret))
        }
    }
}
