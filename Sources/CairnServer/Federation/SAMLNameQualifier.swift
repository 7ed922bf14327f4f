import Crypto
import Foundation

/// STS's NameQualifier for a SAML session: base64(SHA-1(issuer + account ID + "/" + provider name)). Together with
/// the subject it identifies a federated user across sessions; SHA-1 here is an identifier, not a security check,
/// and is kept because AWS defines the value this way.
package enum SAMLNameQualifier {
    package static func value(issuer: String, accountID: String, providerName: String) -> String {
        let digest = Insecure.SHA1.hash(data: Array((issuer + accountID + "/" + providerName).utf8))
        return Data(digest).base64EncodedString()
    }
}
