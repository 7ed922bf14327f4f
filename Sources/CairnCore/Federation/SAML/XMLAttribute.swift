/// An attribute other than a namespace declaration, with its value already normalized as XML 1.0 §3.3.3 says for
/// an undeclared (CDATA) attribute: references replaced, and each literal tab or line end turned into a space.
package struct XMLAttribute: Sendable, Hashable {
    package let name: XMLName
    package let value: String

    package init(name: XMLName, value: String) {
        self.name = name
        self.value = value
    }
}
