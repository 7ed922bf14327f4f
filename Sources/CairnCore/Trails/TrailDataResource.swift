/// One `DataResources` entry of a basic selector: a resource type and the ARNs or ARN prefixes logged.
package struct TrailDataResource: Hashable, Sendable {
    /// The only types basic selectors accept; everything else needs advanced selectors.
    package static let basicTypes = ["AWS::S3::Object", "AWS::Lambda::Function", "AWS::DynamoDB::Table"]

    package var type: String
    package var values: [String]

    package init(type: String, values: [String]) {
        self.type = type
        self.values = values
    }
}

/// A `DataResources` entry as the request sent it.
package struct TrailDataResourceInput: Hashable, Sendable {
    package var type: String?
    package var values: [String]?

    package init(type: String? = nil, values: [String]? = nil) {
        self.type = type
        self.values = values
    }
}

extension TrailDataResource: Codable {
    enum CodingKeys: String, CodingKey { case type = "Type", values = "Values" }
}

extension TrailDataResourceInput: Codable {
    enum CodingKeys: String, CodingKey { case type = "Type", values = "Values" }
}
