/// A tag on a trail. A key sent without a value gets a null value.
package struct TrailTag: Hashable, Sendable {
    package var key: String
    package var value: String?

    package init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

extension TrailTag: Codable {
    enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }
}
