/// Event history and ingestion. LookupEvents reads the caller's own account and region; channel operations
/// act on a channel (the handler names its ARN); PutAuditEvents arrives on cloudtrail-data's REST-JSON path.
extension OperationCatalogue {
    package enum Events {
        /// REST's export of a range is event history too, authorized and recorded as LookupEvents.
        package static let lookupEvents = CatalogueOperation(.cloudtrail, "LookupEvents", readOnly: true, rest: ["lookupEvents", "exportEvents"])
        package static let createChannel = CatalogueOperation(.cloudtrail, "CreateChannel", readOnly: false, rest: ["createChannel"])
        package static let getChannel = CatalogueOperation(.cloudtrail, "GetChannel", readOnly: true, rest: ["getChannel"])
        package static let listChannels = CatalogueOperation(.cloudtrail, "ListChannels", readOnly: true, rest: ["listChannels"])
        package static let updateChannel = CatalogueOperation(.cloudtrail, "UpdateChannel", readOnly: false, rest: ["updateChannel"])
        package static let deleteChannel = CatalogueOperation(.cloudtrail, "DeleteChannel", readOnly: false, rest: ["deleteChannel"])
        package static let putAuditEvents = CatalogueOperation(.cloudtrailData, "PutAuditEvents", readOnly: false, rest: ["putAuditEvents"])
        package static let putResourcePolicy = CatalogueOperation(
            .cloudtrail, "PutResourcePolicy", readOnly: false, rest: ["putChannelPolicy", "putEventDataStorePolicy", "putDashboardPolicy"])
        package static let getResourcePolicy = CatalogueOperation(
            .cloudtrail, "GetResourcePolicy", readOnly: true, rest: ["getChannelPolicy", "getEventDataStorePolicy", "getDashboardPolicy"])
        package static let deleteResourcePolicy = CatalogueOperation(
            .cloudtrail, "DeleteResourcePolicy", readOnly: false,
            rest: ["deleteChannelPolicy", "deleteEventDataStorePolicy", "deleteDashboardPolicy"])
        /// Insights: the account's own Insights events and the counts behind them, in the calling region.
        package static let listInsightsData = CatalogueOperation(.cloudtrail, "ListInsightsData", readOnly: true, rest: ["listInsightsData"])
        package static let listInsightsMetricData = CatalogueOperation(
            .cloudtrail, "ListInsightsMetricData", readOnly: true, rest: ["listInsightsMetricData"])

        static let all: [CatalogueOperation] = [
            lookupEvents, createChannel, getChannel, listChannels, updateChannel, deleteChannel, putAuditEvents, putResourcePolicy,
            getResourcePolicy, deleteResourcePolicy, listInsightsData, listInsightsMetricData,
        ]
    }
}
