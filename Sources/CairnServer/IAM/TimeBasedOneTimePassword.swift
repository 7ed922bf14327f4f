import CairnCore
import Crypto
import Foundation

/// RFC 6238 codes as authenticator apps make them for an IAM virtual MFA device: HMAC-SHA1 over the 30-second step
/// count, six digits. A code is checked against a window of steps around ours shifted by the device's measured
/// drift, and only for steps after the last one accepted, so a code works once.
struct TimeBasedOneTimePassword: Sendable {
    static let stepSeconds: Double = 30
    /// Steps either side of the expected one a sign-in code may come from (±30 s, as apps are allowed).
    static let signInWindow: Int64 = 1
    /// How far from ours EnableMFADevice looks for the two codes (±5 minutes of clock drift).
    static let enableWindow: Int64 = 10
    /// How far ResyncMFADevice looks (±30 minutes): it exists to find a device that has drifted.
    static let resyncWindow: Int64 = 60

    let key: SymmetricKey

    /// nil for a seed that is not base32.
    init?(base32Seed: String) {
        guard let bytes = Base32.decode(base32Seed), !bytes.isEmpty else { return nil }
        key = SymmetricKey(data: bytes)
    }

    static func step(at time: Date) -> Int64 { Int64((time.timeIntervalSince1970 / stepSeconds).rounded(.down)) }

    func code(step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let mac = Array(withUnsafeBytes(of: &counter) { HMAC<Insecure.SHA1>.authenticationCode(for: $0, using: key) })
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let digits = String(value % 1_000_000)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// The step of two consecutive codes (`first` then `second`) within `window` steps of `now`: the newer one's.
    func consecutive(_ first: String, _ second: String, around now: Int64, window: Int64) -> Int64? {
        for step in (now - window)...(now + window) where constantTimeEqual(code(step: step), first) {
            if constantTimeEqual(code(step: step + 1), second) { return step + 1 }
        }
        return nil
    }

    /// The drift a code at `step` shows against ours: none within a minute (a code read a moment ago, or typed
    /// slowly), otherwise the whole difference.
    static func drift(of step: Int64, now: Int64) -> Int {
        abs(step - now) <= 2 ? 0 : Int(step - now)
    }

    /// The step of a single sign-in code near `expected`, newer than `spent`.
    func matching(_ value: String, expected: Int64, after spent: Int64) -> Int64? {
        for step in (expected - Self.signInWindow)...(expected + Self.signInWindow) where step > spent {
            if constantTimeEqual(code(step: step), value) { return step }
        }
        return nil
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
