package import Foundation

/// A stored dashboard: its widgets (saved queries) and when it last refreshed.
package struct LakeDashboardRecord: Sendable, Equatable {
    package let id: UUID
    package let arn: String
    package let account: String
    package let region: String
    package let name: String
    package var widgets: [LakeDashboardWidget]
    package var refreshSchedule: LakeRefreshSchedule?
    package var terminationProtection: Bool
    package var tags: [TrailTag]
    package var status: String
    package let created: Date
    package var updated: Date
    package var lastRefreshId: String?
    /// The dashboard's resource-based policy: CloudTrail (`cloudtrail.amazonaws.com`) refreshes it on its schedule
    /// only when this allows `cloudtrail:StartDashboardRefresh`.
    package var resourcePolicy: String?
    /// When the schedule last started a refresh, and why the last refresh the schedule tried failed.
    package var scheduledRefresh: Date?
    package var lastRefreshFailure: String?

    package init(
        id: UUID, arn: String, account: String, region: String, name: String, widgets: [LakeDashboardWidget],
        refreshSchedule: LakeRefreshSchedule?, terminationProtection: Bool, tags: [TrailTag], status: String, created: Date, updated: Date
    ) {
        self.id = id
        self.arn = arn
        self.account = account
        self.region = region
        self.name = name
        self.widgets = widgets
        self.refreshSchedule = refreshSchedule
        self.terminationProtection = terminationProtection
        self.tags = tags
        self.status = status
        self.created = created
        self.updated = updated
    }
}

/// One widget: a saved query, the values for its `?` placeholders, and how the console draws it.
package struct LakeDashboardWidget: Sendable, Equatable, Codable {
    package var QueryAlias: String
    package var QueryStatement: String
    package var QueryParameters: [String]?
    package var ViewProperties: [String: String]

    package init(QueryAlias: String, QueryStatement: String, QueryParameters: [String]?, ViewProperties: [String: String]) {
        self.QueryAlias = QueryAlias
        self.QueryStatement = QueryStatement
        self.QueryParameters = QueryParameters
        self.ViewProperties = ViewProperties
    }
}

/// CloudTrail's RefreshSchedule, kept as given once valid.
package struct LakeRefreshSchedule: Sendable, Equatable, Codable {
    package struct Frequency: Sendable, Equatable, Codable {
        package var Unit: String?
        package var Value: Int?

        package init(Unit: String?, Value: Int?) {
            self.Unit = Unit
            self.Value = Value
        }
    }
    package var Frequency: Frequency?
    package var Status: String?
    package var TimeOfDay: String?

    package init(Frequency: Frequency?, Status: String?, TimeOfDay: String?) {
        self.Frequency = Frequency
        self.Status = Status
        self.TimeOfDay = TimeOfDay
    }
}
