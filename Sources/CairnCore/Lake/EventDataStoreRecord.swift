package import Foundation

/// A stored event data store: its settings, not its events, which are derived from the event log.
package struct EventDataStoreRecord: Sendable, Equatable {
    package let id: UUID
    package let arn: String
    package let account: String
    package let region: String
    package var name: String
    package var status: EventDataStoreStatus
    package var statusBeforeDeletion: EventDataStoreStatus?
    package var category: EventDataStoreCategory
    package var selectors: [TrailAdvancedEventSelector]
    package var multiRegion: Bool
    package var organizationEnabled: Bool
    package var retentionDays: Int
    package var terminationProtection: Bool
    package var kmsKeyId: String?
    package var billingMode: EventDataStoreBillingMode
    package var tags: [TrailTag]
    package var created: Date
    package var updated: Date
    package var deletionRequested: Date?
    /// The role Lake query federation uses; federation is ENABLED while one is named.
    package var federationRoleArn: String?
    /// The store's resource-based policy (PutResourcePolicy): who else may query it.
    package var resourcePolicy: String?
    /// Insights on the store's management events (PutInsightSelectors with EventDataStore), and the Insights store
    /// that holds their events.
    package var insightSelectors: [TrailInsightSelector] = []
    package var insightsDestination: UUID?

    package init(
        id: UUID, arn: String, account: String, region: String, name: String, status: EventDataStoreStatus,
        category: EventDataStoreCategory, selectors: [TrailAdvancedEventSelector], multiRegion: Bool, organizationEnabled: Bool,
        retentionDays: Int, terminationProtection: Bool, kmsKeyId: String?, billingMode: EventDataStoreBillingMode, tags: [TrailTag],
        created: Date, updated: Date
    ) {
        self.id = id
        self.arn = arn
        self.account = account
        self.region = region
        self.name = name
        self.status = status
        self.category = category
        self.selectors = selectors
        self.multiRegion = multiRegion
        self.organizationEnabled = organizationEnabled
        self.retentionDays = retentionDays
        self.terminationProtection = terminationProtection
        self.kmsKeyId = kmsKeyId
        self.billingMode = billingMode
        self.tags = tags
        self.created = created
        self.updated = updated
    }
}

/// The one kind of event a store holds, chosen by its `eventCategory` selectors.
package enum EventDataStoreCategory: String, Sendable, Codable {
    /// CloudTrail's own events (management events; Cairn records no data or network-activity events).
    case management = "Management"
    /// Events from outside AWS, sent through channels that name the store.
    case activityAuditLog = "ActivityAuditLog"
    /// Insights events of the store's accounts.
    case insight = "Insight"
}

/// How AWS bills a store, which bounds its retention.
package enum EventDataStoreBillingMode: String, Sendable, Codable, CaseIterable {
    case extendable = "EXTENDABLE_RETENTION_PRICING"
    case fixed = "FIXED_RETENTION_PRICING"

    /// Days a store of this mode may keep events, and how many it keeps when none is given.
    package var retention: ClosedRange<Int> { self == .extendable ? 7...3653 : 7...2557 }
    package var defaultRetention: Int { self == .extendable ? 366 : 2557 }
}
