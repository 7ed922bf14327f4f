import CairnCore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnServer

/// Dashboards refreshed on their RefreshSchedule by CloudTrail itself, only as far as the dashboard's and the
/// stores' resource-based policies let `cloudtrail.amazonaws.com` go.
@Suite struct LakeDashboardScheduleTests {
    func allowCloudTrail(_ action: String, on arn: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"cloudtrail:\#(action)","Resource":"\#(arn)","Condition":{"StringEquals":{"aws:SourceArn":"ARN_OF_DASHBOARD"}}}]}"#
    }

    @Test func aScheduledRefreshStartsWhenDueOnlyWithCloudTrailsPermissions() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("scheduled")
            let store = try #require(
                try await server.trailOK("CreateEventDataStore", ["Name": "sched-lake"], as: owner)["EventDataStoreArn"] as? String)
            let id = String(store.split(separator: "/").last!)
            let widget: [String: Any] = ["QueryStatement": "SELECT eventName FROM \(id) LIMIT 5", "ViewProperties": ["View": "Table"]]
            let dashboard = try #require(
                try await server.trailOK(
                    "CreateDashboard",
                    ["Name": "hourly", "Widgets": [widget], "RefreshSchedule": ["Frequency": ["Unit": "HOURS", "Value": 1], "Status": "ENABLED"]],
                    as: owner)["DashboardArn"] as? String)
            try await server.trailOK(
                "CreateDashboard",
                ["Name": "paused", "Widgets": [widget], "RefreshSchedule": ["Frequency": ["Unit": "HOURS", "Value": 1], "Status": "DISABLED"]],
                as: owner)
            let scheduler = LakeDashboardScheduler(store: server.store, logger: Logger(label: "dashboards"))
            let soon = Date().addingTimeInterval(600), due = Date().addingTimeInterval(3700)

            #expect(try await scheduler.refreshDue(now: soon) == 0, "not due within the hour")
            #expect(try await scheduler.refreshDue(now: due) == 0, "no policy lets CloudTrail refresh the dashboard")
            var got = try await server.trailOK("GetDashboard", ["DashboardId": "hourly"], as: owner)
            #expect((got["LastRefreshFailureReason"] as? String)?.contains("StartDashboardRefresh") == true, "\(got)")
            #expect(got["LastRefreshId"] == nil)

            // The dashboard's policy alone is not enough: CloudTrail must also be allowed to query the store.
            let dashboardPolicy = allowCloudTrail("StartDashboardRefresh", on: dashboard).replacingOccurrences(
                of: "ARN_OF_DASHBOARD", with: dashboard)
            try await server.trailOK("PutResourcePolicy", ["ResourceArn": dashboard, "ResourcePolicy": dashboardPolicy], as: owner)
            let later = due.addingTimeInterval(3700)
            #expect(try await scheduler.refreshDue(now: later) == 0)
            got = try await server.trailOK("GetDashboard", ["DashboardId": "hourly"], as: owner)
            #expect((got["LastRefreshFailureReason"] as? String)?.contains(store) == true, "\(got)")

            // A store policy whose condition names another dashboard does not count.
            let elsewhere = allowCloudTrail("StartQuery", on: store).replacingOccurrences(of: "ARN_OF_DASHBOARD", with: dashboard + "-other")
            try await server.trailOK("PutResourcePolicy", ["ResourceArn": store, "ResourcePolicy": elsewhere], as: owner)
            let evenLater = later.addingTimeInterval(3700)
            #expect(try await scheduler.refreshDue(now: evenLater) == 0)

            let storePolicy = allowCloudTrail("StartQuery", on: store).replacingOccurrences(of: "ARN_OF_DASHBOARD", with: dashboard)
            try await server.trailOK("PutResourcePolicy", ["ResourceArn": store, "ResourcePolicy": storePolicy], as: owner)
            let last = evenLater.addingTimeInterval(3700)
            // Two schedulers at once (two processes): one refresh.
            async let a = scheduler.refreshDue(now: last)
            async let b = scheduler.refreshDue(now: last)
            #expect(try await a + b == 1)
            got = try await server.trailOK("GetDashboard", ["DashboardId": "hourly"], as: owner)
            let refresh = try #require(got["LastRefreshId"] as? String)
            #expect(got["LastRefreshFailureReason"] == nil)
            let alias = try #require(((got["Widgets"] as? [[String: Any]])?.first)?["QueryAlias"] as? String)
            let described = try await server.trailOK("DescribeQuery", ["QueryAlias": alias, "RefreshId": refresh], as: owner)
            #expect(described["QueryStatus"] as? String == "QUEUED", "\(described)")
            #expect(try await scheduler.refreshDue(now: last.addingTimeInterval(60)) == 0, "the next refresh is an hour later")
            #expect(try await scheduler.refreshDue(now: last.addingTimeInterval(3601)) == 1)
            let paused = try await server.trailOK("GetDashboard", ["DashboardId": "paused"], as: owner)
            #expect(paused["LastRefreshId"] == nil && paused["LastRefreshFailureReason"] == nil, "a DISABLED schedule never runs")
        }
    }
}
