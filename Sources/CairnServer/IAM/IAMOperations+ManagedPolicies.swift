import CairnCore
import CairnPolicy
import CairnStore

/// Customer-managed policies and their versions; AWS-managed policies are read-only to every account.
extension IAMOperations {
    static let createPolicy = operation(Entry.createPolicy) { (input: IAMModel.CreatePolicyInput, ctx) -> IAMModel.PolicyOutput in
        let name = try IAMInputChecks.name(input.PolicyName, "PolicyName", maxLength: NameLimit.policy)
        let path = try IAMInputChecks.policyPath(input.Path)
        if let d = input.Description { try IAMInputRules.length(d, field: "description", min: 0, max: 1000) }
        let document = try IAMInputChecks.document(input.PolicyDocument, type: .identity, limit: .managedPolicy)
        let tags = try IAMInputChecks.tags(input.Tags)
        let policy = try await ctx.tx.iamPolicies.create(
            account: ctx.facts.principal.account, name: name, path: path, description: input.Description, document: document, tags: tags)
        return IAMModel.PolicyOutput(Policy: .init(policy, full: true))
    }

    static let getPolicy = operation(Entry.getPolicy) { (input: IAMModel.PolicyArnInput, ctx) -> IAMModel.PolicyOutput in
        let arn = try IAMInputChecks.policyArn(input.PolicyArn)
        return IAMModel.PolicyOutput(
            Policy: .init(try await ctx.tx.iamPolicies.require(arn.description, seenBy: ctx.facts.principal.account), full: true))
    }

    static let listPolicies = operation(Entry.listPolicies) { (input: IAMModel.ListPoliciesInput, ctx) -> IAMModel.PoliciesOutput in
        var filter = ManagedPolicyFilter()
        if let scope = try IAMInputChecks.oneOf(input.Scope, "Scope", ["All", "AWS", "Local"]) {
            filter.scope = ManagedPolicyFilter.Scope(rawValue: scope) ?? .all
        }
        filter.onlyAttached = input.OnlyAttached ?? false
        filter.pathPrefix = try IAMInputChecks.policyPath(input.PathPrefix, "PathPrefix")
        if let usage = try IAMInputChecks.oneOf(input.PolicyUsageFilter, "PolicyUsageFilter", ["PermissionsPolicy", "PermissionsBoundary"]) {
            filter.usage = ManagedPolicyFilter.Usage(rawValue: usage)
        }
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let found = try await ctx.tx.iamPolicies.list(account: ctx.facts.principal.account, filter: filter, page: page)
        return IAMModel.PoliciesOutput(Policies: found.items.map { .init($0, full: false) }, IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    static let deletePolicy = operation(Entry.deletePolicy) { (input: IAMModel.PolicyArnInput, ctx) -> NoOutput in
        try await ctx.tx.iamPolicies.delete(try await customerPolicy(input.PolicyArn, ctx))
        return NoOutput()
    }

    static let createPolicyVersion = operation(Entry.createPolicyVersion) {
        (input: IAMModel.CreatePolicyVersionInput, ctx) -> IAMModel.PolicyVersionOutput in
        _ = try IAMInputChecks.policyArn(input.PolicyArn)
        let document = try IAMInputChecks.document(input.PolicyDocument, type: .identity, limit: .managedPolicy)
        let policy = try await customerPolicy(input.PolicyArn, ctx)
        let version = try await ctx.tx.iamPolicies.createVersion(of: policy, document: document, setAsDefault: input.SetAsDefault ?? false)
        return IAMModel.PolicyVersionOutput(PolicyVersion: .init(version, withDocument: false))
    }

    static let getPolicyVersion = operation(Entry.getPolicyVersion) { (input: IAMModel.PolicyVersionInput, ctx) -> IAMModel.PolicyVersionOutput in
        let arn = try IAMInputChecks.policyArn(input.PolicyArn)
        let versionId = try versionId(input.VersionId)
        let policy = try await ctx.tx.iamPolicies.require(arn.description, seenBy: ctx.facts.principal.account)
        guard let version = try await ctx.tx.iamPolicies.version(of: policy.arn, id: versionId) else {
            throw ServiceError.noSuchEntity("Policy \(policy.arn) version \(versionId) does not exist.")
        }
        return IAMModel.PolicyVersionOutput(PolicyVersion: .init(version, withDocument: true))
    }

    static let listPolicyVersions = operation(Entry.listPolicyVersions) {
        (input: IAMModel.PolicyArnPageInput, ctx) -> IAMModel.PolicyVersionsOutput in
        let arn = try IAMInputChecks.policyArn(input.PolicyArn)
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let policy = try await ctx.tx.iamPolicies.require(arn.description, seenBy: ctx.facts.principal.account)
        let found = IAMPaging.slice(try await ctx.tx.iamPolicies.versions(of: policy.arn), page: page) { $0.versionId }
        return IAMModel.PolicyVersionsOutput(
            Versions: found.items.map { .init($0, withDocument: false) }, IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    static let setDefaultPolicyVersion = operation(Entry.setDefaultPolicyVersion) { (input: IAMModel.PolicyVersionInput, ctx) -> NoOutput in
        _ = try IAMInputChecks.policyArn(input.PolicyArn)
        let versionId = try versionId(input.VersionId)
        let policy = try await customerPolicy(input.PolicyArn, ctx)
        try await ctx.tx.iamPolicies.setDefault(policy.arn, versionId: versionId)
        return NoOutput()
    }

    static let deletePolicyVersion = operation(Entry.deletePolicyVersion) { (input: IAMModel.PolicyVersionInput, ctx) -> NoOutput in
        _ = try IAMInputChecks.policyArn(input.PolicyArn)
        let versionId = try versionId(input.VersionId)
        let policy = try await customerPolicy(input.PolicyArn, ctx)
        try await ctx.tx.iamPolicies.deleteVersion(policy.arn, versionId: versionId)
        return NoOutput()
    }

    /// A customer-managed policy of the caller's account, locked for a change.
    private static func customerPolicy(_ text: String?, _ ctx: OperationContext) async throws -> ManagedPolicyRecord {
        let arn = try IAMInputChecks.policyArn(text)
        let policy = try await ctx.tx.iamPolicies.require(arn.description, seenBy: ctx.facts.principal.account, lock: .update)
        if policy.account == nil { throw ServiceError.invalidInput("AWS managed policy \(policy.arn) cannot be modified or deleted.") }
        return policy
    }

    private static func versionId(_ value: String?) throws(ServiceError) -> String {
        let v = try IAMInputChecks.required(value, "VersionId")
        guard v.first == "v", let n = Int(v.dropFirst()), n >= 1, String(n) == v.dropFirst() else {
            throw ServiceError.iamValidation("versionId", value: v, "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?")
        }
        return v
    }
}
