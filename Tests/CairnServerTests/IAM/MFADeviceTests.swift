import CairnCore
import CairnTestSupport
import Crypto
import Foundation
import HummingbirdTesting
import Testing

@testable import CairnServer

/// Virtual MFA devices over the Query door: a device is created with its seed, enabled for a user with two
/// consecutive codes of that seed, and its codes then make MFA-authenticated sessions (GetSessionToken, AssumeRole)
/// that policies can require. Codes are computed here from the seed as an authenticator app would (RFC 6238).
@Suite struct MFADeviceTests {
    /// An authenticator app: six digits of HMAC-SHA1 over the 30-second step.
    struct App {
        let seed: [UInt8]
        init(base32 text: String) throws { seed = try #require(Base32.decode(text)) }
        func code(_ step: Int64) -> String {
            var counter = UInt64(step).bigEndian
            let mac = Array(withUnsafeBytes(of: &counter) { HMAC<Insecure.SHA1>.authenticationCode(for: $0, using: SymmetricKey(data: seed)) })
            let o = Int(mac[19] & 0x0F)
            let n = (Int(mac[o] & 0x7F) << 24 | Int(mac[o + 1]) << 16 | Int(mac[o + 2]) << 8 | Int(mac[o + 3])) % 1_000_000
            return String(format: "%06d", n)
        }
        static var now: Int64 { Int64(Date().timeIntervalSince1970 / 30) }
    }

    func sts(_ server: TestServer, _ fields: [(String, String)], as credentials: TestCredentials, token: String? = nil) async throws -> (Int, String)
    {
        let body = (fields + [("Version", "2011-06-15")]).map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)"
        }.joined(separator: "&")
        var headers = ["content-type": "application/x-www-form-urlencoded; charset=utf-8"]
        if let token { headers["x-amz-security-token"] = token }
        let r = try await server.send(.post, "/", body: body, service: "sts", credentials: credentials, headers: headers)
        return (Int(r.status.code), String(buffer: r.body))
    }

    func session(_ xml: String) throws -> (TestCredentials, String) {
        let key = try #require(xml.firstMatch(of: /<AccessKeyId>([^<]+)</)?.1, "\(xml)")
        let secret = try #require(xml.firstMatch(of: /<SecretAccessKey>([^<]+)</)?.1)
        let token = try #require(xml.firstMatch(of: /<SessionToken>([^<]+)</)?.1)
        return (TestCredentials(accessKeyId: String(key), secret: String(secret)), String(token))
    }

    /// A blob member of a Query answer, base64-decoded.
    func blob(_ xml: String, _ member: String) throws -> Data {
        let text = try #require(xml.firstMatch(of: try Regex("<\(member)>([^<]+)<"))?.output[1].substring, "\(member): \(xml)")
        return try #require(Data(base64Encoded: String(text)))
    }

    /// Creates a device and answers its serial number and the app holding its seed.
    func device(_ server: TestServer, _ name: String) async throws -> (serial: String, app: App) {
        let (status, xml) = try await server.iamQuery([("Action", "CreateVirtualMFADevice"), ("VirtualMFADeviceName", name)])
        #expect(status == 200, "\(xml)")
        let serial = String(try #require(xml.firstMatch(of: /<SerialNumber>([^<]+)</)?.1, "\(xml)"))
        let seed = try blob(xml, "Base32StringSeed")
        return (serial, try App(base32: String(decoding: seed, as: UTF8.self)))
    }

    func enable(_ server: TestServer, user: String, _ d: (serial: String, app: App), step: Int64 = App.now) async throws -> (Int, String) {
        try await server.iamQuery(
            [
                ("Action", "EnableMFADevice"), ("UserName", user), ("SerialNumber", d.serial),
                ("AuthenticationCode1", d.app.code(step - 1)), ("AuthenticationCode2", d.app.code(step)),
            ])
    }

    @Test func theTOTPCodesAreRFC6238s() throws {
        // RFC 6238 appendix B, SHA-1, the last six of its eight digits.
        let otp = try #require(TimeBasedOneTimePassword(base32Seed: Base32.encode(Array("12345678901234567890".utf8))))
        #expect(otp.code(step: 59 / 30) == "287082")
        #expect(otp.code(step: 1_111_111_109 / 30) == "081804")
        #expect(otp.code(step: 1_234_567_890 / 30) == "005924")
        #expect(otp.code(step: 20_000_000_000 / 30) == "353130")
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI" && Base32.decode("mzxw6ytboi") == Array("foobar".utf8))
        #expect(Base32.decode("MZ1W") == nil)
    }

    @Test func aDeviceIsCreatedWithASeedAndAQRCodeThatAreNeverAnsweredOrRecordedAgain() async throws {
        try await withTestServer { server in
            var (status, xml) = try await server.iamQuery(
                [
                    ("Action", "CreateVirtualMFADevice"), ("VirtualMFADeviceName", "ana-phone"), ("Path", "/team/"),
                    ("Tags.member.1.Key", "owner"), ("Tags.member.1.Value", "ana"),
                ])
            #expect(status == 200, "\(xml)")
            #expect(xml.contains("<SerialNumber>arn:aws:iam::\(server.operatorAccount):mfa/team/ana-phone</SerialNumber>"))
            let seedText = try #require(xml.firstMatch(of: /<Base32StringSeed>([^<]+)</)?.1)
            let seed = String(decoding: try blob(xml, "Base32StringSeed"), as: UTF8.self)
            #expect(seed.count == 64 && Base32.decode(seed)?.count == 40, "\(seed)")
            let png = try blob(xml, "QRCodePNG")
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            (status, xml) = try await server.iamQuery([
                ("Action", "CreateVirtualMFADevice"), ("VirtualMFADeviceName", "ana-phone"), ("Path", "/team/"),
            ])
            #expect(status == 409 && xml.contains("EntityAlreadyExists"), "\(xml)")
            for (fields, member) in [
                ([("VirtualMFADeviceName", "bad name")], "virtualMFADeviceName"), ([("VirtualMFADeviceName", "x"), ("Path", "nope")], "path"),
                ([], "virtualMFADeviceName"),
            ] {
                (status, xml) = try await server.iamQuery([("Action", "CreateVirtualMFADevice")] + fields)
                #expect(status == 400 && xml.contains(member), "\(fields): \(xml)")
            }
            (status, xml) = try await server.iamQuery([("Action", "ListVirtualMFADevices")])
            #expect(xml.components(separatedBy: "<SerialNumber>").count == 2 && !xml.contains("Base32StringSeed") && !xml.contains("QRCodePNG"))
            #expect(xml.contains("<Key>owner</Key>"), "\(xml)")

            var records = ""
            for try await text in try await server.store.client.query("SELECT record::text FROM events").decode(String.self) { records += text }
            #expect(records.contains(#""virtualMFADevice": {"serialNumber": "arn:aws:iam::\#(server.operatorAccount):mfa/team/ana-phone"}"#))
            #expect(!records.contains(seed) && !records.contains(String(seedText)), "the seed is never recorded")
            var sealed = Data()
            for try await s in try await server.store.client.query("SELECT seed_sealed FROM iam_mfa_devices").decode(Data.self) { sealed = s }
            #expect(!sealed.isEmpty && !String(decoding: sealed, as: UTF8.self).contains(seed), "the seed is stored sealed")
        }
    }

    @Test func enablingTakesTwoConsecutiveCodesAndAnEnabledDeviceIsListedDeactivatedAndDeleted() async throws {
        try await withTestServer { server in
            _ = try await server.createUser("ana")
            let d = try await device(server, "ana-phone")
            let now = App.now
            var (status, xml) = try await server.iamQuery(
                [
                    ("Action", "EnableMFADevice"), ("UserName", "ana"), ("SerialNumber", d.serial),
                    ("AuthenticationCode1", d.app.code(now)), ("AuthenticationCode2", d.app.code(now + 2)),
                ])
            #expect(status == 403 && xml.contains("<Code>InvalidAuthenticationCode</Code>"), "codes that are not consecutive: \(xml)")
            (status, xml) = try await server.iamQuery(
                [
                    ("Action", "EnableMFADevice"), ("UserName", "ana"), ("SerialNumber", d.serial), ("AuthenticationCode1", "12345"),
                    ("AuthenticationCode2", "123456"),
                ])
            #expect(status == 400 && xml.contains("authenticationCode1") && !xml.contains("12345'"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "ListMFADevices"), ("UserName", "ana")])
            #expect(!xml.contains("<SerialNumber>"), "a refused enable enables nothing")
            (status, xml) = try await enable(server, user: "ana", d)
            #expect(status == 200, "\(xml)")
            (status, xml) = try await enable(server, user: "ana", d)
            #expect(status == 409 && xml.contains("EntityAlreadyExists"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "ListMFADevices"), ("UserName", "ana")])
            #expect(xml.contains("<SerialNumber>\(d.serial)</SerialNumber>") && xml.contains("<EnableDate>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "ListVirtualMFADevices"), ("AssignmentStatus", "Unassigned")])
            #expect(!xml.contains("<SerialNumber>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "ListVirtualMFADevices"), ("AssignmentStatus", "Assigned")])
            #expect(xml.contains("<UserName>ana</UserName>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "ListVirtualMFADevices"), ("AssignmentStatus", "Some")])
            #expect(status == 400 && xml.contains("assignmentStatus"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GetMFADevice"), ("SerialNumber", d.serial)])
            #expect(xml.contains("<UserName>ana</UserName>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GetAccountSummary")])
            #expect(xml.contains("<key>MFADevices</key><value>1</value>") && xml.contains("<key>MFADevicesInUse</key><value>1</value>"), "\(xml)")

            (status, xml) = try await server.iamQuery([("Action", "DeleteUser"), ("UserName", "ana")])
            #expect(status == 409 && xml.contains("MFA device"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "DeleteVirtualMFADevice"), ("SerialNumber", d.serial)])
            #expect(status == 409 && xml.contains("DeleteConflict"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "DeactivateMFADevice"), ("SerialNumber", d.serial)])
            #expect(status == 200, "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "DeactivateMFADevice"), ("SerialNumber", d.serial)])
            #expect(status == 404 && xml.contains("NoSuchEntity"), "\(xml)")
            #expect(try await server.iamQuery([("Action", "DeleteVirtualMFADevice"), ("SerialNumber", d.serial)]).0 == 200)
            #expect(try await server.iamQuery([("Action", "DeleteVirtualMFADevice"), ("SerialNumber", d.serial)]).0 == 404)
            (status, xml) = try await server.iamQuery([("Action", "DeleteUser"), ("UserName", "ana")])
            #expect(!xml.contains("MFA device"), "only its access key is left: \(xml)")
        }
    }

    @Test func anotherAccountsDevicesAreNotFound() async throws {
        try await withTestServer { server in
            let other = try await server.createTenant("other")
            let d = try await device(server, "mine")
            for action in ["GetMFADevice", "DeleteVirtualMFADevice", "ListMFADeviceTags"] {
                let r = try await server.awsQuery(
                    "Action=\(action)&SerialNumber=\(d.serial.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&Version=2010-05-08",
                    service: "iam", credentials: other.credentials)
                #expect(r.status == .notFound, "\(action): \(String(buffer: r.body))")
            }
            #expect(try await server.iamQuery([("Action", "GetMFADevice"), ("SerialNumber", d.serial)]).0 == 200, "still there")
        }
    }

    @Test func aSessionTokenWithACodeIsMFAAuthenticatedAndACodeWorksOnce() async throws {
        try await withTestServer { server in
            // ana may do anything, but IAM only with MFA (BoolIfExists: long-term keys carry no MFA key at all).
            let ana = try await server.createUser(
                "ana",
                inline: [
                    policy("Allow", "*"),
                    policy("Deny", "iam:ListUsers", condition: #"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}"#),
                ])
            let d = try await device(server, "ana-phone")
            let now = App.now
            #expect(try await enable(server, user: "ana", d, step: now).0 == 200)
            var (status, xml) = try await sts(
                server, [("Action", "GetSessionToken"), ("SerialNumber", d.serial), ("TokenCode", d.app.code(now))], as: ana.credentials)
            #expect(status == 403 && xml.contains("MultiFactorAuthentication failed"), "a code enabling spent: \(xml)")
            (status, xml) = try await sts(
                server, [("Action", "GetSessionToken"), ("SerialNumber", d.serial), ("TokenCode", d.app.code(now + 1))], as: ana.credentials)
            #expect(status == 200, "\(xml)")
            let (credentials, token) = try session(xml)
            (status, xml) = try await sts(
                server, [("Action", "GetSessionToken"), ("SerialNumber", d.serial), ("TokenCode", d.app.code(now + 1))], as: ana.credentials)
            #expect(status == 403, "the same code again: \(xml)")

            let list = try await server.send(
                .post, "/", body: "Action=ListUsers&Version=2010-05-08", service: "iam", credentials: credentials,
                headers: ["content-type": "application/x-www-form-urlencoded", "x-amz-security-token": token])
            #expect(list.status == .ok, "an MFA session calls IAM: \(String(buffer: list.body))")
            let plain = try await server.iamQuery([("Action", "ListUsers")], as: ana.credentials)
            #expect(plain.0 == 403, "the access key alone is denied by the BoolIfExists condition: \(plain.1)")

            var records = ""
            for try await text in try await server.store.client.query(
                "SELECT record::text FROM events WHERE event_name IN ('ListUsers', 'GetSessionToken', 'EnableMFADevice')"
            ).decode(String.self) { records += text }
            #expect(records.contains(#""mfaAuthenticated": "true""#), "\(records)")
            #expect(!records.contains(d.app.code(now + 1)) && !records.contains(d.app.code(now)), "no code is recorded")
        }
    }

    @Test func aTrustPolicyRequiringMFAIsMetByAssumeRoleWithACode() async throws {
        try await withTestServer { server in
            let ana = try await server.createUser("ana", inline: [policy("Allow", "sts:AssumeRole")])
            let trust =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(ana.arn)"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#
            var (status, xml) = try await server.iamQuery(
                [("Action", "CreateRole"), ("RoleName", "break-glass"), ("AssumeRolePolicyDocument", trust)])
            #expect(status == 200, "\(xml)")
            let role = "arn:aws:iam::\(server.operatorAccount):role/break-glass"
            let d = try await device(server, "ana-phone")
            let now = App.now
            #expect(try await enable(server, user: "ana", d, step: now - 1).0 == 200)
            (status, xml) = try await sts(server, [("Action", "AssumeRole"), ("RoleArn", role), ("RoleSessionName", "ops")], as: ana.credentials)
            #expect(status == 403 && xml.contains("AccessDenied"), "without a code: \(status) \(xml)")
            (status, xml) = try await sts(
                server,
                [("Action", "AssumeRole"), ("RoleArn", role), ("RoleSessionName", "ops"), ("SerialNumber", d.serial), ("TokenCode", "000000")],
                as: ana.credentials)
            #expect(status == 403 && xml.contains("MultiFactorAuthentication failed"), "a wrong code: \(xml)")
            (status, xml) = try await sts(
                server,
                [
                    ("Action", "AssumeRole"), ("RoleArn", role), ("RoleSessionName", "ops"), ("SerialNumber", d.serial),
                    ("TokenCode", d.app.code(now)),
                ],
                as: ana.credentials)
            #expect(status == 200, "\(xml)")
            let (credentials, token) = try session(xml)
            let who = try await sts(server, [("Action", "GetCallerIdentity")], as: credentials, token: token)
            #expect(who.1.contains("assumed-role/break-glass/ops"))
            var records = ""
            for try await text in try await server.store.client.query(
                "SELECT record::text FROM events WHERE event_name = 'GetCallerIdentity'"
            ).decode(String.self) { records += text }
            #expect(records.contains(#""mfaAuthenticated": "true""#), "\(records)")
        }
    }

    @Test func resyncFindsADriftedDeviceAndTagsGoWithTheDevice() async throws {
        try await withTestServer { server in
            _ = try await server.createUser("ana")
            let d = try await device(server, "ana-phone")
            #expect(try await enable(server, user: "ana", d).0 == 200)
            // The phone's clock runs ten minutes fast.
            let drifted = App.now + 20
            var (status, xml) = try await server.iamQuery(
                [
                    ("Action", "ResyncMFADevice"), ("UserName", "ana"), ("SerialNumber", d.serial),
                    ("AuthenticationCode1", d.app.code(drifted)), ("AuthenticationCode2", d.app.code(drifted + 1)),
                ])
            #expect(status == 200, "\(xml)")
            var drift = 0
            for try await v in try await server.store.client.query("SELECT drift_steps FROM iam_mfa_devices").decode(Int.self) { drift = v }
            #expect((20...21).contains(drift), "\(drift)")
            (status, xml) = try await server.iamQuery([
                ("Action", "TagMFADevice"), ("SerialNumber", d.serial), ("Tags.member.1.Key", "k"), ("Tags.member.1.Value", "v"),
            ])
            #expect(status == 200, "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "ListMFADeviceTags"), ("SerialNumber", d.serial)])
            #expect(xml.contains("<Key>k</Key>") && xml.contains("<Value>v</Value>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "UntagMFADevice"), ("SerialNumber", d.serial), ("TagKeys.member.1", "k")])
            #expect(status == 200)
            (status, xml) = try await server.iamQuery([("Action", "ListMFADeviceTags"), ("SerialNumber", d.serial)])
            #expect(!xml.contains("<Key>k</Key>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GenerateCredentialReport")])
            (status, xml) = try await server.iamQuery([("Action", "GetCredentialReport")])
            let csv = String(decoding: try blob(xml, "Content"), as: UTF8.self)
            let line = try #require(csv.split(separator: "\n").first { $0.hasPrefix("ana,") })
            #expect(line.split(separator: ",", omittingEmptySubsequences: false)[7] == "true", "mfa_active: \(line)")
        }
    }
}
