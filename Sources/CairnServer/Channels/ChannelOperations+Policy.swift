import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// What a channel's resource-based policy opens: PutAuditEvents from other accounts, into the channel owner's
/// event log. The policy itself is kept by ResourcePolicyOperations.
extension ChannelOperations {
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
        if let externalId = input.externalId { target.context[CloudTrailResourcePolicyRules.externalIdKey] = .single(externalId) }
        return target
    }
}
