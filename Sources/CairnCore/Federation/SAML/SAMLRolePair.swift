import Foundation

/// One value of the `https://aws.amazon.com/SAML/Attributes/Role` attribute: a role the user may assume and the
/// SAML provider that vouches for them. AWS accepts the two ARNs in either order, so they are told apart by shape.
package struct SAMLRolePair: Sendable, Hashable {
    package let roleArn: String
    package let providerArn: String

    package init(roleArn: String, providerArn: String) {
        self.roleArn = roleArn
        self.providerArn = providerArn
    }

    /// Reads `roleArn,providerArn` or `providerArn,roleArn`; nil when the value is not one of each.
    package init?(attributeValue: String) {
        let parts = attributeValue.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard parts.count == 2 else { return nil }
        if Self.isARN(parts[0], resource: "role/"), Self.isARN(parts[1], resource: "saml-provider/") {
            self.init(roleArn: parts[0], providerArn: parts[1])
        } else if Self.isARN(parts[1], resource: "role/"), Self.isARN(parts[0], resource: "saml-provider/") {
            self.init(roleArn: parts[1], providerArn: parts[0])
        } else {
            return nil
        }
    }

    /// `arn:<partition>:iam::<12-digit account>:<resource><name>`, with a non-empty name.
    private static func isARN(_ text: String, resource: String) -> Bool {
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", !fields[1].isEmpty,
            fields[1].allSatisfy({ ($0.isASCII && $0.isLowercase) || $0 == "-" }), fields[2] == "iam", fields[3].isEmpty,
            fields[4].count == 12, fields[4].allSatisfy({ $0.isASCII && $0.isNumber }), fields[5].hasPrefix(resource)
        else { return false }
        let name = fields[5].dropFirst(resource.count)
        return !name.isEmpty && !name.hasSuffix("/") && name.count <= 512
    }
}
