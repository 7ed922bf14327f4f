package import CairnCore
package import Foundation

/// How a store's events read as SQL: the event log, narrowed to the store's accounts, regions, retention,
/// ingestion windows and selectors. The Lake compiler places this relation wherever a query names the store;
/// every value is a bind parameter.
package struct EventDataStoreRelation: Sendable {
    package let store: EventDataStoreRecord
    /// The accounts whose events the store holds: its owner, or every account of the organization.
    package let accounts: [String]
    package let windows: [(start: Date, end: Date?)]
    /// For a store of channel events, the channels that send to it.
    package let channels: [String]
    package let now: Date

    package init(store: EventDataStoreRecord, accounts: [String], windows: [(start: Date, end: Date?)], channels: [String], now: Date) {
        self.store = store
        self.accounts = accounts
        self.windows = windows
        self.channels = channels
        self.now = now
    }

    package var binding: LakeStoreBinding {
        let kind: LakeStoreKind =
            switch store.category {
            case .management: .cloudTrail
            case .activityAuditLog: .activityAuditLog
            case .insight: .insight
            }
        let relation = self
        return LakeStoreBinding(kind: kind) { sql in relation.write(&sql) }
    }

    func write(_ sql: inout LakeSQLBuilder) -> String {
        var conditions = ["e.account_id = ANY (string_to_array(\(sql.bind(.text(accounts.joined(separator: ",")))), ','))"]
        if !store.multiRegion { conditions.append("e.region = \(sql.bind(.text(store.region)))") }
        conditions.append("e.event_time >= \(sql.bind(.timestamp(now.addingTimeInterval(-Double(store.retentionDays) * 86_400))))")
        let spans = windows.map { w in
            let from = "e.event_time >= \(sql.bind(.timestamp(w.start)))"
            return w.end.map { "(\(from) AND e.event_time < \(sql.bind(.timestamp($0))))" } ?? "(\(from))"
        }
        conditions.append(spans.isEmpty ? "false" : "(\(spans.joined(separator: " OR ")))")
        switch store.category {
        case .management:
            conditions.append("(\(store.selectors.map { selector($0, &sql) }.joined(separator: " OR ")))")
        case .activityAuditLog:
            conditions.append("e.event_category = 'ActivityAuditLog'")
            conditions.append(
                channels.isEmpty
                    ? "false"
                    : "e.record #>> '{metadata,channelARN}' = ANY (string_to_array(\(sql.bind(.text(channels.joined(separator: ",")))), ','))")
        case .insight:
            conditions.append("e.event_category = 'Insight'")
        }
        let derived = """
            SELECT e.event_time, e.record, e.event_name, e.event_source, e.account_id, e.region, e.read_only, e.error_code,
                   e.event_category, e.username, e.access_key_id
            FROM events e WHERE \(conditions.joined(separator: " AND "))
            """
        guard store.category == .management else { return "(\(derived))" }
        // Imported trail log files: the store's own copies, kept within its retention whatever their selectors or region.
        let imported = """
            SELECT i.event_time, i.record, i.event_name, i.event_source, i.account_id, i.region, i.read_only, i.error_code,
                   i.event_category, i.username, i.access_key_id
            FROM lake_imported_events i WHERE i.store_id = \(sql.bind(.text(store.id.uuidString.lowercased())))::uuid
              AND i.event_time >= \(sql.bind(.timestamp(now.addingTimeInterval(-Double(store.retentionDays) * 86_400))))
            """
        return "(\(derived) UNION ALL \(imported))"
    }

    /// One advanced event selector: every field condition holds.
    private func selector(_ s: TrailAdvancedEventSelector, _ sql: inout LakeSQLBuilder) -> String {
        "(" + s.fieldSelectors.map { field($0, &sql) }.joined(separator: " AND ") + ")"
    }

    /// A field condition: any value of a positive operator matches, no value of a negative one does; an event
    /// without the field passes the negative operators (AWS's NotEquals keeps it).
    private func field(_ f: TrailAdvancedFieldSelector, _ sql: inout LakeSQLBuilder) -> String {
        let column =
            switch f.field {
            case "eventCategory": "e.event_category"
            case "eventSource": "e.event_source"
            case "eventName": "e.event_name"
            case "errorCode": "e.error_code"
            case "readOnly": "e.read_only::text"
            case "eventType": "(e.record ->> 'eventType')"
            case "userIdentity.arn": "(e.record #>> '{userIdentity,arn}')"
            case "sessionCredentialFromConsole": "(e.record ->> 'sessionCredentialFromConsole')"
            case "vpcEndpointId": "(e.record ->> 'vpcEndpointId')"
            case "resources.type": "(e.record #>> '{resources,0,type}')"
            case "resources.ARN": "(e.record #>> '{resources,0,ARN}')"
            default: "NULL::text"
            }
        var parts: [String] = []
        for (op, values) in f.operators {
            let tests = values.map { value -> String in
                let v = sql.bind(.text(value))
                switch op {
                case .equals, .notEquals: return "\(column) = \(v)"
                case .startsWith, .notStartsWith: return "starts_with(\(column), \(v))"
                case .endsWith, .notEndsWith: return "right(\(column), length(\(v))) = \(v)"
                }
            }
            let any = "(" + tests.joined(separator: " OR ") + ")"
            parts.append(op.isNegative ? "coalesce(NOT \(any), true)" : "coalesce(\(any), false)")
        }
        return parts.isEmpty ? "true" : parts.joined(separator: " AND ")
    }
}
