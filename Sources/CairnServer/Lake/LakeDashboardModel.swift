import CairnCore
import Foundation

/// CloudTrail Lake's dashboard shapes, member names as botocore's model spells them.
enum LakeDashboardModel {
    struct RequestWidget: Codable, Sendable {
        var QueryStatement: String?
        var QueryParameters: [String]?
        var ViewProperties: [String: String]?
    }

    struct CreateDashboardInput: OperationInput, Codable {
        var Name: String?
        var RefreshSchedule: LakeRefreshSchedule?
        var TagsList: [TrailTag]?
        var TerminationProtectionEnabled: Bool?
        var Widgets: [RequestWidget]?
    }

    struct UpdateDashboardInput: OperationInput, Codable {
        var DashboardId: String?
        var Widgets: [RequestWidget]?
        var RefreshSchedule: LakeRefreshSchedule?
        var TerminationProtectionEnabled: Bool?
    }

    struct DashboardInput: OperationInput, Codable {
        var DashboardId: String?
    }

    struct ListDashboardsInput: OperationInput, Codable {
        var NamePrefix: String?
        var `Type`: String?
        var NextToken: String?
        var MaxResults: Int?
    }

    struct StartDashboardRefreshInput: OperationInput, Codable {
        var DashboardId: String?
        var QueryParameterValues: [String: String]?
    }

    /// A dashboard as Create, Get and Update return it; which members appear depends on the call.
    struct Dashboard: OperationOutput, Encodable {
        var DashboardArn: String
        var Name: String?
        var `Type`: String
        var Status: String?
        var Widgets: [LakeDashboardWidget]
        var TagsList: [TrailTag]?
        var RefreshSchedule: LakeRefreshSchedule?
        var TerminationProtectionEnabled: Bool
        var CreatedTimestamp: Date?
        var UpdatedTimestamp: Date?
        var LastRefreshId: String?
        var LastRefreshFailureReason: String?

        enum Form { case created, fetched, updated }

        init(_ d: LakeDashboardRecord, _ form: Form) {
            DashboardArn = d.arn
            `Type` = "CUSTOM"
            Widgets = d.widgets
            RefreshSchedule = d.refreshSchedule
            TerminationProtectionEnabled = d.terminationProtection
            if form != .fetched { Name = d.name }
            if form == .created { TagsList = d.tags }
            if form != .created {
                CreatedTimestamp = d.created
                UpdatedTimestamp = d.updated
            }
            if form == .fetched {
                Status = d.status
                LastRefreshId = d.lastRefreshId
                LastRefreshFailureReason = d.lastRefreshFailure
            }
        }
    }

    struct ListDashboardsOutput: OperationOutput, Encodable {
        struct Detail: Encodable, Sendable {
            var DashboardArn: String
            var `Type`: String
        }
        var Dashboards: [Detail]
        var NextToken: String?
    }

    struct StartDashboardRefreshOutput: OperationOutput, Encodable {
        var RefreshId: String
    }
}
