import CairnCore
import CairnStore
import Foundation
import Logging

/// Decides a sign-in: who is signing in and whether their proof holds. Two ways in: an IAM user's password (and a
/// code from their MFA device when they have one, as AWS asks for it), or a long-term access key pair (an IAM user's
/// or the root user's). The answer says what CloudTrail records, so a refusal never tells which part was wrong.
struct ConsoleSignInCheck: Sendable {
    let store: Store
    let logger: Logger

    /// What the check found: the sign-in to record (nil when nothing can be recorded, e.g. an unknown key), and the
    /// MFA device to spend the code on.
    struct Verdict: Sendable {
        var signIn: ConsoleSignIn.Outcome
        var principal: Principal?
        var account: AccountId?
        var mfa: (serial: String, code: String)?
        /// A refusal the page shows without recording a sign-in attempt (the MFA code was not given yet).
        var prompt: String?
    }

    func keys(accessKeyId: String, secret: String, mfaCode: String?) async throws -> Verdict {
        guard AccessKeyFormat.isPlausibleId(accessKeyId), !accessKeyId.hasPrefix("ASIA"),
            let key = try await store.read(logger: logger, { tx in try await tx.accessKeys.lookup(accessKeyId) })
        else { return Verdict(signIn: .failedAuthentication, principal: nil, account: nil) }
        let account = key.principal.account
        guard key.active, key.principal.type == .root || key.principal.type == .iamUser,
            SigV4Request.constantTimeEquals(secret, key.secret)
        else { return Verdict(signIn: .failedAuthentication, principal: key.principal, account: account) }
        guard key.accountActive else { return Self.inactive(key.principal) }
        guard key.principal.type == .iamUser else { return Verdict(signIn: .success, principal: key.principal, account: account) }
        let devices = try await store.read(logger: logger) { tx in try await tx.mfaDevices.enabled(forUser: key.principal.principalId) }
        return Self.withMFA(devices, code: mfaCode, principal: key.principal)
    }

    func password(account accountText: String, userName: String, password: String, mfaCode: String?) async throws -> Verdict {
        guard let account = AccountId(accountText) else { return Verdict(signIn: .failedAuthentication, principal: nil, account: nil) }
        let found = try await store.read(logger: logger) { tx -> (IAMUserRecord, LoginProfileRecord?, [VirtualMFADeviceRecord], Bool)? in
            guard let user = try await tx.iamUsers.find(account: account, name: userName) else { return nil }
            return (
                user, try await tx.loginProfiles.find(userId: user.userId), try await tx.mfaDevices.enabled(forUser: user.userId),
                try await tx.accounts.find(account)?.status == "ACTIVE"
            )
        }
        guard let (user, profile, devices, accountActive) = found else {
            _ = try await PasswordHasher.matches(password, PasswordHasher.decoy)
            return Verdict(signIn: .unknownUser, principal: nil, account: account)
        }
        let principal = Principal(
            type: .iamUser, account: account, arn: user.arn, principalId: user.userId, accessKeyId: "", userName: user.name,
            tags: Dictionary(user.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
        // A user without a login profile has no password to match, as AWS answers it.
        let matched = try await PasswordHasher.matches(password, profile?.passwordHash ?? PasswordHasher.decoy)
        guard let profile, matched else {
            return Verdict(signIn: .failedAuthentication, principal: principal, account: account)
        }
        guard accountActive else { return Self.inactive(principal) }
        if profile.passwordResetRequired {
            return Verdict(
                signIn: .refused("Password reset required: ask an administrator to set a new password (iam:UpdateLoginProfile)"),
                principal: principal, account: account)
        }
        return Self.withMFA(devices, code: mfaCode, principal: principal)
    }

    /// A user with an MFA device signs in only with its current code (checked and spent when the session is issued).
    private static func withMFA(_ devices: [VirtualMFADeviceRecord], code: String?, principal: Principal) -> Verdict {
        let account = principal.account
        guard let device = devices.first else { return Verdict(signIn: .success, principal: principal, account: account) }
        guard let code else {
            return Verdict(
                signIn: .failedAuthentication, principal: principal, account: account,
                prompt: "This user signs in with MFA: enter the current code from the device \(device.serialNumber)")
        }
        // A code that cannot be one (not six digits) fails as a wrong code does, recorded with the device it was for.
        guard let code = try? VirtualMFADeviceRules.code(code, field: "mfaCode") else {
            return Verdict(signIn: .failedAuthentication, principal: principal, account: account, mfa: (device.serialNumber, "000000"))
        }
        return Verdict(signIn: .success, principal: principal, account: account, mfa: (device.serialNumber, code))
    }

    /// A suspended or closing account's principals sign in no more than they call: refused after the proof held, so the
    /// refusal tells nothing to whoever does not hold it.
    private static func inactive(_ principal: Principal) -> Verdict {
        Verdict(signIn: .refused("The account \(principal.account.value) is not active"), principal: principal, account: principal.account)
    }
}
