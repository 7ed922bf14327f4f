import CairnCore

/// CloudTrail's JSON 1.1 door (trails, event history, channels, Lake, public keys, delegated administrators) and
/// cloudtrail-data's PutAuditEvents: each operation's output is the model's response as it is.
enum CloudTrailBindings {
    static let all: [AWSBinding] = [
        .json(TrailOperations.createTrail), .json(TrailOperations.updateTrail), .json(TrailOperations.deleteTrail),
        .json(TrailOperations.getTrail), .json(TrailOperations.describeTrails), .json(TrailOperations.listTrails),
        .json(TrailOperations.getTrailStatus), .json(TrailOperations.startLogging), .json(TrailOperations.stopLogging),
        .json(TrailOperations.putEventSelectors), .json(TrailOperations.getEventSelectors),
        .json(TrailOperations.putInsightSelectors), .json(TrailOperations.getInsightSelectors),
        .json(TrailOperations.addTags), .json(TrailOperations.removeTags), .json(TrailOperations.listTags),
        .json(PublicKeyOperations.listPublicKeys),
        .json(TrailDelegatedAdministrators.register), .json(TrailDelegatedAdministrators.deregister),
        .json(EventHistoryOperations.lookupEvents), .json(InsightOperations.listInsightsData), .json(InsightOperations.listInsightsMetricData),
        .json(ChannelOperations.createChannel), .json(ChannelOperations.getChannel), .json(ChannelOperations.listChannels),
        .json(ChannelOperations.updateChannel), .json(ChannelOperations.deleteChannel),
        .json(ResourcePolicyOperations.putResourcePolicy), .json(ResourcePolicyOperations.getResourcePolicy),
        .json(ResourcePolicyOperations.deleteResourcePolicy),
        .json(ChannelOperations.putAuditEvents),
        .json(EventDataStoreOperations.createEventDataStore), .json(EventDataStoreOperations.getEventDataStore),
        .json(EventDataStoreOperations.listEventDataStores), .json(EventDataStoreOperations.updateEventDataStore),
        .json(EventDataStoreOperations.deleteEventDataStore), .json(EventDataStoreOperations.restoreEventDataStore),
        .json(EventDataStoreOperations.startEventDataStoreIngestion), .json(EventDataStoreOperations.stopEventDataStoreIngestion),
        .json(EventDataStoreOperations.enableFederation), .json(EventDataStoreOperations.disableFederation),
        .json(LakeQueryOperations.startQuery), .json(LakeQueryOperations.describeQuery), .json(LakeQueryOperations.getQueryResults),
        .json(LakeQueryOperations.listQueries), .json(LakeQueryOperations.cancelQuery),
        .json(LakeQueryOperations.searchSampleQueries), .json(LakeQueryOperations.generateQuery),
        .json(LakeDashboardOperations.createDashboard), .json(LakeDashboardOperations.getDashboard), .json(LakeDashboardOperations.listDashboards),
        .json(LakeDashboardOperations.updateDashboard), .json(LakeDashboardOperations.deleteDashboard),
        .json(LakeDashboardOperations.startDashboardRefresh),
        .json(LakeImportOperations.startImport), .json(LakeImportOperations.getImport), .json(LakeImportOperations.listImports),
        .json(LakeImportOperations.listImportFailures), .json(LakeImportOperations.stopImport),
    ]
}
