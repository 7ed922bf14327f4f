/// One `xmlns` or `xmlns:p` attribute as written on an element. Canonicalization decides from these and the
/// in-scope map which declarations to render, so they are kept apart from ordinary attributes.
package struct XMLNamespaceDeclaration: Sendable, Hashable {
    /// "" for the default namespace.
    package let prefix: String
    /// "" only for `xmlns=""`, which undeclares the default namespace (prefixes cannot be undeclared in XML 1.0).
    package let uri: String

    package init(prefix: String, uri: String) {
        self.prefix = prefix
        self.uri = uri
    }
}
