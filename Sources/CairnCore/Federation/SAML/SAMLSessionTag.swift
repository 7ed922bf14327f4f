/// A session tag passed as `https://aws.amazon.com/SAML/Attributes/PrincipalTag:<Key>`.
package struct SAMLSessionTag: Sendable, Hashable {
    package let key: String
    package let value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
