/// A basic event selector (`EventSelector`) after validation, with AWS's defaults filled in.
package struct TrailEventSelector: Hashable, Sendable {
    package enum ReadWriteType: String, CaseIterable, Hashable, Sendable {
        case readOnly = "ReadOnly"
        case writeOnly = "WriteOnly"
        case all = "All"

        package func admits(readOnly: Bool) -> Bool {
            switch self {
            case .all: true
            case .readOnly: readOnly
            case .writeOnly: !readOnly
            }
        }
    }

    package var readWriteType: ReadWriteType
    package var includeManagementEvents: Bool
    package var dataResources: [TrailDataResource]
    package var excludeManagementEventSources: [String]

    package init(
        readWriteType: ReadWriteType = .all, includeManagementEvents: Bool = true,
        dataResources: [TrailDataResource] = [], excludeManagementEventSources: [String] = []
    ) {
        self.readWriteType = readWriteType
        self.includeManagementEvents = includeManagementEvents
        self.dataResources = dataResources
        self.excludeManagementEventSources = excludeManagementEventSources
    }

    /// What GetEventSelectors returns for a trail nobody configured: all management events, read and
    /// write, no data events.
    package static let `default` = TrailEventSelector()
}

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

/// A basic selector as the request sent it, before defaults: nil means "not sent".
package struct TrailEventSelectorInput: Hashable, Sendable {
    package var readWriteType: String?
    package var includeManagementEvents: Bool?
    package var dataResources: [TrailDataResourceInput]?
    package var excludeManagementEventSources: [String]?

    package init(
        readWriteType: String? = nil, includeManagementEvents: Bool? = nil,
        dataResources: [TrailDataResourceInput]? = nil, excludeManagementEventSources: [String]? = nil
    ) {
        self.readWriteType = readWriteType
        self.includeManagementEvents = includeManagementEvents
        self.dataResources = dataResources
        self.excludeManagementEventSources = excludeManagementEventSources
    }
}

package struct TrailDataResourceInput: Hashable, Sendable {
    package var type: String?
    package var values: [String]?

    package init(type: String? = nil, values: [String]? = nil) {
        self.type = type
        self.values = values
    }
}
