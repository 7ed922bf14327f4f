package import Foundation

/// CloudTrail Lake's rules for event data stores: names, references, selectors, retention, limits and the
/// status a call needs (reference/cloudtrail-lake.md §1.1, §1.6).
package enum EventDataStoreRules {
    /// Stores per account and region, in every status, PENDING_DELETION included (the current user guide's
    /// reading; docs/behaviour.md).
    package static let maximumStores = 10
    /// Days a deleted store waits in PENDING_DELETION, restorable, before it is purged.
    package static let pendingDeletionDays = 7
    package static let defaultSelectorName = "Default management events"

    package static func validateName(_ name: String?) throws(ServiceError) -> String {
        guard let name else { throw ServiceError.missingParameter("Name") }
        guard (3...128).contains(name.count), name.unicodeScalars.allSatisfy(ChannelRules.isNameCharacter) else {
            throw invalidParameter("Event data store name \(name) is not valid: use 3 to 128 letters, digits, periods, underscores or hyphens.")
        }
        return name
    }

    /// An `EventDataStore` argument is the store's ARN or its id (the ARN's suffix). A malformed value, or an ARN
    /// of another account or region, is EventDataStoreARNInvalidException; a well-formed id that names no
    /// store is the caller's to learn as EventDataStoreNotFoundException.
    package static func storeId(_ raw: String?, partition: String, region: String, account: String) throws(ServiceError) -> UUID {
        guard let raw else { throw ServiceError.missingParameter("EventDataStore") }
        guard (3...256).contains(raw.count),
            raw.unicodeScalars.allSatisfy({ ChannelRules.isNameCharacter($0) || $0 == "/" || $0 == ":" })
        else { throw invalidARN(raw) }
        if raw.hasPrefix("arn:") {
            let prefix = "arn:\(partition):cloudtrail:\(region):\(account):eventdatastore/"
            guard raw.hasPrefix(prefix), let id = UUID(uuidString: String(raw.dropFirst(prefix.count))) else { throw invalidARN(raw) }
            return id
        }
        guard let id = UUID(uuidString: raw) else { throw notFound(raw) }
        return id
    }

    /// Whether a tag call's ResourceId names an event data store (AddTags, RemoveTags and ListTags take trails and
    /// stores alike).
    package static func isStoreARN(_ raw: String) -> Bool {
        // Every trail call's target passes here: a prefix and a substring test, no split.
        raw.hasPrefix("arn:") && raw.contains(":eventdatastore/")
    }

    package static func arn(partition: String, region: String, account: String, id: UUID) -> String {
        "arn:\(partition):cloudtrail:\(region):\(account):eventdatastore/\(id.uuidString.lowercased())"
    }

    /// The selectors a store gets when none are given: every management event.
    package static var defaultSelectors: [TrailAdvancedEventSelector] {
        [TrailAdvancedEventSelector(name: defaultSelectorName, fieldSelectors: [.init(field: "eventCategory", equals: ["Management"])])]
    }

    /// At most five selectors, all choosing one kind of event. CloudTrail events (Management, and Data or
    /// NetworkActivity, which Cairn never records) follow the trail rules; ActivityAuditLog and Insight stores
    /// take only their `eventCategory` condition. AWS Config and Audit Manager stores hold events Cairn has
    /// no source for, and are refused.
    package static func validateSelectors(
        _ selectors: [TrailAdvancedEventSelector]?
    ) throws(ServiceError) -> (
        selectors: [TrailAdvancedEventSelector], category: EventDataStoreCategory
    ) {
        guard let selectors else { return (defaultSelectors, .management) }
        guard (1...5).contains(selectors.count) else { throw invalidSelectors("An event data store takes 1 to 5 advanced event selectors.") }
        var categories = Set<String>()
        for selector in selectors {
            let conditions = selector.fieldSelectors.filter { $0.field == "eventCategory" }
            guard conditions.count == 1, let values = conditions[0].equals, values.count == 1, conditions[0].operators.count == 1 else {
                throw invalidSelectors("Each advanced event selector needs exactly one eventCategory condition with Equals and one value.")
            }
            categories.insert(values[0])
        }
        let cloudTrail: Set<String> = ["Management", "Data", "NetworkActivity"]
        if categories.isSubset(of: cloudTrail) {
            do { _ = try AdvancedEventSelectorRules.validate(selectors) } catch { throw invalidSelectors(error.message) }
            return (selectors, .management)
        }
        guard categories.count == 1, let only = categories.first else {
            throw invalidSelectors("An event data store holds one kind of event: \(categories.sorted().joined(separator: ", ")) cannot be mixed.")
        }
        switch only {
        case "ActivityAuditLog", "Insight":
            guard selectors.allSatisfy({ $0.fieldSelectors.count == 1 }) else {
                throw invalidSelectors("Event data stores for \(only) events take only the eventCategory field.")
            }
            return (selectors, only == "Insight" ? .insight : .activityAuditLog)
        case "ConfigurationItem", "Evidence":
            throw invalidSelectors("Event data stores for \(only) events are not supported: this service has no source of them.")
        default:
            throw invalidSelectors("eventCategory \(only) is not valid for an event data store.")
        }
    }

    package static func validateRetention(_ days: Int?, mode: EventDataStoreBillingMode) throws(ServiceError) -> Int {
        guard let days else { return mode.defaultRetention }
        guard mode.retention.contains(days) else {
            throw invalidParameter(
                "RetentionPeriod \(days) is not valid for \(mode.rawValue): use \(mode.retention.lowerBound) to \(mode.retention.upperBound) days.")
        }
        return days
    }

    package static func billingMode(_ raw: String?) throws(ServiceError) -> EventDataStoreBillingMode? {
        guard let raw else { return nil }
        guard let mode = EventDataStoreBillingMode(rawValue: raw) else {
            throw invalidParameter("BillingMode \(raw) is not valid: use EXTENDABLE_RETENTION_PRICING or FIXED_RETENTION_PRICING.")
        }
        return mode
    }

    /// Only a store that is collecting may stop, and only a stopped one may start; only CloudTrail and channel
    /// stores ingest (InvalidEventDataStoreCategoryException for the others).
    package static func checkIngestionChange(_ store: EventDataStoreRecord, start: Bool) throws(ServiceError) {
        try checkActive(store)
        guard store.category == .management else {
            throw ServiceError(
                code: "InvalidEventDataStoreCategoryException", status: 400,
                message: "Ingestion can be started or stopped only for event data stores of CloudTrail events.")
        }
        let needed: EventDataStoreStatus = start ? .stoppedIngestion : .enabled
        guard store.status == needed else {
            throw ServiceError(
                code: "InvalidEventDataStoreStatusException", status: 400,
                message:
                    "Event data store \(store.arn) is \(store.status.rawValue); it must be \(needed.rawValue) to \(start ? "start" : "stop") ingestion."
            )
        }
    }

    /// A store pending deletion answers nothing but GetEventDataStore, ListEventDataStores and Restore.
    package static func checkActive(_ store: EventDataStoreRecord) throws(ServiceError) {
        guard store.status != .pendingDeletion else {
            throw ServiceError(
                code: "InactiveEventDataStoreException", status: 400, message: "Event data store \(store.arn) is pending deletion.")
        }
    }

    static func invalidParameter(_ message: String) -> ServiceError {
        ServiceError(code: "InvalidParameterException", status: 400, message: message)
    }

    static func invalidSelectors(_ message: String) -> ServiceError {
        ServiceError(code: "InvalidEventSelectorsException", status: 400, message: message)
    }

    static func invalidARN(_ raw: String) -> ServiceError {
        ServiceError(code: "EventDataStoreARNInvalidException", status: 400, message: "The event data store ARN \(raw) is not valid.")
    }

    package static func notFound(_ raw: String) -> ServiceError {
        ServiceError(code: "EventDataStoreNotFoundException", status: 400, message: "Event data store \(raw) was not found.")
    }
}
