import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Channel resource-based policies (Put/Get/DeleteResourcePolicy), and what they open: PutAuditEvents from
/// other accounts, into the channel owner's event log.
extension ChannelOperations {
    struct PolicyInput: Decodable, Sendable {
        var ResourceArn: String?
        var ResourcePolicy: String?
    }

    func putResourcePolicy(_ input: PolicyInput, parameters: CairnCore.JSONValue?) async throws -> (arn: String, policy: String) {
        try await runner.run(OperationCatalogue.Events.putResourcePolicy, parameters: parameters, target: target(input.ResourceArn)) { tx, facts in
            let found = try await policyChannel(input.ResourceArn, tx, facts)
            let policy = try ChannelPolicyRules.validate(input.ResourcePolicy, channelArn: found.arn)
            try await tx.channels.setResourcePolicy(found.id, policy)
            return .init((found.arn, policy), resources: Self.eventResources(found))
        }
    }

    func getResourcePolicy(_ arn: String?, parameters: CairnCore.JSONValue?) async throws -> (arn: String, policy: String) {
        try await runner.run(OperationCatalogue.Events.getResourcePolicy, parameters: parameters, target: target(arn)) { tx, facts in
            let found = try await policyChannel(arn, tx, facts)
            guard let policy = try await tx.channels.resourcePolicy(found.id, account: found.account, region: facts.region) else {
                throw Self.noPolicy(found.arn)
            }
            return .init((found.arn, policy), resources: Self.eventResources(found))
        }
    }

    func deleteResourcePolicy(_ arn: String?, parameters: CairnCore.JSONValue?) async throws {
        try await runner.run(OperationCatalogue.Events.deleteResourcePolicy, parameters: parameters, target: target(arn)) { tx, facts in
            let found = try await policyChannel(arn, tx, facts)
            guard try await tx.channels.resourcePolicy(found.id, account: found.account, region: facts.region) != nil else {
                throw Self.noPolicy(found.arn)
            }
            try await tx.channels.setResourcePolicy(found.id, nil)
            return .init((), resources: Self.eventResources(found))
        }
    }

    static func noPolicy(_ arn: String) -> ServiceError {
        ServiceError(code: "ResourcePolicyNotFoundException", status: 400, message: "The resource policy for \(arn) was not found.")
    }

    /// ResourceArn: a channel of the caller's account and region. Event data stores and dashboards can carry
    /// resource policies in AWS; Cairn has neither, so their ARNs are ResourceTypeNotSupportedException.
    private func policyChannel(_ raw: String?, _ tx: Transaction, _ facts: CallFacts) async throws -> ChannelRecord {
        guard let raw else { throw ServiceError.missingParameter("ResourceArn") }
        let parts = raw.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard raw.count >= 3, raw.count <= 256, parts.count == 6, parts[0] == "arn", parts[2] == "cloudtrail" else {
            throw ServiceError(code: "ResourceARNNotValidException", status: 400, message: "The resource ARN \(raw) is not valid.")
        }
        guard parts[5].hasPrefix("channel/") else {
            throw ServiceError(code: "ResourceTypeNotSupportedException", status: 400, message: "Resource policies are supported for channels only.")
        }
        let account = facts.principal.account.value
        guard let id = ChannelRules.channelId(raw, partition: partition, region: facts.region, account: account),
            let found = try await tx.channels.find(id, account: account, region: facts.region, lock: .update)
        else {
            throw ServiceError(code: "ResourceNotFoundException", status: 400, message: "The resource \(raw) was not found.")
        }
        return found
    }

    /// A channel a PutAuditEvents request names: its owner and id. A bare id is the caller's; an ARN names its
    /// owner, which may be another account of the calling region.
    func locate(_ raw: String, region: String) -> (account: String, id: UUID)? {
        if !raw.hasPrefix("arn:") {
            guard let scope = RequestScope.current, let id = UUID(uuidString: raw) else { return nil }
            return (scope.principal.account.value, id)
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
    func putTarget(_ raw: String?, externalId: String?) async throws -> AuthorizationTarget? {
        guard let raw, let scope = RequestScope.current, let (account, id) = locate(raw, region: scope.region) else { return nil }
        let policy = try await runner.store.read(logger: scope.logger) { tx in
            try await tx.channels.resourcePolicy(id, account: account, region: scope.region)
        }
        let arn = ChannelRules.arn(partition: partition, region: scope.region, account: account, id: id)
        // Another account's channel without a policy is refused by the operation itself, with AWS's
        // ChannelInsufficientPermission, once the caller's own policies allow the call at all.
        let caller = scope.principal.account.value
        guard account == caller || policy != nil else { return AuthorizationTarget(resource: arn, resourceAccount: caller) }
        var target = AuthorizationTarget(resource: arn, resourceAccount: account, resourcePolicies: policy.map { [$0] } ?? [])
        if let externalId { target.context[ChannelPolicyRules.externalIdKey] = .single(externalId) }
        return target
    }
}
