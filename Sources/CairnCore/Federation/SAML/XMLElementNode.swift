/// An element as the strict parser read it. Value semantics make a parsed document impossible to change behind the
/// signature check's back; `documentOrder` gives every element an identity that survives copying, so "the element
/// that was verified" and "the element being read" can be compared exactly even when two look alike.
package struct XMLElementNode: Sendable, Hashable {
    package let name: XMLName
    /// As written, in document order.
    package let namespaceDeclarations: [XMLNamespaceDeclaration]
    /// As written, in document order, without namespace declarations.
    package let attributes: [XMLAttribute]
    package let children: [XMLContent]
    /// Every namespace in scope here, prefix ("" for the default) to URI, including `xml`. An undeclared default
    /// namespace is absent rather than "".
    package let inScopeNamespaces: [String: String]
    /// 0 for the document element, then counting elements in the order their start tags appear.
    package let documentOrder: Int

    package init(
        name: XMLName, namespaceDeclarations: [XMLNamespaceDeclaration], attributes: [XMLAttribute],
        children: [XMLContent], inScopeNamespaces: [String: String], documentOrder: Int
    ) {
        self.name = name
        self.namespaceDeclarations = namespaceDeclarations
        self.attributes = attributes
        self.children = children
        self.inScopeNamespaces = inScopeNamespaces
        self.documentOrder = documentOrder
    }

    /// The value of the attribute with this local name and namespace ("" for an unprefixed attribute).
    package func attribute(_ localName: String, namespace: String = "") -> String? {
        attributes.first { $0.name.matches(localName, in: namespace) }?.value
    }

    package var childElements: [XMLElementNode] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    package func childElements(_ localName: String, in namespace: String) -> [XMLElementNode] {
        childElements.filter { $0.name.matches(localName, in: namespace) }
    }

    /// All the text and CDATA directly inside this element, joined. Joining (rather than taking the first text node)
    /// is what keeps `admin<!---->@evil.example` reading as the whole string the signature covers: canonical XML
    /// without comments signs exactly this concatenation.
    package var text: String {
        children.reduce(into: "") { result, child in
            if case .text(let value) = child { result += value }
        }
    }

    /// True when the element has child elements as well as its text: SAML's simple values never do.
    package var hasChildElements: Bool { !childElements.isEmpty }

    /// This element and all its descendant elements, in document order.
    package var subtree: [XMLElementNode] {
        var result: [XMLElementNode] = []
        var stack = [self]
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: next.childElements.reversed())
        }
        return result
    }
}
