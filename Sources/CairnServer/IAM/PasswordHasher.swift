import CairnCore
import Crypto
import Foundation
import NIOPosix
import _CryptoExtras

/// Console passwords as stored: PBKDF2-HMAC-SHA256 with a random 16-byte salt, written
/// `pbkdf2-sha256$<rounds>$<salt>$<hash>` so a later cost can be told from an earlier one. The work runs on NIO's
/// blocking pool: a hash takes long on purpose, and Swift's cooperative pool has a thread per core.
enum PasswordHasher {
    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
    static let rounds = 600_000

    static func hash(_ password: String) async throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var g = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &g) }
        let derived = try await derive(password, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(derived.base64EncodedString())"
    }

    /// A hash no password is known to match, of today's cost: checked against when there is no user or no login
    /// profile, so a refused sign-in takes as long whether or not the name exists (no user enumeration by timing).
    static let decoy = "pbkdf2-sha256$\(rounds)$Y2Fpcm4tbm8tc3VjaC11c2Vy$ZGVjb3ktaGFzaC1tYXRjaGVzLW5vIHBhc3N3b3JkLTAw"

    /// Whether `password` is the one `stored` was made from; a stored text of another form matches nothing.
    static func matches(_ password: String, _ stored: String) async throws -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), (1_000...10_000_000).contains(rounds),
            let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3]))
        else { return false }
        let derived = try await derive(password, salt: Array(salt), rounds: rounds)
        return derived.count == expected.count && zip(derived, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) async throws -> Data {
        try await NIOThreadPool.singleton.runIfActive {
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: Data(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
            return key.withUnsafeBytes { Data($0) }
        }
    }
}
