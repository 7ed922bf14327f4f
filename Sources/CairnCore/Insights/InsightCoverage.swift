/// Which Insights an account and region have: those of every logging trail with insight selectors that covers
/// them, by DeliveryRouting's account and region rules (an organization trail covers its members; a
/// multi-region trail every region; global service events count in us-east-1 for a trail that includes them).
/// Insights are about management events only here (Cairn records no data events). An event data store with
/// insight selectors covers the accounts it collects (its own, or its organization's) in its region, or in
/// every region when it is multi-region.
package struct InsightCoverage: Sendable {
    /// A store collecting events that asks for Insights, with the accounts it collects.
    package struct StoreSource: Sendable {
        package var store: EventDataStoreRecord
        package var accounts: Set<String>

        package init(store: EventDataStoreRecord, accounts: Set<String>) {
            self.store = store
            self.accounts = accounts
        }
    }

    private let trails: [TrailRecord]
    private let members: [String: Set<String>]
    private let stores: [StoreSource]

    package init(trails: [TrailRecord], members: [String: Set<String>], stores: [StoreSource] = []) {
        self.trails = trails.filter { $0.status.isLogging && !$0.insightSelectors.isEmpty }
        self.members = members
        self.stores = stores.filter { $0.store.status == .enabled && !$0.store.insightSelectors.isEmpty }
    }

    package var isEmpty: Bool { trails.isEmpty && stores.isEmpty }

    package func kinds(account: String, region: String, eventSource: String) -> Set<InsightKind> {
        var out: Set<InsightKind> = []
        for source in stores where source.accounts.contains(account) && (source.store.multiRegion || source.store.region == region) {
            for selector in source.store.insightSelectors where selector.eventCategories.contains(.management) {
                if let kind = InsightKind(rawValue: selector.insightType.rawValue) { out.insert(kind) }
            }
        }
        for trail in trails {
            let owns =
                account == trail.arn.accountId || (trail.organizationId.map { members[$0]?.contains(account) ?? false } ?? false)
            guard owns else { continue }
            let global = DeliveryRouting.globalServiceSources.contains(eventSource)
            if global && !trail.settings.includeGlobalServiceEvents { continue }
            guard trail.settings.isMultiRegionTrail || region == trail.arn.region || global else { continue }
            for selector in trail.insightSelectors where selector.eventCategories.contains(.management) {
                if let kind = InsightKind(rawValue: selector.insightType.rawValue) { out.insert(kind) }
            }
        }
        return out
    }

    /// The trails that log an Insight of `kind` for this account and region: they receive its events.
    package func covers(account: String, region: String, eventSource: String, kind: InsightKind) -> Bool {
        kinds(account: account, region: region, eventSource: eventSource).contains(kind)
    }
}
