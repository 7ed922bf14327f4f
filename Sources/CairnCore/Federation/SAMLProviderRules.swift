package import Foundation

/// IAM's rules for SAML providers: names, ARNs, the metadata document's size, and the per-account quota.
package enum SAMLProviderRules {
    /// IAM's quota of SAML providers per account.
    package static let maximumPerAccount = 100
    /// SAMLMetadataDocument is 1,000 to 10,000,000 characters.
    package static let metadataLength = 1000...10_000_000
    /// A provider without a validUntil in its metadata is good for this long from when it is stored.
    package static let defaultValidity: TimeInterval = 100 * 365 * 86_400

    /// 1–128 characters of `[\w._-]`.
    package static func name(_ raw: String?) throws(ServiceError) -> String {
        guard let raw else { throw ServiceError.missingParameter("Name") }
        guard (1...128).contains(raw.count),
            raw.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
            })
        else { throw invalid("Name must be 1 to 128 characters of letters, digits and ._- : \(raw)") }
        return raw
    }

    package static func arn(partition: String, account: AccountId, name: String) -> String {
        "arn:\(partition):iam::\(account.value):saml-provider/\(name)"
    }

    /// The account and name a provider ARN names.
    package static func parse(arn raw: String?) throws(ServiceError) -> (AccountId, String) {
        guard let raw else { throw ServiceError.missingParameter("SAMLProviderArn") }
        let parts = raw.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard raw.count >= 20, raw.count <= 2048, parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[3].isEmpty,
            let account = AccountId(String(parts[4])), parts[5].hasPrefix("saml-provider/")
        else { throw invalid("SAMLProviderArn is not the ARN of a SAML provider: \(raw)") }
        return (account, try name(String(parts[5].dropFirst("saml-provider/".count))))
    }

    package static func metadata(_ raw: String?) throws(ServiceError) -> String {
        guard let raw else { throw ServiceError.missingParameter("SAMLMetadataDocument") }
        guard metadataLength.contains(raw.count) else {
            throw invalid("SAMLMetadataDocument must be 1,000 to 10,000,000 characters long.")
        }
        return raw
    }

    package static func invalid(_ message: String) -> ServiceError { .invalidInput(message) }
}
