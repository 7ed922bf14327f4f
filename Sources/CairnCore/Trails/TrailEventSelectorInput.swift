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

extension TrailEventSelectorInput: Codable {
    enum CodingKeys: String, CodingKey {
        case readWriteType = "ReadWriteType", includeManagementEvents = "IncludeManagementEvents"
        case dataResources = "DataResources", excludeManagementEventSources = "ExcludeManagementEventSources"
    }
}
