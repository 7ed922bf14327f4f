import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Channel resource-based policies (Put/Get/DeleteResourcePolicy), and what they open: PutAuditEvents from
/// other accounts, into the channel owner's event log.
extension ChannelOperations {
    static let putResourcePolicy = Operation<ChannelModel.ResourcePolicyInput, ChannelModel.ResourcePolicyOutput>(
        Entry.putResourcePolicy, target: { input, t in target(input.ResourceArn, t) }
    ) { input, ctx in
        let found = try await policyChannel(input.ResourceArn, ctx)
        let policy = try ChannelPolicyRules.validate(input.ResourcePolicy, channelArn: found.arn)
        try await ctx.tx.channels.setResourcePolicy(found.id, policy)
        return ChannelModel.ResourcePolicyOutput(ResourceArn: found.arn, ResourcePolicy: policy)
    }

    static let getResourcePolicy = Operation<ChannelModel.ResourcePolicyInput, ChannelModel.ResourcePolicyOutput>(
        Entry.getResourcePolicy, target: { input, t in target(input.ResourceArn, t) }
    ) { input, ctx in
        let found = try await policyChannel(input.ResourceArn, ctx)
        guard let policy = try await ctx.tx.channels.resourcePolicy(found.id, account: found.account, region: ctx.facts.region) else {
            throw noPolicy(found.arn)
        }
        return ChannelModel.ResourcePolicyOutput(ResourceArn: found.arn, ResourcePolicy: policy)
    }

    static let deleteResourcePolicy = Operation<ChannelModel.ResourcePolicyInput, NoOutput>(
        Entry.deleteResourcePolicy, target: { input, t in target(input.ResourceArn, t) }
    ) { input, ctx in
        let found = try await policyChannel(input.ResourceArn, ctx)
        guard try await ctx.tx.channels.resourcePolicy(found.id, account: found.account, region: ctx.facts.region) != nil else {
            throw noPolicy(found.arn)
        }
        try await ctx.tx.channels.setResourcePolicy(found.id, nil)
        return NoOutput()
    }

    static func noPolicy(_ arn: String) -> ServiceError {
        ServiceError(code: "ResourcePolicyNotFoundException", status: 400, message: "The resource policy for \(arn) was not found.")
    }

    /// ResourceArn: a channel of the caller's account and region. Event data stores and dashboards can carry
    /// resource policies in AWS; Cairn has neither, so their ARNs are ResourceTypeNotSupportedException.
    private static func policyChannel(_ raw: String?, _ ctx: OperationContext) async throws -> ChannelRecord {
        guard let raw else { throw ServiceError.missingParameter("ResourceArn") }
        let parts = raw.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard raw.count >= 3, raw.count <= 256, parts.count == 6, parts[0] == "arn", parts[2] == "cloudtrail" else {
            throw ServiceError(code: "ResourceARNNotValidException", status: 400, message: "The resource ARN \(raw) is not valid.")
        }
        guard parts[5].hasPrefix("channel/") else {
            throw ServiceError(code: "ResourceTypeNotSupportedException", status: 400, message: "Resource policies are supported for channels only.")
        }
        let account = ctx.facts.principal.account.value
        guard let id = ChannelRules.channelId(raw, partition: ctx.partition, region: ctx.facts.region, account: account),
            let found = try await ctx.tx.channels.find(id, account: account, region: ctx.facts.region, lock: .update)
        else {
            throw ServiceError(code: "ResourceNotFoundException", status: 400, message: "The resource \(raw) was not found.")
        }
        ctx.recordResources(eventResources(found))
        return found
    }

    /// A channel a PutAuditEvents request names: its owner and id. A bare id is the caller's; an ARN names its
    /// owner, which may be another account of the calling region.
    static func locate(_ raw: String, caller: String, partition: String, region: String) -> (account: String, id: UUID)? {
        if !raw.hasPrefix("arn:") {
            guard let id = UUID(uuidString: raw) else { return nil }
            return (caller, id)
        }
        let parts = raw.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", Substring(partition) == parts[1], parts[2] == "cloudtrail", parts[3] == Substring(region),
            parts[4].count == 12, parts[4].allSatisfy(\.isNumber), parts[5].hasPrefix("channel/"),
            let id = UUID(uuidString: String(parts[5].dropFirst("channel/".count)))
        else { return nil }
        return (String(parts[4]), id)
    }

    /// PutAuditEvents is authorized on the channel's ARN, in its owner's account, with the channel's resource
    /// policy and the request's externalId (`cloudtrail:ExternalId`): the owner needs its identity policy (or
    /// the resource policy, unless it denies the owner), another account both its identity policy and the
    /// channel's resource policy.
    static func putTarget(_ input: ChannelModel.PutAuditEventsInput, _ t: TargetContext) async throws -> AuthorizationTarget? {
        let caller = t.facts.principal.account.value, region = t.facts.region
        guard let raw = input.channelArn, let (account, id) = locate(raw, caller: caller, partition: t.partition, region: region) else {
            return nil
        }
        let policy = try await t.read { tx in try await tx.channels.resourcePolicy(id, account: account, region: region) }
        let arn = ChannelRules.arn(partition: t.partition, region: region, account: account, id: id)
        // Another account's channel without a policy is refused by the operation itself, with AWS's
        // ChannelInsufficientPermission, once the caller's own policies allow the call at all.
        guard account == caller || policy != nil else { return AuthorizationTarget(resource: arn, resourceAccount: caller) }
        var target = AuthorizationTarget(resource: arn, resourceAccount: account, resourcePolicies: policy.map { [$0] } ?? [])
        if let externalId = input.externalId { target.context[ChannelPolicyRules.externalIdKey] = .single(externalId) }
        return target
    }
}
