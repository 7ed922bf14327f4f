import CairnCore
import Foundation
import OpenAPIRuntime

/// Lake federation, generated queries and the resource-based policies of stores and dashboards over REST.
extension RESTService {
    func enableFederation(_ input: Operations.EnableFederation.Input) async throws -> Operations.EnableFederation.Output {
        let f = try await run(EventDataStoreOperations.enableFederation) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return LakeModel.EnableFederationInput(EventDataStore: input.path.eventDataStore, FederationRoleArn: b.federationRoleArn)
        }
        return .ok(.init(body: .json(Self.federation(f))))
    }

    func disableFederation(_ input: Operations.DisableFederation.Input) async throws -> Operations.DisableFederation.Output {
        let f = try await run(EventDataStoreOperations.disableFederation) { LakeModel.EventDataStoreInput(EventDataStore: input.path.eventDataStore) }
        return .ok(.init(body: .json(Self.federation(f))))
    }

    static func federation(_ f: LakeModel.FederationOutput) -> Components.Schemas.EventDataStoreFederation {
        .init(eventDataStoreArn: f.EventDataStoreArn, federationStatus: f.FederationStatus, federationRoleArn: f.FederationRoleArn)
    }

    func generateQuery(_ input: Operations.GenerateQuery.Input) async throws -> Operations.GenerateQuery.Output {
        let g = try await run(LakeQueryOperations.generateQuery) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return LakeModel.GenerateQueryInput(EventDataStores: [input.path.eventDataStore], Prompt: b.prompt)
        }
        return .ok(
            .init(
                body: .json(
                    .init(queryStatement: g.QueryStatement, queryAlias: g.QueryAlias, eventDataStoreOwnerAccountId: g.EventDataStoreOwnerAccountId))))
    }

    func getEventDataStorePolicy(_ input: Operations.GetEventDataStorePolicy.Input) async throws -> Operations.GetEventDataStorePolicy.Output {
        let found = try await run(ResourcePolicyOperations.getResourcePolicy) { try storePolicyInput(input.path.eventDataStore, policy: nil) }
        return .ok(.init(body: .json(.init(resourceArn: found.ResourceArn, resourcePolicy: found.ResourcePolicy))))
    }

    func putEventDataStorePolicy(_ input: Operations.PutEventDataStorePolicy.Input) async throws -> Operations.PutEventDataStorePolicy.Output {
        let put = try await run(ResourcePolicyOperations.putResourcePolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return try storePolicyInput(input.path.eventDataStore, policy: b.resourcePolicy)
        }
        return .ok(.init(body: .json(.init(resourceArn: put.ResourceArn, resourcePolicy: put.ResourcePolicy))))
    }

    func deleteEventDataStorePolicy(
        _ input: Operations.DeleteEventDataStorePolicy.Input
    ) async throws -> Operations.DeleteEventDataStorePolicy.Output {
        _ = try await run(ResourcePolicyOperations.deleteResourcePolicy) { try storePolicyInput(input.path.eventDataStore, policy: nil) }
        return .noContent(.init())
    }

    func getDashboardPolicy(_ input: Operations.GetDashboardPolicy.Input) async throws -> Operations.GetDashboardPolicy.Output {
        let found = try await run(ResourcePolicyOperations.getResourcePolicy) { try dashboardPolicyInput(input.path.dashboard, policy: nil) }
        return .ok(.init(body: .json(.init(resourceArn: found.ResourceArn, resourcePolicy: found.ResourcePolicy))))
    }

    func putDashboardPolicy(_ input: Operations.PutDashboardPolicy.Input) async throws -> Operations.PutDashboardPolicy.Output {
        let put = try await run(ResourcePolicyOperations.putResourcePolicy) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return try dashboardPolicyInput(input.path.dashboard, policy: b.resourcePolicy)
        }
        return .ok(.init(body: .json(.init(resourceArn: put.ResourceArn, resourcePolicy: put.ResourcePolicy))))
    }

    func deleteDashboardPolicy(_ input: Operations.DeleteDashboardPolicy.Input) async throws -> Operations.DeleteDashboardPolicy.Output {
        _ = try await run(ResourcePolicyOperations.deleteResourcePolicy) { try dashboardPolicyInput(input.path.dashboard, policy: nil) }
        return .noContent(.init())
    }

    /// The path names a store by id or ARN; the operation takes its ARN, in the caller's account and region.
    private func storePolicyInput(_ store: String, policy: String?) throws -> ChannelModel.ResourcePolicyInput {
        guard let scope = RequestScope.current else { throw ServiceError.internalFailure }
        let arn =
            store.hasPrefix("arn:")
            ? store
            : EventDataStoreRules.arn(
                partition: runner.partition, region: scope.region, account: scope.principal.account.value,
                id: try EventDataStoreRules.storeId(store, partition: runner.partition, region: scope.region, account: scope.principal.account.value))
        return ChannelModel.ResourcePolicyInput(ResourceArn: arn, ResourcePolicy: policy)
    }

    /// The path names a dashboard by name or ARN.
    private func dashboardPolicyInput(_ dashboard: String, policy: String?) throws -> ChannelModel.ResourcePolicyInput {
        guard let scope = RequestScope.current else { throw ServiceError.internalFailure }
        let arn =
            dashboard.hasPrefix("arn:")
            ? dashboard
            : LakeDashboardRules.arn(partition: runner.partition, region: scope.region, account: scope.principal.account.value, name: dashboard)
        return ChannelModel.ResourcePolicyInput(ResourceArn: arn, ResourcePolicy: policy)
    }
}
