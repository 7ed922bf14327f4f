import CairnPolicy

/// Which addresses Cairn may fetch an identity provider's documents from. A tenant registers the provider URL, so
/// without this rule any tenant could make the service open connections inside the operator's network (to probe it
/// through the answers' timing and errors). Loopback, private, link-local, shared and unspecified networks are
/// refused unless the operator allows them (`CAIRN_OIDC_ALLOW_PRIVATE_NETWORKS`, for an identity provider of its own
/// network, and for tests).
package enum IdentityProviderAddressRules {
    private static let internalNetworks: [CIDRBlock] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/3", "::/128", "::1/128", "::ffff:0:0/96", "64:ff9b::/96", "fc00::/7",
        "fe80::/10", "ff00::/8",
    ].compactMap(CIDRBlock.init)

    /// Whether `address` (an IP address as text) is on the public internet.
    package static func isPublic(_ address: String) -> Bool {
        guard let ip = IPAddress(address) else { return false }
        return !internalNetworks.contains { $0.contains(ip) }
    }
}
