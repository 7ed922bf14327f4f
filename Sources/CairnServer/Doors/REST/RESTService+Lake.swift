import CairnCore
import Foundation
import OpenAPIRuntime

/// CloudTrail Lake over REST: the same store and query operations as the CloudTrail door.
extension RESTService {
    func listEventDataStores(_ input: Operations.ListEventDataStores.Input) async throws -> Operations.ListEventDataStores.Output {
        let page = try await run(EventDataStoreOperations.listEventDataStores) {
            LakeModel.ListEventDataStoresInput(NextToken: input.query.nextToken, MaxResults: input.query.limit)
        }
        return .ok(.init(body: .json(.init(eventDataStores: page.EventDataStores.map(Self.eventDataStore), nextToken: page.NextToken))))
    }

    func createEventDataStore(_ input: Operations.CreateEventDataStore.Input) async throws -> Operations.CreateEventDataStore.Output {
        let created = try await run(EventDataStoreOperations.createEventDataStore) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return LakeModel.CreateEventDataStoreInput(
                Name: b.name, AdvancedEventSelectors: b.advancedEventSelectors?.map(Self.advancedSelector), MultiRegionEnabled: b.multiRegionEnabled,
                OrganizationEnabled: b.organizationEnabled, RetentionPeriod: b.retentionPeriod,
                TerminationProtectionEnabled: b.terminationProtectionEnabled, TagsList: b.tags?.map(Self.tag), KmsKeyId: b.kmsKeyId,
                StartIngestion: b.startIngestion, BillingMode: b.billingMode)
        }
        return .created(.init(body: .json(Self.eventDataStore(created))))
    }

    func getEventDataStore(_ input: Operations.GetEventDataStore.Input) async throws -> Operations.GetEventDataStore.Output {
        let found = try await run(EventDataStoreOperations.getEventDataStore) {
            LakeModel.EventDataStoreInput(EventDataStore: input.path.eventDataStore)
        }
        return .ok(.init(body: .json(Self.eventDataStore(found))))
    }

    func updateEventDataStore(_ input: Operations.UpdateEventDataStore.Input) async throws -> Operations.UpdateEventDataStore.Output {
        let updated = try await run(EventDataStoreOperations.updateEventDataStore) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return LakeModel.UpdateEventDataStoreInput(
                EventDataStore: input.path.eventDataStore, Name: b.name, AdvancedEventSelectors: b.advancedEventSelectors?.map(Self.advancedSelector),
                MultiRegionEnabled: b.multiRegionEnabled, OrganizationEnabled: b.organizationEnabled, RetentionPeriod: b.retentionPeriod,
                TerminationProtectionEnabled: b.terminationProtectionEnabled, KmsKeyId: b.kmsKeyId, BillingMode: b.billingMode)
        }
        return .ok(.init(body: .json(Self.eventDataStore(updated))))
    }

    func deleteEventDataStore(_ input: Operations.DeleteEventDataStore.Input) async throws -> Operations.DeleteEventDataStore.Output {
        _ = try await run(EventDataStoreOperations.deleteEventDataStore) { LakeModel.EventDataStoreInput(EventDataStore: input.path.eventDataStore) }
        return .noContent(.init())
    }

    func restoreEventDataStore(_ input: Operations.RestoreEventDataStore.Input) async throws -> Operations.RestoreEventDataStore.Output {
        let restored = try await run(EventDataStoreOperations.restoreEventDataStore) {
            LakeModel.EventDataStoreInput(EventDataStore: input.path.eventDataStore)
        }
        return .ok(.init(body: .json(Self.eventDataStore(restored))))
    }

    func startEventDataStoreIngestion(
        _ input: Operations.StartEventDataStoreIngestion.Input
    ) async throws
        -> Operations.StartEventDataStoreIngestion.Output
    {
        _ = try await run(EventDataStoreOperations.startEventDataStoreIngestion) {
            LakeModel.EventDataStoreInput(EventDataStore: input.path.eventDataStore)
        }
        return .noContent(.init())
    }

    func stopEventDataStoreIngestion(
        _ input: Operations.StopEventDataStoreIngestion.Input
    ) async throws
        -> Operations.StopEventDataStoreIngestion.Output
    {
        _ = try await run(EventDataStoreOperations.stopEventDataStoreIngestion) {
            LakeModel.EventDataStoreInput(EventDataStore: input.path.eventDataStore)
        }
        return .noContent(.init())
    }

    func listQueries(_ input: Operations.ListQueries.Input) async throws -> Operations.ListQueries.Output {
        let page = try await run(LakeQueryOperations.listQueries) {
            LakeModel.ListQueriesInput(
                EventDataStore: input.path.eventDataStore, NextToken: input.query.nextToken, MaxResults: input.query.limit,
                StartTime: input.query.startTime, EndTime: input.query.endTime, QueryStatus: input.query.queryStatus)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        queries: page.Queries.map { .init(queryId: $0.QueryId, queryStatus: $0.QueryStatus, creationTime: $0.CreationTime) },
                        nextToken: page.NextToken))))
    }

    func startQuery(_ input: Operations.StartQuery.Input) async throws -> Operations.StartQuery.Output {
        let started = try await run(LakeQueryOperations.startQuery) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return LakeModel.StartQueryInput(
                QueryStatement: b.queryStatement, QueryAlias: b.queryAlias, EventDataStoreOwnerAccountId: b.eventDataStoreOwnerAccountId)
        }
        return .accepted(.init(body: .json(.init(queryId: started.QueryId))))
    }

    func describeQuery(_ input: Operations.DescribeQuery.Input) async throws -> Operations.DescribeQuery.Output {
        let q = try await run(LakeQueryOperations.describeQuery) {
            LakeModel.DescribeQueryInput(QueryId: input.path.queryId, EventDataStoreOwnerAccountId: input.query.eventDataStoreOwnerAccountId)
        }
        let s = q.QueryStatistics
        return .ok(
            .init(
                body: .json(
                    .init(
                        queryId: q.QueryId, queryString: q.QueryString, queryStatus: q.QueryStatus,
                        queryStatistics: .init(
                            eventsMatched: s.EventsMatched, eventsScanned: s.EventsScanned, bytesScanned: s.BytesScanned,
                            executionTimeInMillis: s.ExecutionTimeInMillis, creationTime: s.CreationTime),
                        errorMessage: q.ErrorMessage, prompt: q.Prompt, eventDataStoreOwnerAccountId: q.EventDataStoreOwnerAccountId))))
    }

    func getQueryResults(_ input: Operations.GetQueryResults.Input) async throws -> Operations.GetQueryResults.Output {
        let r = try await run(LakeQueryOperations.getQueryResults) {
            LakeModel.GetQueryResultsInput(
                QueryId: input.path.queryId, NextToken: input.query.nextToken, MaxQueryResults: input.query.limit,
                EventDataStoreOwnerAccountId: input.query.eventDataStoreOwnerAccountId)
        }
        let rows = r.QueryResultRows.map { row in
            row.map { Components.Schemas.LakeQueryResults.QueryResultRowsPayloadPayloadPayload(additionalProperties: $0) }
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        queryStatus: r.QueryStatus,
                        queryStatistics: .init(
                            resultsCount: r.QueryStatistics.ResultsCount, totalResultsCount: r.QueryStatistics.TotalResultsCount,
                            bytesScanned: r.QueryStatistics.BytesScanned),
                        queryResultRows: rows, nextToken: r.NextToken, errorMessage: r.ErrorMessage))))
    }

    func cancelQuery(_ input: Operations.CancelQuery.Input) async throws -> Operations.CancelQuery.Output {
        let c = try await run(LakeQueryOperations.cancelQuery) {
            LakeModel.CancelQueryInput(QueryId: input.path.queryId, EventDataStoreOwnerAccountId: input.query.eventDataStoreOwnerAccountId)
        }
        return .ok(.init(body: .json(.init(queryId: c.QueryId, queryStatus: c.QueryStatus))))
    }

    static func eventDataStore(_ s: LakeModel.EventDataStore) -> Components.Schemas.EventDataStore {
        .init(
            eventDataStoreArn: s.EventDataStoreArn, name: s.Name, status: s.Status,
            advancedEventSelectors: s.AdvancedEventSelectors.map(advancedSelector),
            multiRegionEnabled: s.MultiRegionEnabled, organizationEnabled: s.OrganizationEnabled, retentionPeriod: s.RetentionPeriod,
            terminationProtectionEnabled: s.TerminationProtectionEnabled, kmsKeyId: s.KmsKeyId, billingMode: s.BillingMode,
            federationStatus: s.FederationStatus, federationRoleArn: s.FederationRoleArn, tags: s.TagsList?.map(tag),
            createdTimestamp: s.CreatedTimestamp,
            updatedTimestamp: s.UpdatedTimestamp)
    }

    static func eventDataStore(_ s: LakeModel.ListedEventDataStore) -> Components.Schemas.EventDataStore {
        .init(
            eventDataStoreArn: s.EventDataStoreArn, name: s.Name, status: s.Status,
            advancedEventSelectors: s.AdvancedEventSelectors.map(advancedSelector),
            multiRegionEnabled: s.MultiRegionEnabled, organizationEnabled: s.OrganizationEnabled, retentionPeriod: s.RetentionPeriod,
            terminationProtectionEnabled: s.TerminationProtectionEnabled, createdTimestamp: s.CreatedTimestamp,
            updatedTimestamp: s.UpdatedTimestamp)
    }

    static func advancedSelector(_ s: Components.Schemas.TrailAdvancedEventSelector) -> TrailAdvancedEventSelector {
        TrailAdvancedEventSelector(
            name: s.name,
            fieldSelectors: s.fieldSelectors.map {
                TrailAdvancedFieldSelector(
                    field: $0.field, equals: $0.equals, startsWith: $0.startsWith, endsWith: $0.endsWith, notEquals: $0.notEquals,
                    notStartsWith: $0.notStartsWith, notEndsWith: $0.notEndsWith)
            })
    }

    static func advancedSelector(_ s: TrailAdvancedEventSelector) -> Components.Schemas.TrailAdvancedEventSelector {
        .init(
            name: s.name,
            fieldSelectors: s.fieldSelectors.map {
                .init(
                    field: $0.field, equals: $0.equals, startsWith: $0.startsWith, endsWith: $0.endsWith, notEquals: $0.notEquals,
                    notStartsWith: $0.notStartsWith, notEndsWith: $0.notEndsWith)
            })
    }
}

extension RESTService {
    func searchSampleQueries(_ input: Operations.SearchSampleQueries.Input) async throws -> Operations.SearchSampleQueries.Output {
        let found = try await run(LakeQueryOperations.searchSampleQueries) {
            LakeModel.SearchSampleQueriesInput(
                SearchPhrase: input.query.searchPhrase, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        searchResults: found.SearchResults.map {
                            .init(name: $0.Name, description: $0.Description, sql: $0.SQL, relevance: $0.Relevance)
                        },
                        nextToken: found.NextToken))))
    }
}
