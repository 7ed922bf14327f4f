/// One `saml:Attribute` from the assertion's attribute statements, values trimmed of surrounding whitespace (IdPs
/// pretty-print them). All are kept, not only AWS's, because trust policies can test other SAML keys.
package struct SAMLAttribute: Sendable, Hashable {
    package let name: String
    package let nameFormat: String?
    package let values: [String]

    package init(name: String, nameFormat: String?, values: [String]) {
        self.name = name
        self.nameFormat = nameFormat
        self.values = values
    }
}
