import Crypto
import Foundation
import Synchronization

/// SigV4 signing keys by access key and scope (day, region, service), as AWS's own front ends keep them:
/// deriving one takes four HMACs, and a client signs every request of a day with the same one. An entry is
/// used only with the secret it was derived from (compared by digest, so the table holds no secret), so a
/// rotated or replaced secret is never answered with an old key.
final class SigningKeyCache: Sendable {
    private struct Entry {
        let secretDigest: SHA256.Digest
        let key: SymmetricKey
    }

    /// Whose key, for which scope: kept as its parts, so finding a key joins no strings.
    private struct Scope: Hashable {
        let accessKeyId: String
        let date: String
        let region: String
        let service: String
    }

    private let table = Mutex<[Scope: Entry]>([:])
    /// Bounds memory under many keys; eviction is wholesale and only costs a derivation.
    private let capacity = 20_000

    func key(for claim: SigV4Request.Claim, secret: String) -> SymmetricKey {
        let name = Scope(accessKeyId: claim.accessKeyId, date: claim.date, region: claim.region, service: claim.service)
        var secret = secret
        let digest = secret.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        if let known = table.withLock({ $0[name] }), known.secretDigest == digest { return known.key }
        let key = SigV4Request.signingKey(secret: secret, claim: claim)
        table.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[name] = Entry(secretDigest: digest, key: key)
        }
        return key
    }
}
