import CairnPolicy
import CairnStore
import Crypto
import Foundation
import _CryptoExtras

/// Signs digests with its region's RSA key (SHA256withRSA, PKCS#1 v1.5), making the key on first use.
///
/// Each region has its own pair, as CloudTrail's do; the private half is stored sealed with the master key
/// and opened once per pass.
struct DigestSigner {
    let fingerprint: String
    private let key: _RSA.Signing.PrivateKey

    static func forRegion(_ region: String, in tx: Transaction, now: Date) async throws -> DigestSigner {
        let secrets = tx.secrets
        let row: DigestRepository.SigningKeyRow
        if let current = try await tx.digests.currentSigningKey(region: region) {
            row = current
        } else {
            let fresh = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let publicKey = fresh.publicKey.pkcs1DERRepresentation
            let candidate = DigestRepository.SigningKeyRow(
                fingerprint: fingerprint(of: publicKey), region: region, publicKey: publicKey,
                sealedPrivateKey: try secrets.seal(fresh.derRepresentation.base64EncodedString()), validFrom: now)
            row = try await tx.digests.currentSigningKey(region: region, orInsert: candidate)
        }
        let der = try secrets.open(row.sealedPrivateKey)
        guard let bytes = Data(base64Encoded: der) else { throw LogBucketError(code: "InternalFailure", detail: "unreadable signing key") }
        return DigestSigner(fingerprint: row.fingerprint, key: try _RSA.Signing.PrivateKey(derRepresentation: bytes))
    }

    /// Hex of the MD5 of the PKCS#1 public key: 32 hex digits, the form CloudTrail's fingerprints take.
    static func fingerprint(of publicKey: Data) -> String {
        Hexadecimal.string(Insecure.MD5.hash(data: publicKey))
    }

    func sign(_ text: String) throws -> String {
        Hexadecimal.string(try key.signature(for: Data(text.utf8), padding: .insecurePKCS1v1_5).rawRepresentation)
    }
}
