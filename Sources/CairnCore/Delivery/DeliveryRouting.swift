import CairnPolicy
import Foundation

/// Which trails take which events: the pure part of delivery.
///
/// A trail takes an event when all of these hold:
/// - **account**: the event's account owns the trail, or is a member of the trail's organization;
/// - **region**: the trail is multi-region, or the event happened in the trail's home region, or it is a global
///   service event (recorded in us-east-1) and the trail includes global service events;
/// - **global service events** are left out when IncludeGlobalServiceEvents is false;
/// - **time**: the event happened while the trail was logging (from its latest StartLogging, up to its
///   StopLogging when stopped);
/// - **selectors**: its event selectors match (EventSelectorMatch).
package enum DeliveryRouting {
    /// The sources CloudTrail records as global service events, in us-east-1.
    package static let globalServiceSources: Set<String> = [
        "iam.amazonaws.com", "sts.amazonaws.com", "organizations.amazonaws.com", "cloudfront.amazonaws.com",
        "route53.amazonaws.com",
    ]

    /// Groups events into per-(trail, account, region) batches, keeping each batch in event order.
    package static func route(
        _ events: [PendingEvent], to trails: [TrailRecord], members: [String: Set<String>]
    ) -> [LogFileBatch] {
        var batches: [BatchKey: LogFileBatch] = [:]
        var order: [BatchKey] = []
        for event in events {
            let kind = LogFileBatch.kind(of: event)
            for trail in trails where takes(trail, event, members: members) {
                let key = BatchKey(trailId: trail.id, accountId: event.accountId, region: event.region, kind: kind)
                if batches[key] == nil {
                    batches[key] = LogFileBatch(trailId: trail.id, accountId: event.accountId, region: event.region, kind: kind, events: [])
                    order.append(key)
                }
                batches[key]!.events.append(event)
            }
        }
        return order.map { batches[$0]! }
    }

    package static func takes(_ trail: TrailRecord, _ event: PendingEvent, members: [String: Set<String>]) -> Bool {
        let account =
            event.accountId == trail.arn.accountId
            || (trail.organizationId.map { members[$0]?.contains(event.accountId) ?? false } ?? false)
        guard account, isLogging(trail, at: event.time) else { return false }
        let global = globalServiceSources.contains(event.facts.eventSource)
        if global && !trail.settings.includeGlobalServiceEvents { return false }
        guard trail.settings.isMultiRegionTrail || event.region == trail.arn.region || global else { return false }
        if event.facts.eventCategory == "Insight" { return takesInsight(trail, event) }
        return EventSelectorMatch.matches(trail.eventSelectors, event.facts)
    }

    /// Insights events go to the trails whose insight selectors ask for their type, whatever the event selectors.
    static func takesInsight(_ trail: TrailRecord, _ event: PendingEvent) -> Bool {
        guard let type = JSONValue.parse(event.recordJSON)?["insightDetails"]?["insightType"]?.stringValue else { return false }
        return trail.insightSelectors.contains { $0.eventCategories.contains(.management) && $0.insightType.rawValue == type }
    }

    /// Both ends count: the StartLogging and StopLogging calls themselves are in the trail's logs.
    static func isLogging(_ trail: TrailRecord, at time: Date) -> Bool {
        guard let start = trail.status.startLoggingTime, time >= start else { return false }
        if trail.status.isLogging { return true }
        guard let stop = trail.status.stopLoggingTime, stop >= start else { return false }
        return time <= stop
    }

    private struct BatchKey: Hashable {
        let trailId: Int64
        let accountId: String
        let region: String
        let kind: String
    }
}
