import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Console passwords over the Query door: the account's password policy, users' login profiles and ChangePassword.
/// A password is checked against the policy, stored only as a hash, and never answered or recorded.
@Suite struct PasswordTests {

    func recordedText(_ server: TestServer) async throws -> String {
        var all = ""
        for try await text in try await server.store.client.query("SELECT record::text FROM events").decode(String.self) { all += text }
        return all
    }

    @Test func thePasswordPolicyIsSetReadAndDeletedAndLeftOutMembersTakeIAMsDefaults() async throws {
        try await withTestServer { server in
            var (status, xml) = try await server.iamQuery([("Action", "GetAccountPasswordPolicy")])
            #expect(status == 404 && xml.contains("<Code>NoSuchEntity</Code>"), "\(xml)")
            (status, xml) = try await server.iamQuery(
                [
                    ("Action", "UpdateAccountPasswordPolicy"), ("MinimumPasswordLength", "12"), ("RequireSymbols", "true"),
                    ("MaxPasswordAge", "90"), ("PasswordReusePrevention", "3"),
                ])
            #expect(status == 200, "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GetAccountPasswordPolicy")])
            #expect(xml.contains("<MinimumPasswordLength>12</MinimumPasswordLength>") && xml.contains("<RequireSymbols>true</RequireSymbols>"))
            #expect(xml.contains("<RequireNumbers>false</RequireNumbers>") && xml.contains("<ExpirePasswords>true</ExpirePasswords>"))
            #expect(xml.contains("<MaxPasswordAge>90</MaxPasswordAge>") && xml.contains("<PasswordReusePrevention>3</PasswordReusePrevention>"))
            (status, xml) = try await server.iamQuery([("Action", "UpdateAccountPasswordPolicy"), ("MinimumPasswordLength", "5")])
            #expect(status == 400 && xml.contains("minimumPasswordLength"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GetAccountPasswordPolicy")])
            #expect(xml.contains("<MinimumPasswordLength>12</MinimumPasswordLength>"), "a refused update changes nothing")
            #expect(try await server.iamQuery([("Action", "DeleteAccountPasswordPolicy")]).0 == 200)
            #expect(try await server.iamQuery([("Action", "DeleteAccountPasswordPolicy")]).0 == 404)
        }
    }

    @Test func aLoginProfileHoldsOnlyAHashOfAPasswordThePolicyAccepts() async throws {
        try await withTestServer { server in
            _ = try await server.createUser("ana")
            let secret = "Correct-Horse-42"
            var (status, xml) = try await server.iamQuery([("Action", "CreateLoginProfile"), ("UserName", "ana"), ("Password", "short")])
            #expect(status == 400 && xml.contains("<Code>PasswordPolicyViolation</Code>"), "\(xml)")
            #expect(try await server.iamQuery([("Action", "GetLoginProfile"), ("UserName", "ana")]).0 == 404, "a refused create makes nothing")
            (status, xml) = try await server.iamQuery(
                [("Action", "CreateLoginProfile"), ("UserName", "ana"), ("Password", secret), ("PasswordResetRequired", "true")])
            #expect(status == 200 && xml.contains("<UserName>ana</UserName>") && xml.contains("<PasswordResetRequired>true</PasswordResetRequired>"))
            #expect(!xml.contains(secret))
            (status, xml) = try await server.iamQuery([("Action", "CreateLoginProfile"), ("UserName", "ana"), ("Password", secret)])
            #expect(status == 409 && xml.contains("EntityAlreadyExists"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "DeleteUser"), ("UserName", "ana")])
            #expect(status == 409 && xml.contains("login profile"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "UpdateLoginProfile"), ("UserName", "ana"), ("PasswordResetRequired", "false")])
            #expect(status == 200)
            (status, xml) = try await server.iamQuery([("Action", "GetLoginProfile"), ("UserName", "ana")])
            #expect(xml.contains("<PasswordResetRequired>false</PasswordResetRequired>") && xml.contains("<CreateDate>"))

            var stored = ""
            for try await h in try await server.store.client.query("SELECT password_hash FROM iam_login_profiles").decode(String.self) { stored = h }
            #expect(stored.hasPrefix("pbkdf2-sha256$600000$") && !stored.contains(secret))
            let records = try await recordedText(server)
            #expect(records.contains("CreateLoginProfile") && !records.contains(secret) && !records.contains("short"), "no password is recorded")
            #expect(try await server.iamQuery([("Action", "DeleteLoginProfile"), ("UserName", "ana")]).0 == 200)
            #expect(try await server.iamQuery([("Action", "DeleteLoginProfile"), ("UserName", "ana")]).0 == 404)
        }
    }

    @Test func aUserChangesItsOwnPasswordWhenTheAccountAllowsItAndNeverToARecentOne() async throws {
        try await withTestServer { server in
            let bo = try await server.createUser("bo")
            let first = "First-Password-1"
            #expect(try await server.iamQuery([("Action", "CreateLoginProfile"), ("UserName", "bo"), ("Password", first)]).0 == 200)
            var (status, xml) = try await server.iamQuery(
                [("Action", "ChangePassword"), ("OldPassword", first), ("NewPassword", "Second-Password-2")], as: bo.credentials)
            #expect(status == 403 && xml.contains("AccessDenied"), "without AllowUsersToChangePassword or a policy: \(xml)")
            #expect(
                try await server.iamQuery(
                    [("Action", "UpdateAccountPasswordPolicy"), ("AllowUsersToChangePassword", "true"), ("PasswordReusePrevention", "2")]
                ).0 == 200)
            (status, xml) = try await server.iamQuery(
                [("Action", "ChangePassword"), ("OldPassword", "Not-The-Password-9"), ("NewPassword", "Second-Password-2")],
                as: bo.credentials)
            #expect(status == 400 && xml.contains("oldPassword"), "\(xml)")
            (status, xml) = try await server.iamQuery(
                [("Action", "ChangePassword"), ("OldPassword", first), ("NewPassword", first)], as: bo.credentials)
            #expect(status == 400 && xml.contains("<Code>PasswordPolicyViolation</Code>"), "the current password cannot be reused: \(xml)")
            (status, xml) = try await server.iamQuery(
                [("Action", "ChangePassword"), ("OldPassword", first), ("NewPassword", "Second-Password-2")], as: bo.credentials)
            #expect(status == 200, "\(xml)")
            (status, xml) = try await server.iamQuery(
                [("Action", "ChangePassword"), ("OldPassword", first), ("NewPassword", "Third-Password-3")], as: bo.credentials)
            #expect(status == 400, "the old password no longer matches")
            (status, xml) = try await server.iamQuery([("Action", "GetAccountPasswordPolicy")], as: bo.credentials)
            #expect(status == 200, "AllowUsersToChangePassword also lets users read the policy: \(xml)")
            (status, xml) = try await server.iamQuery([("Action", "ChangePassword"), ("OldPassword", first), ("NewPassword", "x")])
            #expect(status == 400 && xml.contains("InvalidUserType"), "the root user has no login profile to change: \(xml)")
        }
    }
}
