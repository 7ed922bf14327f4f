import CairnCore
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// MFA devices, login profiles and the password policy over REST: the Query door's operations in JSON, with the
/// seed answered once and no password ever answered.
@Suite struct IAMRESTCredentialTests {
    let headers = ["content-type": "application/json"]

    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    /// SigV4's unreserved characters stay as they are; everything else is percent-encoded.
    func serialQuery(_ serial: String) -> String {
        "serialNumber=" + serial.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "-._~").union(.alphanumerics))!
    }

    @Test func aDeviceIsMadeEnabledListedDeactivatedAndDeletedOverREST() async throws {
        try await withTestServer { server in
            #expect(try await server.send(.post, "/v1/iam/users", body: #"{"userName":"rita"}"#, headers: headers).status.code == 201)
            var r = try await server.send(.post, "/v1/iam/mfa-devices", body: #"{"virtualMfaDeviceName":"rita-phone"}"#, headers: headers)
            #expect(r.status.code == 201, "\(String(buffer: r.body))")
            let serial = try #require(json(r)["serialNumber"] as? String)
            let seed = try #require(json(r)["base32StringSeed"] as? String)
            let png = try #require(Data(base64Encoded: json(r)["qrCodePng"] as? String ?? ""))
            #expect(
                serial == "arn:aws:iam::\(server.operatorAccount):mfa/rita-phone" && seed.count == 64 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            r = try await server.send(.get, "/v1/iam/mfa-devices", query: "assignmentStatus=Unassigned")
            #expect(String(buffer: r.body).contains(serial) && !String(buffer: r.body).contains(seed), "no seed in a list")

            let app = try MFADeviceTests.App(base32: seed)
            let now = MFADeviceTests.App.now
            r = try await server.send(
                .post, "/v1/iam/users/rita/mfa-devices",
                body: #"{"serialNumber":"\#(serial)","authenticationCode1":"\#(app.code(now - 1))","authenticationCode2":"\#(app.code(now + 5))"}"#,
                headers: headers)
            #expect(r.status.code == 403 && json(r)["code"] as? String == "InvalidAuthenticationCode", "\(json(r))")
            r = try await server.send(
                .post, "/v1/iam/users/rita/mfa-devices",
                body: #"{"serialNumber":"\#(serial)","authenticationCode1":"\#(app.code(now - 1))","authenticationCode2":"\#(app.code(now))"}"#,
                headers: headers)
            #expect(r.status.code == 204, "\(String(buffer: r.body))")
            // The phone's clock ten minutes fast: resynchronised with two of its codes.
            r = try await server.send(
                .post, "/v1/iam/users/rita/mfa-devices/resync",
                body: #"{"serialNumber":"\#(serial)","authenticationCode1":"\#(app.code(now + 20))","authenticationCode2":"\#(app.code(now + 21))"}"#,
                headers: headers)
            #expect(r.status.code == 204, "\(String(buffer: r.body))")
            r = try await server.send(.get, "/v1/iam/users/rita/mfa-devices")
            #expect((json(r)["mfaDevices"] as? [[String: Any]])?.first?["serialNumber"] as? String == serial, "\(json(r))")
            r = try await server.send(.delete, "/v1/iam/mfa-devices", query: serialQuery(serial))
            #expect(r.status.code == 409, "in use: \(r.status.code) \(String(buffer: r.body))")
            #expect(try await server.send(.delete, "/v1/iam/users/rita/mfa-devices", query: serialQuery(serial)).status.code == 204)
            #expect(try await server.send(.delete, "/v1/iam/mfa-devices", query: serialQuery(serial)).status.code == 204)
            #expect(try await server.send(.delete, "/v1/iam/mfa-devices", query: serialQuery(serial)).status.code == 404)
        }
    }

    @Test func loginProfilesAndThePasswordPolicyOverREST() async throws {
        try await withTestServer { server in
            #expect(try await server.send(.post, "/v1/iam/users", body: #"{"userName":"rita"}"#, headers: headers).status.code == 201)
            var r = try await server.send(.get, "/v1/iam/password-policy")
            #expect(r.status.code == 404)
            r = try await server.send(.put, "/v1/iam/password-policy", body: #"{"minimumPasswordLength":14,"requireSymbols":true}"#, headers: headers)
            #expect(r.status.code == 204, "\(String(buffer: r.body))")
            r = try await server.send(.get, "/v1/iam/password-policy")
            #expect(json(r)["minimumPasswordLength"] as? Int == 14 && json(r)["requireSymbols"] as? Bool == true, "\(json(r))")
            r = try await server.send(.post, "/v1/iam/users/rita/login-profile", body: #"{"password":"short-1!"}"#, headers: headers)
            #expect(r.status.code == 400 && json(r)["code"] as? String == "PasswordPolicyViolation", "\(json(r))")
            let secret = "Long-Enough-Password-1!"
            r = try await server.send(
                .post, "/v1/iam/users/rita/login-profile", body: #"{"password":"\#(secret)","passwordResetRequired":true}"#, headers: headers)
            #expect(r.status.code == 201 && json(r)["passwordResetRequired"] as? Bool == true && !String(buffer: r.body).contains(secret))
            r = try await server.send(.patch, "/v1/iam/users/rita/login-profile", body: #"{"passwordResetRequired":false}"#, headers: headers)
            #expect(r.status.code == 204)
            r = try await server.send(.get, "/v1/iam/users/rita/login-profile")
            #expect(json(r)["passwordResetRequired"] as? Bool == false && json(r)["userName"] as? String == "rita")
            r = try await server.send(
                .post, "/v1/iam/change-password", body: #"{"oldPassword":"\#(secret)","newPassword":"Another-Long-Password-2!"}"#, headers: headers)
            #expect(r.status.code == 400 && json(r)["code"] as? String == "InvalidUserType", "only IAM users change their own: \(json(r))")
            #expect(try await server.send(.delete, "/v1/iam/users/rita/login-profile").status.code == 204)
            #expect(try await server.send(.delete, "/v1/iam/password-policy").status.code == 204)
            var recorded = ""
            for try await text in try await server.store.client.query("SELECT record::text FROM events").decode(String.self) { recorded += text }
            #expect(recorded.contains("CreateLoginProfile") && !recorded.contains(secret), "no password is recorded")
        }
    }
}
