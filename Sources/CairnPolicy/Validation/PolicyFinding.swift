/// One Access Analyzer ValidatePolicy finding, members as botocore's accessanalyzer model names them.
package struct PolicyFinding: Sendable, Hashable, Encodable {
    package enum FindingType: String, Sendable, Hashable, Encodable, Comparable {
        case error = "ERROR"
        case securityWarning = "SECURITY_WARNING"
        case warning = "WARNING"
        case suggestion = "SUGGESTION"

        /// The anchor word of AWS's check reference page for this type.
        var anchor: String {
            switch self {
            case .error: "error"
            case .securityWarning: "security-warning"
            case .warning: "general-warning"
            case .suggestion: "suggestion"
            }
        }

        private var rank: Int {
            switch self {
            case .error: 0
            case .securityWarning: 1
            case .warning: 2
            case .suggestion: 3
            }
        }

        package static func < (a: FindingType, b: FindingType) -> Bool { a.rank < b.rank }
    }

    /// A step into the document: exactly one member is set, as the model's union requires.
    package struct PathElement: Sendable, Hashable, Encodable {
        package var index: Int?
        package var key: String?
        package var value: String?

        package static func index(_ i: Int) -> PathElement { PathElement(index: i) }
        package static func key(_ k: String) -> PathElement { PathElement(key: k) }
        package static func value(_ k: String) -> PathElement { PathElement(value: k) }
    }

    package struct Position: Sendable, Hashable, Encodable {
        package var line: Int
        package var column: Int
        package var offset: Int
    }

    package struct Span: Sendable, Hashable, Encodable {
        package var start: Position
        package var end: Position
    }

    package struct Location: Sendable, Hashable, Encodable {
        package var path: [PathElement]
        package var span: Span
    }

    package var findingDetails: String
    package var findingType: FindingType
    package var issueCode: String
    package var learnMoreLink: String
    package var locations: [Location]

    package init(_ type: FindingType, _ code: String, _ details: String, locations: [Location]) {
        findingDetails = details
        findingType = type
        issueCode = code
        learnMoreLink =
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-\(type.anchor)-\(code.lowercased().replacingOccurrences(of: "_", with: "-"))"
        self.locations = locations
    }
}
