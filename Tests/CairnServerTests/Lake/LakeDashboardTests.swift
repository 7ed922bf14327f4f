import CairnCore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnServer

/// Lake dashboards over the CloudTrail door: widgets are checked like StartQuery's statements when saved, and a
/// refresh starts one query per widget that DescribeQuery finds by alias and refresh id.
@Suite struct LakeDashboardTests {
    func store(_ server: TestServer, _ tenant: Tenant) async throws -> String {
        let arn = try #require(
            try await server.trailOK("CreateEventDataStore", ["Name": "dash-lake"], as: tenant)["EventDataStoreArn"] as? String)
        return String(arn.split(separator: "/").last!)
    }

    @Test func aDashboardIsSavedListedRefreshedAndItsWidgetQueriesRead() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("dash")
            let id = try await store(server, owner)
            let widget: [String: Any] = [
                "QueryStatement": "SELECT eventName, count(*) AS calls FROM \(id) WHERE eventTime > '?' GROUP BY eventName ORDER BY eventName",
                "QueryParameters": ["$StartTime$"], "ViewProperties": ["View": "Table"],
            ]
            let created = try await server.trailOK(
                "CreateDashboard", ["Name": "security", "Widgets": [widget], "RefreshSchedule": ["Frequency": ["Unit": "HOURS", "Value": 6]]],
                as: owner)
            #expect(created["Type"] as? String == "CUSTOM")
            let alias = try #require(((created["Widgets"] as? [[String: Any]])?.first)?["QueryAlias"] as? String)
            #expect(alias == "Widget-1-security")
            let listed = try await server.trailOK("ListDashboards", [:], as: owner)
            #expect((listed["Dashboards"] as? [[String: Any]])?.first?["DashboardArn"] as? String == created["DashboardArn"] as? String)
            let refresh = try #require(
                try await server.trailOK(
                    "StartDashboardRefresh", ["DashboardId": "security", "QueryParameterValues": ["$StartTime$": "2020-01-01 00:00:00"]], as: owner)[
                        "RefreshId"] as? String)
            #expect((10...20).contains(refresh.count) && refresh.allSatisfy(\.isNumber))
            try await LakeQueryWorker(store: server.store, lakeStore: server.store, timeoutSeconds: 10, logger: Logger(label: "lake")).runQueued()
            let described = try await server.trailOK("DescribeQuery", ["QueryAlias": alias, "RefreshId": refresh], as: owner)
            #expect(described["QueryStatus"] as? String == "FINISHED", "\(described)")
            #expect((described["QueryString"] as? String)?.contains("'2020-01-01 00:00:00'") == true)
            let queryId = try #require(described["QueryId"] as? String)
            let rows = try await server.trailOK("GetQueryResults", ["QueryId": queryId], as: owner)["QueryResultRows"] as? [[[String: String]]]
            #expect(rows?.contains { $0.first?["eventName"] == "CreateDashboard" } == true)
            let fetched = try await server.trailOK("GetDashboard", ["DashboardId": "security"], as: owner)
            #expect(fetched["LastRefreshId"] as? String == refresh && fetched["Status"] as? String == "CREATED")
        }
    }

    @Test func badWidgetsAndSchedulesAreRefusedAndSaveNothing() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("dash")
            let id = try await store(server, owner)
            try await server.trailRefused(
                "CreateDashboard",
                ["Name": "bad", "Widgets": [["QueryStatement": "SELECT nosuch FROM \(id)", "ViewProperties": ["View": "Table"]]]],
                as: owner, "InvalidQueryStatementException")
            try await server.trailRefused(
                "CreateDashboard",
                [
                    "Name": "bad",
                    "Widgets": [
                        ["QueryStatement": "SELECT eventName FROM 00000000-0000-4000-8000-000000000000", "ViewProperties": ["View": "Table"]]
                    ],
                ],
                as: owner, "EventDataStoreNotFoundException")
            try await server.trailRefused(
                "CreateDashboard", ["Name": "bad", "RefreshSchedule": ["Frequency": ["Unit": "HOURS", "Value": 5]]], as: owner,
                "InvalidParameterException")
            try await server.trailRefused("CreateDashboard", ["Name": "no spaces"], as: owner, "InvalidParameterException")
            let eleven = Array(repeating: ["QueryStatement": "SELECT eventName FROM \(id)", "ViewProperties": ["View": "Table"]], count: 11)
            try await server.trailRefused("CreateDashboard", ["Name": "big", "Widgets": eleven], as: owner, "ServiceQuotaExceededException")
            #expect((try await server.trailOK("ListDashboards", [:], as: owner)["Dashboards"] as? [Any])?.isEmpty == true)
            try await server.trailRefused("GetDashboard", ["DashboardId": "bad"], as: owner, "ResourceNotFoundException")
        }
    }

    @Test func terminationProtectionKeepsADashboardUntilUpdatedAway() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("dash")
            try await server.trailOK("CreateDashboard", ["Name": "kept", "TerminationProtectionEnabled": true], as: owner)
            try await server.trailRefused("CreateDashboard", ["Name": "kept"], as: owner, "ConflictException")
            try await server.trailRefused("DeleteDashboard", ["DashboardId": "kept"], as: owner, "ConflictException")
            let updated = try await server.trailOK("UpdateDashboard", ["DashboardId": "kept", "TerminationProtectionEnabled": false], as: owner)
            #expect(updated["TerminationProtectionEnabled"] as? Bool == false)
            try await server.trailOK("DeleteDashboard", ["DashboardId": "kept"], as: owner)
            let other = try await server.createTenant("other")
            try await server.trailRefused("GetDashboard", ["DashboardId": "kept"], as: other, "ResourceNotFoundException")
        }
    }

    @Test func aRefreshNeedsStartQueryOnEveryStoreItsWidgetsRead() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("dash")
            let id = try await store(server, owner)
            let arn = "arn:aws:cloudtrail:us-east-1:\(owner.account):eventdatastore/\(id)"
            try await server.trailOK(
                "CreateDashboard",
                ["Name": "guarded", "Widgets": [["QueryStatement": "SELECT eventName FROM \(id)", "ViewProperties": ["View": "Table"]]]], as: owner)
            let document = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"},
                 {"Effect": "Deny", "Action": "cloudtrail:StartQuery", "Resource": "\(arn)"}]}
                """
            let viewer = try await server.createUser("viewer", account: AccountId(owner.account), inline: [document])
            let asViewer = Tenant(account: owner.account, credentials: viewer.credentials)
            try await server.trailRefused("StartDashboardRefresh", ["DashboardId": "guarded"], as: asViewer, "AccessDeniedException")
            let fetched = try await server.trailOK("GetDashboard", ["DashboardId": "guarded"], as: owner)
            #expect(fetched["LastRefreshId"] == nil, "the refused refresh started nothing")
            try await server.trailOK("StartDashboardRefresh", ["DashboardId": "guarded"], as: owner)
        }
    }
}
