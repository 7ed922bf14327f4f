import CairnCore
import CairnStore
import Foundation

/// CloudTrail's resource-based policies (Put/Get/DeleteResourcePolicy) on the three kinds of resource that take
/// one: channels (PutAuditEvents from other accounts), event data stores (queries from other accounts, and from
/// CloudTrail for dashboards) and dashboards (CloudTrail's scheduled refresh). The resource is the caller's, in
/// the calling region.
enum ResourcePolicyOperations {
    typealias Entry = OperationCatalogue.Events

    /// The resource a ResourceArn names, found and locked, with the policy it carries now.
    enum Resource {
        case channel(ChannelRecord)
        case eventDataStore(EventDataStoreRecord)
        case dashboard(LakeDashboardRecord)

        var arn: String {
            switch self {
            case .channel(let c): c.arn
            case .eventDataStore(let s): s.arn
            case .dashboard(let d): d.arn
            }
        }

        var kind: CloudTrailResourcePolicyRules.Kind {
            switch self {
            case .channel: .channel
            case .eventDataStore: .eventDataStore
            case .dashboard: .dashboard
            }
        }
    }

    static func target(_ raw: String?, _ t: TargetContext) -> AuthorizationTarget? {
        guard let raw else { return nil }
        let account = t.facts.principal.account.value
        if raw.contains(":eventdatastore/") || raw.contains(":dashboard/") {
            let prefix = "arn:\(t.partition):cloudtrail:\(t.facts.region):\(account):"
            return raw.hasPrefix(prefix) ? AuthorizationTarget(resource: raw) : nil
        }
        return ChannelOperations.target(raw, t)
    }

    static let putResourcePolicy = Operation<ChannelModel.ResourcePolicyInput, ChannelModel.ResourcePolicyOutput>(
        Entry.putResourcePolicy, target: { input, t in target(input.ResourceArn, t) }
    ) { input, ctx in
        let found = try await resource(input.ResourceArn, ctx)
        let policy = try CloudTrailResourcePolicyRules.validate(input.ResourcePolicy, resourceArn: found.arn, kind: found.kind)
        try await set(found, policy, ctx)
        return ChannelModel.ResourcePolicyOutput(ResourceArn: found.arn, ResourcePolicy: policy)
    }

    static let getResourcePolicy = Operation<ChannelModel.ResourcePolicyInput, ChannelModel.ResourcePolicyOutput>(
        Entry.getResourcePolicy, target: { input, t in target(input.ResourceArn, t) }
    ) { input, ctx in
        let found = try await resource(input.ResourceArn, ctx)
        guard let policy = try await policy(found, ctx) else { throw noPolicy(found.arn) }
        return ChannelModel.ResourcePolicyOutput(ResourceArn: found.arn, ResourcePolicy: policy)
    }

    static let deleteResourcePolicy = Operation<ChannelModel.ResourcePolicyInput, NoOutput>(
        Entry.deleteResourcePolicy, target: { input, t in target(input.ResourceArn, t) }
    ) { input, ctx in
        let found = try await resource(input.ResourceArn, ctx)
        guard try await policy(found, ctx) != nil else { throw noPolicy(found.arn) }
        try await set(found, nil, ctx)
        return NoOutput()
    }

    static func noPolicy(_ arn: String) -> ServiceError {
        ServiceError(code: "ResourcePolicyNotFoundException", status: 400, message: "The resource policy for \(arn) was not found.")
    }

    static func notFound(_ raw: String) -> ServiceError {
        ServiceError(code: "ResourceNotFoundException", status: 400, message: "The resource \(raw) was not found.")
    }

    /// ResourceArn: a channel, event data store or dashboard of the caller's account and region; trails take no
    /// policy (ResourceTypeNotSupportedException).
    private static func resource(_ raw: String?, _ ctx: OperationContext) async throws -> Resource {
        guard let raw else { throw ServiceError.missingParameter("ResourceArn") }
        let parts = raw.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard raw.count >= 3, raw.count <= 256, parts.count == 6, parts[0] == "arn", parts[2] == "cloudtrail" else {
            throw ServiceError(code: "ResourceARNNotValidException", status: 400, message: "The resource ARN \(raw) is not valid.")
        }
        let account = ctx.facts.principal.account.value, region = ctx.facts.region
        let theirs = parts[1] != Substring(ctx.partition) || parts[3] != Substring(region) || parts[4] != Substring(account)
        if parts[5].hasPrefix("eventdatastore/") {
            guard let id = try? EventDataStoreRules.storeId(raw, partition: ctx.partition, region: region, account: account),
                let store = try await ctx.tx.eventDataStores.find(id, account: account, region: region, lock: true)
            else { throw notFound(raw) }
            try EventDataStoreRules.checkActive(store)
            ctx.recordResources(EventDataStoreOperations.eventResources(store))
            return .eventDataStore(store)
        }
        if parts[5].hasPrefix("dashboard/") {
            guard !theirs else { throw notFound(raw) }
            let name = String(parts[5].dropFirst("dashboard/".count))
            guard let dashboard = try await ctx.tx.lakeDashboards.find(name: name, account: account, region: region, lock: true) else {
                throw notFound(raw)
            }
            ctx.recordResources([EventRecord.Resource(ARN: dashboard.arn, accountId: dashboard.account, type: "AWS::CloudTrail::Dashboard")])
            return .dashboard(dashboard)
        }
        guard parts[5].hasPrefix("channel/") else {
            throw ServiceError(
                code: "ResourceTypeNotSupportedException", status: 400,
                message: "Resource policies are supported for channels, event data stores and dashboards.")
        }
        guard let id = ChannelRules.channelId(raw, partition: ctx.partition, region: region, account: account),
            let channel = try await ctx.tx.channels.find(id, account: account, region: region, lock: .update)
        else { throw notFound(raw) }
        ctx.recordResources(ChannelOperations.eventResources(channel))
        return .channel(channel)
    }

    private static func policy(_ r: Resource, _ ctx: OperationContext) async throws -> String? {
        switch r {
        case .channel(let c): try await ctx.tx.channels.resourcePolicy(c.id, account: c.account, region: c.region)
        case .eventDataStore(let s): s.resourcePolicy
        case .dashboard(let d): d.resourcePolicy
        }
    }

    private static func set(_ r: Resource, _ policy: String?, _ ctx: OperationContext) async throws {
        switch r {
        case .channel(let c): try await ctx.tx.channels.setResourcePolicy(c.id, policy)
        case .eventDataStore(var s):
            s.resourcePolicy = policy
            try await ctx.tx.eventDataStores.update(s)
        case .dashboard(var d):
            d.resourcePolicy = policy
            try await ctx.tx.lakeDashboards.update(d)
        }
    }
}
