import CairnCore
import CairnStore
import Foundation

/// Lake dashboards: saved queries per widget, checked like StartQuery's statements, and refreshed by starting one
/// query per widget that DescribeQuery then finds by the widget's alias and the refresh's id.
enum LakeDashboardOperations {
    typealias Entry = OperationCatalogue.Lake

    static func target(_ raw: String?, _ t: TargetContext) -> AuthorizationTarget? {
        let account = t.facts.principal.account.value, region = t.facts.region
        guard let name = try? LakeDashboardRules.name(fromId: raw, partition: t.partition, region: region, account: account) else { return nil }
        return AuthorizationTarget(resource: LakeDashboardRules.arn(partition: t.partition, region: region, account: account, name: name))
    }

    static func dashboard(_ raw: String?, _ ctx: OperationContext, lock: Bool = false) async throws -> LakeDashboardRecord {
        let account = ctx.facts.principal.account.value
        let name = try LakeDashboardRules.name(fromId: raw, partition: ctx.partition, region: ctx.facts.region, account: account)
        guard let found = try await ctx.tx.lakeDashboards.find(name: name, account: account, region: ctx.facts.region, lock: lock) else {
            throw LakeDashboardRules.notFound(raw ?? "")
        }
        ctx.recordResources([EventRecord.Resource(ARN: found.arn, accountId: found.account, type: "AWS::CloudTrail::Dashboard")])
        return found
    }

    /// Each widget's statement, with its placeholders filled as a refresh would, must parse and compile against the
    /// caller's stores now: a bad widget is refused when it is saved.
    static func widgets(_ raw: [LakeDashboardModel.RequestWidget]?, dashboard: String, _ ctx: OperationContext) async throws -> [LakeDashboardWidget]
    {
        let raw = raw ?? []
        guard raw.count <= LakeDashboardRules.maximumWidgets else {
            throw ServiceError(
                code: "ServiceQuotaExceededException", status: 400, message: "A dashboard holds at most \(LakeDashboardRules.maximumWidgets) widgets."
            )
        }
        var out: [LakeDashboardWidget] = []
        for (i, w) in raw.enumerated() {
            let (statement, parameters, view) = try LakeDashboardRules.validateWidget(
                statement: w.QueryStatement, parameters: w.QueryParameters, view: w.ViewProperties)
            let widget = LakeDashboardWidget(
                QueryAlias: LakeDashboardRules.alias(dashboard: dashboard, index: i), QueryStatement: statement, QueryParameters: parameters,
                ViewProperties: view)
            _ = try await LakeQueryOperations.compile(LakeDashboardRules.statement(widget, values: [:], now: ctx.facts.time), ctx)
            out.append(widget)
        }
        return out
    }

    static let createDashboard = Operation<LakeDashboardModel.CreateDashboardInput, LakeDashboardModel.Dashboard>(
        Entry.createDashboard, target: { input, t in target(input.Name, t) }
    ) { input, ctx in
        let name = try LakeDashboardRules.validateName(input.Name)
        try LakeDashboardRules.validateSchedule(input.RefreshSchedule)
        let tags = try TrailTags.forCreate(input.TagsList ?? [])
        let widgets = try await widgets(input.Widgets, dashboard: name, ctx)
        let account = ctx.facts.principal.account.value, region = ctx.facts.region
        let record = LakeDashboardRecord(
            id: UUID(), arn: LakeDashboardRules.arn(partition: ctx.partition, region: region, account: account, name: name), account: account,
            region: region, name: name, widgets: widgets, refreshSchedule: input.RefreshSchedule,
            terminationProtection: input.TerminationProtectionEnabled ?? false, tags: tags, status: "CREATED", created: ctx.facts.time,
            updated: ctx.facts.time)
        try await ctx.tx.lakeDashboards.create(record)
        ctx.recordResources([EventRecord.Resource(ARN: record.arn, accountId: account, type: "AWS::CloudTrail::Dashboard")])
        return LakeDashboardModel.Dashboard(record, .created)
    }

    static let getDashboard = Operation<LakeDashboardModel.DashboardInput, LakeDashboardModel.Dashboard>(
        Entry.getDashboard, target: { input, t in target(input.DashboardId, t) }
    ) { input, ctx in
        LakeDashboardModel.Dashboard(try await dashboard(input.DashboardId, ctx), .fetched)
    }

    /// By name, optionally with a name prefix; `Type` MANAGED lists nothing (Cairn has no managed dashboards).
    static let listDashboards = Operation<LakeDashboardModel.ListDashboardsInput, LakeDashboardModel.ListDashboardsOutput>(
        Entry.listDashboards
    ) { input, ctx in
        let size = input.MaxResults ?? 1000
        guard (1...1000).contains(size) else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "MaxResults must be between 1 and 1000.")
        }
        if let type = input.Type, type != "CUSTOM" && type != "MANAGED" {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "Type must be MANAGED or CUSTOM.")
        }
        var all = try await ctx.tx.lakeDashboards.list(account: ctx.facts.principal.account.value, region: ctx.facts.region)
        if input.Type == "MANAGED" { all = [] }
        if let prefix = input.NamePrefix { all = all.filter { $0.name.hasPrefix(prefix) } }
        if let token = input.NextToken {
            guard let after = PageToken.key(token, for: "ListDashboards") else {
                throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "The NextToken is not valid.")
            }
            all = all.filter { $0.name > after }
        }
        let page = Array(all.prefix(size))
        let next = all.count > page.count ? page.last.map { PageToken.after($0.name, for: "ListDashboards") } : nil
        return LakeDashboardModel.ListDashboardsOutput(Dashboards: page.map { .init(DashboardArn: $0.arn, Type: "CUSTOM") }, NextToken: next)
    }

    static let updateDashboard = Operation<LakeDashboardModel.UpdateDashboardInput, LakeDashboardModel.Dashboard>(
        Entry.updateDashboard, target: { input, t in target(input.DashboardId, t) }
    ) { input, ctx in
        var found = try await dashboard(input.DashboardId, ctx, lock: true)
        try LakeDashboardRules.validateSchedule(input.RefreshSchedule)
        if input.Widgets != nil { found.widgets = try await widgets(input.Widgets, dashboard: found.name, ctx) }
        if let schedule = input.RefreshSchedule { found.refreshSchedule = schedule }
        if let protection = input.TerminationProtectionEnabled { found.terminationProtection = protection }
        found.status = "UPDATED"
        found.updated = ctx.facts.time
        try await ctx.tx.lakeDashboards.update(found)
        return LakeDashboardModel.Dashboard(found, .updated)
    }

    static let deleteDashboard = Operation<LakeDashboardModel.DashboardInput, NoOutput>(
        Entry.deleteDashboard, target: { input, t in target(input.DashboardId, t) }
    ) { input, ctx in
        let found = try await dashboard(input.DashboardId, ctx, lock: true)
        guard !found.terminationProtection else {
            throw ServiceError(
                code: "ConflictException", status: 400, message: "Dashboard \(found.name) has termination protection enabled; disable it first.")
        }
        try await ctx.tx.lakeDashboards.delete(found.id)
        return NoOutput()
    }

    /// Starts one query per widget, its placeholders filled from `QueryParameterValues`; the caller must be allowed
    /// StartQuery on every store a widget reads, as the refresh queries them on its behalf.
    static let startDashboardRefresh = Operation<LakeDashboardModel.StartDashboardRefreshInput, LakeDashboardModel.StartDashboardRefreshOutput>(
        Entry.startDashboardRefresh, target: { input, t in target(input.DashboardId, t) }
    ) { input, ctx in
        var found = try await dashboard(input.DashboardId, ctx, lock: true)
        for (key, value) in input.QueryParameterValues ?? [:] where !(3...128).contains(key.count) || !(1...128).contains(value.count) {
            throw ServiceError(
                code: "InvalidParameterException", status: 400, message: "QueryParameterValues keys are 3 to 128 characters and values 1 to 128.")
        }
        let planned = try await plan(found, values: input.QueryParameterValues ?? [:], now: ctx.facts.time, tx: ctx.tx)
        for widget in planned {
            // The refresh queries these stores on the caller's behalf: the caller must be allowed StartQuery on each of
            // them, as StartQuery itself would demand.
            guard let first = widget.stores.first else { continue }
            let target = AuthorizationTarget(resource: first.arn, additionalResources: widget.stores.dropFirst().map(\.arn))
            guard try await ctx.callerMay(Entry.startQuery, on: target) else {
                throw ServiceError.accessDenied(
                    principal: ctx.facts.principal.arn, action: Entry.startQuery.action, resource: first.arn,
                    tail: "because refreshing dashboard \(found.name) runs StartQuery on it")
            }
        }
        let refreshId = try await start(&found, planned, now: ctx.facts.time, tx: ctx.tx)
        return LakeDashboardModel.StartDashboardRefreshOutput(RefreshId: refreshId)
    }

    /// One widget's query of a refresh: the statement with its placeholders filled, and the stores it reads.
    struct PlannedQuery: Sendable {
        var widget: LakeDashboardWidget
        var statement: String
        var stores: [EventDataStoreRecord]
    }

    /// The queries a refresh runs, each compiled against the dashboard owner's stores as they are now.
    static func plan(_ d: LakeDashboardRecord, values: [String: String], now: Date, tx: Transaction) async throws -> [PlannedQuery] {
        var out: [PlannedQuery] = []
        for widget in d.widgets {
            let statement = LakeDashboardRules.statement(widget, values: values, now: now)
            let stores = try await LakeQueryOperations.compile(statement, account: d.account, region: d.region, now: now, tx: tx)
            out.append(PlannedQuery(widget: widget, statement: statement, stores: stores))
        }
        return out
    }

    /// Queues the planned queries under one new refresh id, which the dashboard then reports as its last.
    static func start(_ d: inout LakeDashboardRecord, _ planned: [PlannedQuery], now: Date, tx: Transaction) async throws -> String {
        let refreshId = String(UInt64(now.timeIntervalSince1970 * 1000)) + String(format: "%04d", Int.random(in: 0..<10_000))
        for p in planned {
            var query = LakeQueryRecord(
                id: UUID(), account: d.account, region: d.region, storeIds: p.stores.map(\.id), statement: p.statement, status: .queued,
                created: now)
            query.alias = p.widget.QueryAlias
            query.refreshId = refreshId
            try await tx.lakeQueries.start(query)
        }
        d.lastRefreshId = refreshId
        try await tx.lakeDashboards.update(d)
        return refreshId
    }
}
