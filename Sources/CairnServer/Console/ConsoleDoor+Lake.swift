import CairnCore
import CairnPolicy
import Foundation
import Hummingbird

/// CloudTrail Lake and Insights in the browser: the caller's event data stores, a query editor (StartQuery, then
/// DescribeQuery and GetQueryResults on the query's own page, which waits a moment for it and otherwise offers a
/// refresh: no script polls), and the region's Insights events from event history.
extension ConsoleDoor {
    /// How long a query's page waits for the query before answering that it is still running.
    static let queryWait: Duration = .seconds(3)

    func lakePage(_ caller: ConsoleCaller) async throws -> Response {
        var page = ConsolePage(template: "lake", title: "Lake queries", section: .lake)
        page.values["statement"] = caller.form["statement"] ?? ""
        if case .success(let stores) = await run(EventDataStoreOperations.listEventDataStores, caller, [:]) {
            page.values["stores"] = stores.EventDataStores.map { ConsoleView.model($0) }
            page.values["hasStores"] = !stores.EventDataStores.isEmpty
        }
        guard let queryId = caller.form.text("queryId") else { return await html(page, caller) }
        page.values["queryId"] = queryId
        var result = await run(LakeQueryOperations.describeQuery, caller, ["QueryId": queryId])
        let deadline = ContinuousClock.now + Self.queryWait
        while case .success(let found) = result, !Self.isOver(found), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            result = await run(LakeQueryOperations.describeQuery, caller, ["QueryId": queryId])
        }
        let described: LakeModel.DescribeQueryOutput
        switch result {
        case .failure(let error): return await failed(page, error, caller)
        case .success(let found): described = found
        }
        page.values["statement"] = described.QueryString
        page.values["query"] = ConsoleView.model(described)
        page.values["running"] = !Self.isOver(described)
        if described.QueryStatus == LakeQueryStatus.finished.rawValue {
            var fields = ["QueryId": queryId, "MaxQueryResults": "100"]
            if let next = caller.form.text("next") { fields["NextToken"] = next }
            switch await run(LakeQueryOperations.getQueryResults, caller, fields) {
            case .failure(let error): return await failed(page, error, caller)
            case .success(let results):
                let columns = results.QueryResultRows.first?.compactMap(\.keys.first) ?? []
                page.values["columns"] = columns
                page.values["rows"] = results.QueryResultRows.map { row in ["cells": row.map { $0.values.first ?? "" }] }
                page.values["hasRows"] = !results.QueryResultRows.isEmpty
                if let next = results.NextToken { page.values["nextQuery"] = ConsoleForm.encode([("queryId", queryId), ("next", next)]) }
            }
        }
        return await html(page, caller)
    }

    private static func isOver(_ query: LakeModel.DescribeQueryOutput) -> Bool {
        LakeQueryStatus(rawValue: query.QueryStatus)?.isTerminal ?? true
    }

    func startQuery(_ caller: ConsoleCaller) async throws -> Response {
        var fields: [String: String] = [:]
        if let statement = caller.form.text("statement") { fields["QueryStatement"] = statement }
        switch await run(LakeQueryOperations.startQuery, caller, fields) {
        case .failure(let error):
            var page = ConsolePage(template: "lake", title: "Lake queries", section: .lake)
            page.values["statement"] = caller.form["statement"] ?? ""
            return await failed(page, error, caller)
        case .success(let started):
            return Self.redirect("/console/lake?" + ConsoleForm.encode([("queryId", started.QueryId)]))
        }
    }

    func insightsPage(_ caller: ConsoleCaller) async throws -> Response {
        var page = ConsolePage(template: "insights", title: "Insights", section: .insights)
        var fields = ["EventCategory": "insight", "MaxResults": "50"]
        if let next = caller.form.text("next") { fields["NextToken"] = next }
        switch await run(EventHistoryOperations.lookupEvents, caller, fields) {
        case .failure(let error):
            return await failed(page, error, caller)
        case .success(let found):
            page.values["insights"] = found.Events.map { event -> [String: Any] in
                let details = (try? JSONParser.parse(event.CloudTrailEvent))?["insightDetails"]
                return [
                    "id": event.EventId, "time": event.record.eventTime, "state": details?["state"]?.stringValue ?? "",
                    "type": details?["insightType"]?.stringValue ?? "", "source": details?["eventSource"]?.stringValue ?? "",
                    "name": details?["eventName"]?.stringValue ?? "",
                ]
            }
            if let token = found.NextToken { page.values["nextQuery"] = ConsoleForm.encode([("next", token)]) }
            return await html(page, caller)
        }
    }
}
