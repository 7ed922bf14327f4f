package import CairnCore
import Crypto
import X509
import _CryptoExtras

/// A SAML provider's signing keys, taken from the certificates in its metadata, and the digest and RSA operations an
/// XML signature check needs. Only the key in each certificate is used: like AWS, Cairn trusts the certificates
/// the administrator uploaded, not a chain or the certificate a response carries in its KeyInfo, and does not
/// check their validity dates (IdPs commonly sign with long-expired self-signed certificates).
package struct SAMLProviderKeys: XMLSignatureCryptography {
    /// RSA keys shorter than this are refused when the provider is created: they can be factored.
    package static let minimumKeySize = 2048

    package enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case unreadableCertificate(index: Int, reason: String)
        case notRSA(index: Int)
        case keyTooShort(index: Int, bits: Int)

        package var description: String {
            switch self {
            case .unreadableCertificate(let index, let reason): "Signing certificate \(index + 1) is not an X.509 certificate: \(reason)."
            case .notRSA(let index): "Signing certificate \(index + 1) does not hold an RSA key."
            case .keyTooShort(let index, let bits): "Signing certificate \(index + 1) holds a \(bits)-bit RSA key; at least 2048 bits are required."
            }
        }
    }

    private let keys: [_RSA.Signing.PublicKey]

    package init(certificates: [[UInt8]]) throws(Failure) {
        var keys: [_RSA.Signing.PublicKey] = []
        for (index, der) in certificates.enumerated() {
            let certificate: Certificate
            do {
                certificate = try Certificate(derEncoded: der)
            } catch {
                throw .unreadableCertificate(index: index, reason: String(describing: error))
            }
            guard let key = _RSA.Signing.PublicKey(certificate.publicKey) else { throw .notRSA(index: index) }
            guard key.keySizeInBits >= Self.minimumKeySize else { throw .keyTooShort(index: index, bits: key.keySizeInBits) }
            keys.append(key)
        }
        self.keys = keys
    }

    package init(metadata: SAMLMetadata) throws(Failure) {
        try self.init(certificates: metadata.signingCertificates)
    }

    package func digest(_ bytes: [UInt8], using algorithm: XMLDigestAlgorithm) -> [UInt8] {
        switch algorithm {
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha1: Array(Insecure.SHA1.hash(data: bytes))
        }
    }

    package func isValidSignature(_ signature: [UInt8], over signedBytes: [UInt8], using algorithm: XMLSignatureAlgorithm) -> Bool {
        let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
        return keys.contains { key in
            switch algorithm {
            case .rsaSHA256:
                key.isValidSignature(rsaSignature, for: SHA256.hash(data: signedBytes), padding: .insecurePKCS1v1_5)
            case .rsaSHA1:
                key.isValidSignature(rsaSignature, for: Insecure.SHA1.hash(data: signedBytes), padding: .insecurePKCS1v1_5)
            }
        }
    }
}
