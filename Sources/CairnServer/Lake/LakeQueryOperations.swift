import CairnCore
import CairnStore
import Foundation

/// Lake queries: StartQuery checks and compiles the statement against the caller's stores and queues it; a
/// worker (LakeQueryWorker) runs it; the other operations read what it found.
enum LakeQueryOperations {
    typealias Entry = OperationCatalogue.Lake

    /// A query is authorized on every store its statement names, in the account that owns them (the caller's, or
    /// `EventDataStoreOwnerAccountId`), with each store's resource-based policy. The first store is the call's
    /// resource; the others are judged by `checkOtherStores` with their own policies.
    static func target(_ statement: String?, owner: String?, _ t: TargetContext) async throws -> AuthorizationTarget? {
        guard let statement, let parsed = try? LakeQuery.parse(statement) else { return nil }
        let ids = parsed.storeIDs.compactMap { UUID(uuidString: $0) }
        guard let first = ids.first else { return nil }
        return try await storeTarget(first, owner: owner, t)
    }

    /// One store of `owner` (the caller when nil) as a resource, with the policy it carries.
    static func storeTarget(_ id: UUID, owner: String?, _ t: TargetContext) async throws -> AuthorizationTarget {
        let account = owner ?? t.facts.principal.account.value, region = t.facts.region
        let policy = try await t.read { tx in try await tx.eventDataStores.find(id, account: account, region: region)?.resourcePolicy }
        return AuthorizationTarget(
            resource: EventDataStoreRules.arn(partition: t.partition, region: region, account: account, id: id), resourceAccount: account,
            resourcePolicies: policy.map { [$0] } ?? [])
    }

    /// The stores after the first that a statement reads: the caller must be allowed `entry` on each, under its own
    /// resource-based policy, as on the first.
    static func checkOtherStores(_ stores: [EventDataStoreRecord], _ entry: CatalogueOperation, _ ctx: OperationContext) async throws {
        for store in stores.dropFirst() {
            let target = AuthorizationTarget(
                resource: store.arn, resourceAccount: store.account, resourcePolicies: store.resourcePolicy.map { [$0] } ?? [])
            guard try await ctx.callerMay(entry, on: target) else {
                throw ServiceError.accessDenied(
                    principal: ctx.facts.principal.arn, action: entry.action, resource: store.arn,
                    tail: "because no identity-based or resource-based policy allows the \(entry.action) action")
            }
        }
    }

    /// DescribeQuery, GetQueryResults and CancelQuery name a store only through the deprecated EventDataStore; with
    /// one of another account, that store and its policy are the resource.
    static func queryTarget(_ store: String?, _ owner: String?, _ t: TargetContext) async throws -> AuthorizationTarget? {
        guard let owner, owner != t.facts.principal.account.value else { return EventDataStoreOperations.target(store, t) }
        guard let id = try? EventDataStoreRules.storeId(store, partition: t.partition, region: t.facts.region, account: owner) else { return nil }
        return try await storeTarget(id, owner: owner, t)
    }

    static func invalidStatement(_ message: String) -> ServiceError {
        ServiceError(code: "InvalidQueryStatementException", status: 400, message: message)
    }

    static func queryId(_ raw: String?) throws -> UUID {
        guard let raw else { throw ServiceError.missingParameter("QueryId") }
        guard raw.count == 36, let id = UUID(uuidString: raw) else {
            throw ServiceError(code: "QueryIdNotFoundException", status: 400, message: "Query \(raw) was not found.")
        }
        return id
    }

    /// The caller's query of `owner`'s stores, reached through a store it names when the request names one.
    static func query(_ raw: String?, store: String?, owner: String, _ ctx: OperationContext) async throws -> LakeQueryRecord {
        let id = try queryId(raw)
        let account = ctx.facts.principal.account.value
        guard let found = try await ctx.tx.lakeQueries.find(id, account: account), found.region == ctx.facts.region, found.storeOwner == owner
        else {
            throw ServiceError(code: "QueryIdNotFoundException", status: 400, message: "Query \(raw ?? "") was not found.")
        }
        if let store {
            let named = try EventDataStoreRules.storeId(store, partition: ctx.partition, region: ctx.facts.region, account: owner)
            guard found.storeIds.contains(named) else {
                throw ServiceError(code: "QueryIdNotFoundException", status: 400, message: "Query \(raw ?? "") was not found.")
            }
        }
        return found
    }

    /// The account whose stores the call reads: `EventDataStoreOwnerAccountId` when given (12–16 digits), else the
    /// caller's. Another account's stores are reached only through their resource-based policies.
    static func owner(_ raw: String?, _ ctx: OperationContext) throws -> String {
        guard let raw else { return ctx.facts.principal.account.value }
        guard raw.count >= 12, raw.count <= 16, raw.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "EventDataStoreOwnerAccountId \(raw) is not an account id.")
        }
        return raw
    }

    /// Parses and compiles `statement` against `owner`'s stores (the caller's when nil) as they are now, refusing
    /// it in AWS's words; the stores it reads.
    static func compile(_ statement: String, owner: String? = nil, _ ctx: OperationContext) async throws -> [EventDataStoreRecord] {
        try await compile(statement, account: owner ?? ctx.facts.principal.account.value, region: ctx.facts.region, now: ctx.facts.time, tx: ctx.tx)
    }

    static func compile(_ statement: String, account: String, region: String, now: Date, tx: Transaction) async throws -> [EventDataStoreRecord] {
        let parsed: LakeQuery
        do throws(LakeQueryError) { parsed = try LakeQuery.parse(statement) } catch { throw invalidStatement(error.message) }
        let bound = try await LakeStoreBindings.find(parsed.storeIDs, account: account, region: region, now: now, tx: tx)
        do throws(LakeQueryError) { _ = try parsed.compile(stores: bound.bindings) } catch { throw invalidStatement(error.message) }
        return bound.stores
    }

    /// A statement, or the alias of one GenerateQuery wrote (whose prompt DescribeQuery then echoes).
    static let startQuery = Operation<LakeModel.StartQueryInput, LakeModel.StartQueryOutput>(
        Entry.startQuery,
        target: { input, t in
            guard let alias = input.QueryAlias, input.QueryStatement == nil else {
                return try await target(input.QueryStatement, owner: input.EventDataStoreOwnerAccountId, t)
            }
            let account = t.facts.principal.account.value, region = t.facts.region
            let generated = try await t.read { tx in try await tx.lakeQueries.generated(alias: alias, account: account, region: region) }
            return try await target(generated?.statement, owner: generated?.storeAccount, t)
        }
    ) { input, ctx in
        var owner = try owner(input.EventDataStoreOwnerAccountId, ctx)
        if let uri = input.DeliveryS3Uri { _ = try LakeResultDelivery.target(uri) }
        var prompt: String? = nil
        let statement: String
        switch (input.QueryStatement, input.QueryAlias) {
        case (let text?, nil):
            guard input.QueryParameters == nil else {
                throw ServiceError(
                    code: "InvalidParameterException", status: 400, message: "QueryParameters go with a QueryAlias, not a QueryStatement.")
            }
            statement = text
        case (nil, let alias?):
            guard input.QueryParameters == nil else {
                throw ServiceError(
                    code: "UnsupportedOperationException", status: 400,
                    message:
                        "StartQuery runs a generated query's alias as it is; dashboard widgets with parameters run through StartDashboardRefresh.")
            }
            guard
                let generated = try await ctx.tx.lakeQueries.generated(
                    alias: alias, account: ctx.facts.principal.account.value, region: ctx.facts.region),
                input.EventDataStoreOwnerAccountId == nil || input.EventDataStoreOwnerAccountId == generated.storeAccount
            else { throw invalidStatement("No generated query has the alias \(alias).") }
            statement = generated.statement
            prompt = generated.prompt
            owner = generated.storeAccount
        case (nil, nil): throw ServiceError.missingParameter("QueryStatement")
        case (.some, .some):
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "Give a QueryStatement or a QueryAlias, not both.")
        }
        guard LakeQueryLimits.statementLength.contains(statement.count) else {
            throw invalidStatement("QueryStatement must be 1 to 10000 characters long.")
        }
        let stores = try await compile(statement, owner: owner, ctx)
        try await checkOtherStores(stores, Entry.startQuery, ctx)
        ctx.recordResources(stores.map { EventRecord.Resource(ARN: $0.arn, accountId: $0.account, type: "AWS::CloudTrail::EventDataStore") })
        let caller = ctx.facts.principal.account.value
        var query = LakeQueryRecord(
            id: UUID(), account: caller, region: ctx.facts.region, storeIds: stores.map(\.id), statement: statement, status: .queued,
            created: ctx.facts.time)
        query.deliveryS3Uri = input.DeliveryS3Uri
        query.storeAccount = owner == caller ? nil : owner
        query.prompt = prompt
        try await ctx.tx.lakeQueries.start(query)
        return LakeModel.StartQueryOutput(
            QueryId: query.id.uuidString.lowercased(), EventDataStoreOwnerAccountId: owner == caller ? input.EventDataStoreOwnerAccountId : owner)
    }

    static let describeQuery = Operation<LakeModel.DescribeQueryInput, LakeModel.DescribeQueryOutput>(
        Entry.describeQuery, target: { input, t in try await queryTarget(input.EventDataStore, input.EventDataStoreOwnerAccountId, t) }
    ) { input, ctx in
        let owner = try owner(input.EventDataStoreOwnerAccountId, ctx)
        let q: LakeQueryRecord
        if let alias = input.QueryAlias {
            // A dashboard widget's query: by its alias and the refresh that started it.
            guard let refresh = input.RefreshId else { throw ServiceError.missingParameter("RefreshId") }
            guard let found = try await ctx.tx.lakeQueries.find(alias: alias, refreshId: refresh, account: ctx.facts.principal.account.value) else {
                throw ServiceError(code: "QueryIdNotFoundException", status: 400, message: "No query \(alias) for refresh \(refresh).")
            }
            q = found
        } else {
            q = try await query(input.QueryId, store: input.EventDataStore, owner: owner, ctx)
        }
        return LakeModel.DescribeQueryOutput(
            QueryId: q.id.uuidString.lowercased(), QueryString: q.statement, QueryStatus: q.status.rawValue,
            QueryStatistics: .init(
                EventsMatched: q.eventsMatched, EventsScanned: q.eventsScanned, BytesScanned: q.bytesScanned,
                ExecutionTimeInMillis: q.executionMillis, CreationTime: q.created),
            ErrorMessage: q.errorMessage, DeliveryS3Uri: q.deliveryS3Uri, DeliveryStatus: q.deliveryStatus, Prompt: q.prompt,
            EventDataStoreOwnerAccountId: q.storeAccount)
    }

    /// Pages of at most `MaxQueryResults` rows (1–1000; default 1000); the token carries the next row's position.
    static let getQueryResults = Operation<LakeModel.GetQueryResultsInput, LakeModel.GetQueryResultsOutput>(
        Entry.getQueryResults, target: { input, t in try await queryTarget(input.EventDataStore, input.EventDataStoreOwnerAccountId, t) }
    ) { input, ctx in
        let owner = try owner(input.EventDataStoreOwnerAccountId, ctx)
        let size = input.MaxQueryResults ?? 1000
        guard LakeQueryLimits.pageSize.contains(size) else {
            throw ServiceError(code: "InvalidMaxResultsException", status: 400, message: "MaxQueryResults must be between 1 and 1000.")
        }
        let q = try await query(input.QueryId, store: input.EventDataStore, owner: owner, ctx)
        var offset = 0
        if let token = input.NextToken {
            guard let at = PageToken.offset(token, for: "GetQueryResults:\(q.id)"), at <= q.resultCount else {
                throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "The NextToken is not valid.")
            }
            offset = at
        }
        let rows = q.status == .finished ? try await ctx.tx.lakeQueries.results(q.id, offset: offset, limit: size) : []
        let next =
            offset + rows.count < Int(q.resultCount) && q.status == .finished
            ? PageToken.after(String(offset + rows.count), for: "GetQueryResults:\(q.id)") : nil
        let shaped = rows.map { row in
            zip(q.columns, row).map { column, value in [column: value ?? ""] }
        }
        return LakeModel.GetQueryResultsOutput(
            QueryStatus: q.status.rawValue,
            QueryStatistics: .init(ResultsCount: rows.count, TotalResultsCount: Int(q.resultCount), BytesScanned: q.bytesScanned),
            QueryResultRows: shaped, NextToken: next, ErrorMessage: q.errorMessage)
    }

    /// The store's queries of the last seven days, newest first; `MaxResults` 1–1000 (default 1000).
    static let listQueries = Operation<LakeModel.ListQueriesInput, LakeModel.ListQueriesOutput>(
        Entry.listQueries, target: { input, t in EventDataStoreOperations.target(input.EventDataStore, t) }
    ) { input, ctx in
        let size = input.MaxResults ?? 1000
        guard (1...1000).contains(size) else {
            throw ServiceError(code: "InvalidMaxResultsException", status: 400, message: "MaxResults must be between 1 and 1000.")
        }
        let status = try input.QueryStatus.map { raw -> LakeQueryStatus in
            guard let s = LakeQueryStatus(rawValue: raw) else {
                throw ServiceError(code: "InvalidQueryStatusException", status: 400, message: "QueryStatus \(raw) is not valid.")
            }
            return s
        }
        let oldest = ctx.facts.time.addingTimeInterval(-Double(LakeQueryLimits.keptDays) * 86_400)
        let from = max(input.StartTime ?? oldest, oldest), to = input.EndTime ?? ctx.facts.time.addingTimeInterval(1)
        if let start = input.StartTime, let end = input.EndTime, start >= end {
            throw ServiceError(code: "InvalidDateRangeException", status: 400, message: "StartTime must be before EndTime.")
        }
        let store = try await EventDataStoreOperations.store(input.EventDataStore, ctx)
        try EventDataStoreRules.checkActive(store)
        var after: (Date, UUID)? = nil
        if let token = input.NextToken {
            let cut = PageToken.key(token, for: "ListQueries:\(store.id)")?.split(separator: "|") ?? []
            guard cut.count == 2, let seconds = Double(cut[0]), let id = UUID(uuidString: String(cut[1])) else {
                throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "The NextToken is not valid.")
            }
            after = (Date(timeIntervalSince1970: seconds), id)
        }
        let found = try await ctx.tx.lakeQueries.list(
            store: store.id, account: store.account, from: from, to: to, status: status, after: after, limit: size + 1)
        let page = Array(found.prefix(size))
        let next =
            found.count > size
            ? page.last.map {
                PageToken.after("\($0.created.timeIntervalSince1970)|\($0.id.uuidString)", for: "ListQueries:\(store.id)")
            } : nil
        return LakeModel.ListQueriesOutput(
            Queries: page.map { .init(QueryId: $0.id.uuidString.lowercased(), QueryStatus: $0.status.rawValue, CreationTime: $0.created) },
            NextToken: next)
    }

    static let cancelQuery = Operation<LakeModel.CancelQueryInput, LakeModel.CancelQueryOutput>(
        Entry.cancelQuery, target: { input, t in try await queryTarget(input.EventDataStore, input.EventDataStoreOwnerAccountId, t) }
    ) { input, ctx in
        let owner = try owner(input.EventDataStoreOwnerAccountId, ctx)
        let q = try await query(input.QueryId, store: input.EventDataStore, owner: owner, ctx)
        guard !q.status.isTerminal else {
            throw ServiceError(
                code: "InactiveQueryException", status: 400,
                message: "Query \(q.id.uuidString.lowercased()) is \(q.status.rawValue) and cannot be cancelled.")
        }
        try await ctx.tx.lakeQueries.cancel(q.id, at: ctx.facts.time)
        try await ctx.tx.lakeQueries.interrupt(q.id)
        return LakeModel.CancelQueryOutput(
            QueryId: q.id.uuidString.lowercased(), QueryStatus: LakeQueryStatus.cancelled.rawValue,
            EventDataStoreOwnerAccountId: input.EventDataStoreOwnerAccountId)
    }
}

extension LakeQueryOperations {
    /// The sample queries that share words with the phrase, most relevant first; `MaxResults` 1–50 (default 10).
    static let searchSampleQueries = Operation<LakeModel.SearchSampleQueriesInput, LakeModel.SearchSampleQueriesOutput>(
        Entry.searchSampleQueries
    ) { input, ctx in
        guard let phrase = input.SearchPhrase else { throw ServiceError.missingParameter("SearchPhrase") }
        guard (2...1000).contains(phrase.count), phrase.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) || $0 == "\n" }) else {
            throw ServiceError(
                code: "InvalidParameterException", status: 400, message: "SearchPhrase must be 2 to 1000 printable ASCII characters.")
        }
        let size = input.MaxResults ?? 10
        guard (1...50).contains(size) else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "MaxResults must be between 1 and 50.")
        }
        let found = LakeSampleQuery.search(phrase)
        guard let (page, next) = PageToken.slice(found, size: size, token: input.NextToken, scope: "SearchSampleQueries:\(phrase)") else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "The NextToken is not valid.")
        }
        return LakeModel.SearchSampleQueriesOutput(
            SearchResults: page.map { .init(Name: $0.sample.name, Description: $0.sample.description, SQL: $0.sample.sql, Relevance: $0.relevance) },
            NextToken: next)
    }
}
