import CairnCore
import Testing

/// Identity providers are fetched only from public addresses unless the operator allows its own networks.
@Suite struct IdentityProviderAddressRulesTests {
    @Test(arguments: ["8.8.8.8", "203.0.113.7", "2606:4700::1111"])
    func publicAddressesMayServeAProvider(_ address: String) {
        #expect(IdentityProviderAddressRules.isPublic(address))
    }

    @Test(arguments: [
        "127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1",
        "fe80::1", "::ffff:10.0.0.1", "not-an-address",
    ])
    func loopbackPrivateAndLinkLocalAddressesMayNot(_ address: String) {
        #expect(!IdentityProviderAddressRules.isPublic(address))
    }
}
