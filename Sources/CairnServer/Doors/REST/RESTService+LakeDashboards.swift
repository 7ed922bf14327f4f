import CairnCore
import Foundation
import OpenAPIRuntime

/// Lake dashboards over REST: the same operations as the CloudTrail door.
extension RESTService {
    func listDashboards(_ input: Operations.ListDashboards.Input) async throws -> Operations.ListDashboards.Output {
        let page = try await run(LakeDashboardOperations.listDashboards) {
            LakeDashboardModel.ListDashboardsInput(
                NamePrefix: input.query.namePrefix, NextToken: input.query.nextToken, MaxResults: input.query.limit)
        }
        return .ok(
            .init(
                body: .json(
                    .init(dashboards: page.Dashboards.map { .init(dashboardArn: $0.DashboardArn, _type: $0.Type) }, nextToken: page.NextToken))))
    }

    func createDashboard(_ input: Operations.CreateDashboard.Input) async throws -> Operations.CreateDashboard.Output {
        let created = try await run(LakeDashboardOperations.createDashboard) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return LakeDashboardModel.CreateDashboardInput(
                Name: b.name, RefreshSchedule: b.refreshSchedule.map(Self.schedule), TagsList: b.tags?.map(Self.tag),
                TerminationProtectionEnabled: b.terminationProtectionEnabled, Widgets: b.widgets?.map(Self.widget))
        }
        return .created(.init(body: .json(Self.dashboard(created))))
    }

    func getDashboard(_ input: Operations.GetDashboard.Input) async throws -> Operations.GetDashboard.Output {
        let found = try await run(LakeDashboardOperations.getDashboard) { LakeDashboardModel.DashboardInput(DashboardId: input.path.dashboard) }
        return .ok(.init(body: .json(Self.dashboard(found))))
    }

    func updateDashboard(_ input: Operations.UpdateDashboard.Input) async throws -> Operations.UpdateDashboard.Output {
        let updated = try await run(LakeDashboardOperations.updateDashboard) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return LakeDashboardModel.UpdateDashboardInput(
                DashboardId: input.path.dashboard, Widgets: b.widgets?.map(Self.widget), RefreshSchedule: b.refreshSchedule.map(Self.schedule),
                TerminationProtectionEnabled: b.terminationProtectionEnabled)
        }
        return .ok(.init(body: .json(Self.dashboard(updated))))
    }

    func deleteDashboard(_ input: Operations.DeleteDashboard.Input) async throws -> Operations.DeleteDashboard.Output {
        _ = try await run(LakeDashboardOperations.deleteDashboard) { LakeDashboardModel.DashboardInput(DashboardId: input.path.dashboard) }
        return .noContent(.init())
    }

    func startDashboardRefresh(_ input: Operations.StartDashboardRefresh.Input) async throws -> Operations.StartDashboardRefresh.Output {
        let started = try await run(LakeDashboardOperations.startDashboardRefresh) {
            var values: [String: String]? = nil
            if case .json(let b) = input.body { values = b.queryParameterValues?.additionalProperties }
            return LakeDashboardModel.StartDashboardRefreshInput(DashboardId: input.path.dashboard, QueryParameterValues: values)
        }
        return .accepted(.init(body: .json(.init(refreshId: started.RefreshId))))
    }

    static func widget(_ w: Components.Schemas.DashboardWidget) -> LakeDashboardModel.RequestWidget {
        .init(QueryStatement: w.queryStatement, QueryParameters: w.queryParameters, ViewProperties: w.viewProperties.additionalProperties)
    }

    static func schedule(_ s: Components.Schemas.DashboardRefreshSchedule) -> LakeRefreshSchedule {
        LakeRefreshSchedule(Frequency: s.frequency.map { .init(Unit: $0.unit, Value: $0.value) }, Status: s.status, TimeOfDay: s.timeOfDay)
    }

    static func dashboard(_ d: LakeDashboardModel.Dashboard) -> Components.Schemas.LakeDashboard {
        .init(
            dashboardArn: d.DashboardArn, name: d.Name, _type: d.Type, status: d.Status,
            widgets: d.Widgets.map {
                .init(
                    queryAlias: $0.QueryAlias, queryStatement: $0.QueryStatement, queryParameters: $0.QueryParameters,
                    viewProperties: .init(additionalProperties: $0.ViewProperties))
            },
            refreshSchedule: d.RefreshSchedule.map {
                .init(frequency: $0.Frequency.map { .init(unit: $0.Unit, value: $0.Value) }, status: $0.Status, timeOfDay: $0.TimeOfDay)
            }, terminationProtectionEnabled: d.TerminationProtectionEnabled, tags: d.TagsList?.map(tag), createdTimestamp: d.CreatedTimestamp,
            updatedTimestamp: d.UpdatedTimestamp, lastRefreshId: d.LastRefreshId,
            lastRefreshFailureReason: d.LastRefreshFailureReason)
    }
}
