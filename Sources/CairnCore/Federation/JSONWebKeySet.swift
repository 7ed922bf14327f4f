import CairnPolicy
package import Foundation

/// An identity provider's signing keys (RFC 7517), as its `jwks_uri` publishes them: the RSA and EC public keys
/// Cairn can verify tokens with, their numbers still as bytes. Keys of other types, or meant for encryption, are
/// skipped as RFC 7517 §5 allows.
package struct JSONWebKeySet: Sendable {
    package enum Material: Sendable, Equatable {
        case rsa(modulus: Data, exponent: Data)
        /// An EC point on `curve` (`P-256`, `P-384`): x and y, big-endian.
        case ec(curve: String, x: Data, y: Data)
    }

    package struct Key: Sendable, Equatable {
        package let keyId: String?
        /// The key's `alg` when the provider states one: a token's `alg` must then be that.
        package let algorithm: String?
        package let material: Material
    }

    package let keys: [Key]

    /// nil when the document is not a JWK set.
    package init?(json data: Data) {
        guard case .object(let root)? = JSONValue.parse(data), case .array(let entries)? = root["keys"] else { return nil }
        func bytes(_ v: JSONValue?) -> Data? { v?.stringValue.flatMap { WebIdentityToken.base64URL(Substring($0)) } }
        var keys: [Key] = []
        for case .object(let entry) in entries {
            if let use = entry["use"]?.stringValue, use != "sig" { continue }
            let material: Material
            switch entry["kty"]?.stringValue {
            case "RSA":
                guard let n = bytes(entry["n"]), let e = bytes(entry["e"]) else { continue }
                material = .rsa(modulus: n, exponent: e)
            case "EC":
                guard let crv = entry["crv"]?.stringValue, let x = bytes(entry["x"]), let y = bytes(entry["y"]) else { continue }
                material = .ec(curve: crv, x: x, y: y)
            default:
                continue
            }
            keys.append(Key(keyId: entry["kid"]?.stringValue, algorithm: entry["alg"]?.stringValue, material: material))
        }
        self.keys = keys
    }

    /// The keys that may have signed `token`: the one its `kid` names, or every key when it names none.
    package func candidates(for token: WebIdentityToken) -> [Key] {
        keys.filter { key in
            (token.keyId == nil || key.keyId == token.keyId) && (key.algorithm == nil || key.algorithm == token.algorithm)
        }
    }
}
