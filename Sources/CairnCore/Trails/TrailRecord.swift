package import Foundation

/// A stored trail: one row, whatever the number of regions and member accounts it reaches.
package struct TrailRecord: Sendable, Equatable {
    package let id: Int64
    package let arn: TrailARN
    /// Its flags mirror the row: `isMultiRegionTrail`, and `isOrganizationTrail` == (organizationId != nil).
    package var settings: TrailSettings
    /// The organization whose accounts see it; nil for an account trail.
    package var organizationId: String?
    package var eventSelectors: TrailEventSelectors
    package var hasCustomEventSelectors: Bool
    package var insightSelectors: [TrailInsightSelector]
    package var tags: [TrailTag]
    package var status: TrailStatus

    package init(
        id: Int64, arn: TrailARN, settings: TrailSettings, organizationId: String?, eventSelectors: TrailEventSelectors,
        hasCustomEventSelectors: Bool, insightSelectors: [TrailInsightSelector], tags: [TrailTag], status: TrailStatus
    ) {
        self.id = id
        self.arn = arn
        self.settings = settings
        self.organizationId = organizationId
        self.eventSelectors = eventSelectors
        self.hasCustomEventSelectors = hasCustomEventSelectors
        self.insightSelectors = insightSelectors
        self.tags = tags
        self.status = status
    }

    package var footprint: TrailFootprint {
        TrailFootprint(
            arn: arn, isMultiRegionTrail: settings.isMultiRegionTrail, isOrganizationTrail: organizationId != nil,
            organizationId: organizationId)
    }
}

/// What GetTrailStatus reports: the trail's logging state, and the delivery stage's latest outcomes in the
/// region asked about (each region of a multi-region trail has its own).
package struct TrailStatus: Sendable, Equatable {
    package var isLogging = false
    package var startLoggingTime: Date?
    package var stopLoggingTime: Date?
    package var latestDeliveryTime: Date?
    package var latestDeliveryError: String?
    package var latestDeliveryAttemptTime: Date?
    package var latestDeliveryAttemptSucceeded: Date?
    package var latestDigestDeliveryTime: Date?
    package var latestDigestDeliveryError: String?
    package var latestNotificationTime: Date?
    package var latestNotificationError: String?
    package var latestNotificationAttemptTime: Date?
    package var latestNotificationAttemptSucceeded: Date?
    package var latestCloudWatchLogsDeliveryTime: Date?
    package var latestCloudWatchLogsDeliveryError: String?

    package init() {}

    /// A member account's view of an organization trail: the management side's delivery errors stay there.
    package var withoutDeliveryErrors: TrailStatus {
        var copy = self
        copy.latestDeliveryError = nil
        copy.latestDigestDeliveryError = nil
        copy.latestNotificationError = nil
        copy.latestCloudWatchLogsDeliveryError = nil
        return copy
    }
}
