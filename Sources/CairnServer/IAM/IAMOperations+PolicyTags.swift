import CairnCore
import CairnStore

/// Tags on customer-managed policies (TagPolicy, UntagPolicy, ListPolicyTags), with IAM's limits: at most 50, keys
/// compared without case. AWS-managed policies belong to no account and cannot be tagged.
extension IAMOperations {
    static let tagPolicy = operation(Entry.tagPolicy) { (input: IAMModel.PolicyTagsInput, ctx) -> NoOutput in
        let adding = try IAMInputChecks.tags(input.Tags)
        if adding.isEmpty { throw ServiceError.missingParameter("tags") }
        let policy = try await taggablePolicy(input, ctx)
        try await ctx.tx.iamPolicies.setTags(policy.arn, try IAMTagRules.merge(policy.tags, adding: adding))
        return NoOutput()
    }

    static let untagPolicy = operation(Entry.untagPolicy) { (input: IAMModel.PolicyTagsInput, ctx) -> NoOutput in
        let keys = input.TagKeys ?? []
        if keys.isEmpty { throw ServiceError.missingParameter("tagKeys") }
        for (i, key) in keys.enumerated() { try IAMInputRules.length(key, field: "tagKeys.\(i + 1).member", min: 1, max: 128) }
        let policy = try await taggablePolicy(input, ctx)
        try await ctx.tx.iamPolicies.setTags(policy.arn, IAMTagRules.remove(keys, from: policy.tags))
        return NoOutput()
    }

    static let listPolicyTags = operation(Entry.listPolicyTags) { (input: IAMModel.PolicyTagsInput, ctx) -> IAMModel.TagsOutput in
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let arn = try IAMInputChecks.policyArn(input.PolicyArn)
        let policy = try await ctx.tx.iamPolicies.require(arn.description, seenBy: ctx.facts.principal.account)
        let found = IAMPaging.slice(policy.tags, page: page) { $0.key }
        return IAMModel.TagsOutput(Tags: found.items.map(IAMModel.tag), IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    /// The caller's own customer-managed policy, locked for the change.
    private static func taggablePolicy(_ input: IAMModel.PolicyTagsInput, _ ctx: OperationContext) async throws -> ManagedPolicyRecord {
        let arn = try IAMInputChecks.policyArn(input.PolicyArn)
        let policy = try await ctx.tx.iamPolicies.require(arn.description, seenBy: ctx.facts.principal.account, lock: .update)
        guard policy.account != nil else { throw ServiceError.invalidInput("AWS managed policies cannot be tagged: \(arn.description)") }
        return policy
    }
}
