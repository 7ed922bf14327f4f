import CairnCore
import CairnStore
import Foundation

/// An MFA code presented to STS (GetSessionToken's or AssumeRole's SerialNumber and TokenCode): the device must be
/// an IAM user's enabled virtual device and the caller that user; the code must come from the device's current
/// 30-second step (±1, shifted by its drift) and be newer than the last code it accepted. Checked once without
/// spending the code (so a trust policy can see `aws:MultiFactorAuthPresent`), then spent under the device's row
/// lock, so of two calls racing with one code only one gets a session.
enum MFACodeCheck {
    /// nil when the request names no device.
    static func presented(serialNumber: String?, tokenCode: String?) throws(ServiceError) -> (serial: String, code: String)? {
        guard let serialNumber else {
            if tokenCode != nil { throw .missingParameter("serialNumber") }
            return nil
        }
        let serial = try VirtualMFADeviceRules.serialNumber(serialNumber)
        guard tokenCode != nil else { throw .missingParameter("tokenCode") }
        return (serial, try VirtualMFADeviceRules.code(tokenCode, field: "tokenCode"))
    }

    /// The step the code is valid for; refuses as STS refuses a code it cannot validate.
    static func verify(
        _ presented: (serial: String, code: String), caller: Principal, time: Date, tx: Transaction, spend: Bool
    )
        async throws -> Int64
    {
        guard caller.type == .iamUser, let account = VirtualMFADeviceRules.account(ofSerialNumber: presented.serial),
            account == caller.account,
            let device = try await tx.mfaDevices.find(account: account, serialNumber: presented.serial, locked: spend),
            device.user?.userId == caller.principalId,
            let otp = TimeBasedOneTimePassword(base32Seed: device.seed)
        else { throw refused }
        let expected = TimeBasedOneTimePassword.step(at: time) + Int64(device.driftSteps)
        guard let step = otp.matching(presented.code, expected: expected, after: device.lastStep) else { throw refused }
        if spend { try await tx.mfaDevices.accept(serialNumber: device.serialNumber, step: step, driftSteps: device.driftSteps) }
        return step
    }

    static let refused = ServiceError(
        code: "AccessDeniedException", status: 403, message: "MultiFactorAuthentication failed with invalid MFA one time pass code.")
}
