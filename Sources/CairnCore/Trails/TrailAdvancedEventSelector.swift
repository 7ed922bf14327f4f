/// An advanced event selector: a name and field conditions that must all hold.
package struct TrailAdvancedEventSelector: Hashable, Sendable {
    package var name: String?
    package var fieldSelectors: [TrailAdvancedFieldSelector]

    package init(name: String? = nil, fieldSelectors: [TrailAdvancedFieldSelector]) {
        self.name = name
        self.fieldSelectors = fieldSelectors
    }
}

extension TrailAdvancedEventSelector: Codable {
    enum CodingKeys: String, CodingKey { case name = "Name", fieldSelectors = "FieldSelectors" }
}
