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

extension TrailEventSelector: Codable {
    enum CodingKeys: String, CodingKey {
        case readWriteType = "ReadWriteType", includeManagementEvents = "IncludeManagementEvents"
        case dataResources = "DataResources", excludeManagementEventSources = "ExcludeManagementEventSources"
    }
}

extension TrailEventSelector.ReadWriteType: Codable {}
