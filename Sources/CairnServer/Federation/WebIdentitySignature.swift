import CairnCore
import Crypto
import Foundation
import _CryptoExtras

/// Checks a token's JWS signature with one of its issuer's keys. Only the asymmetric algorithms an identity
/// provider signs with are accepted: `none` and the HMAC ones (whose key would be the public key itself) never.
enum WebIdentitySignature {
    static let algorithms: Set<String> = ["RS256", "RS384", "RS512", "ES256", "ES384"]

    static func verify(_ token: WebIdentityToken, with keys: [JSONWebKeySet.Key]) -> Bool {
        guard algorithms.contains(token.algorithm) else { return false }
        return keys.contains { verify(token, $0.material) }
    }

    private static func verify(_ token: WebIdentityToken, _ material: JSONWebKeySet.Material) -> Bool {
        let input = token.signingInput
        switch (token.algorithm, material) {
        case ("RS256", .rsa(let n, let e)), ("RS384", .rsa(let n, let e)), ("RS512", .rsa(let n, let e)):
            guard let key = try? _RSA.Signing.PublicKey(n: n, e: e) else { return false }
            let signature = _RSA.Signing.RSASignature(rawRepresentation: token.signature)
            switch token.algorithm {
            case "RS256": return key.isValidSignature(signature, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5)
            case "RS384": return key.isValidSignature(signature, for: SHA384.hash(data: input), padding: .insecurePKCS1v1_5)
            default: return key.isValidSignature(signature, for: SHA512.hash(data: input), padding: .insecurePKCS1v1_5)
            }
        case ("ES256", .ec("P-256", let x, let y)):
            guard let key = try? P256.Signing.PublicKey(x963Representation: [0x04] + x + y),
                let signature = try? P256.Signing.ECDSASignature(rawRepresentation: token.signature)
            else { return false }
            return key.isValidSignature(signature, for: SHA256.hash(data: input))
        case ("ES384", .ec("P-384", let x, let y)):
            guard let key = try? P384.Signing.PublicKey(x963Representation: [0x04] + x + y),
                let signature = try? P384.Signing.ECDSASignature(rawRepresentation: token.signature)
            else { return false }
            return key.isValidSignature(signature, for: SHA384.hash(data: input))
        default:
            return false
        }
    }
}
