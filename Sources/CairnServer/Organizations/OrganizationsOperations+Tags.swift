import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Tags on accounts, the root, OUs and policies. TagResource and UntagResource are the management account's;
/// ListTagsForResource is also a delegated administrator's, like the organization's other reads (AWS lets a
/// delegated administrator write only what the organization's delegation policy grants, which Cairn does not
/// serve). A resource of another organization, or an AWS-managed policy, is not found.
extension OrganizationsOperations {
    /// ResourceId: required, one of TaggableResourceId's shapes.
    static func resourceId(_ value: String?) throws(ServiceError) -> String {
        try OrganizationsInputRules.id(value, "ResourceId", OrganizationTagRules.isTaggableResourceId)
    }

    /// The resource, if this organization has it; TargetNotFoundException otherwise.
    static func taggable(_ tx: Transaction, _ org: OrganizationRecord, _ id: String) async throws -> String {
        guard try await tx.organizations.taggableResourceExists(org, id) else { throw ServiceError.targetNotFound }
        return id
    }

    static let tagResource = Operation<OrganizationsModel.TagResourceInput, NoOutput>(
        OperationCatalogue.tagResource, target: { input, t in try await tagTarget(input.ResourceId, tags: input.Tags ?? [], removing: [], t) }
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.manager(ctx)
        let id = try Self.resourceId(req.ResourceId)
        guard let given = req.Tags, !given.isEmpty else { throw ServiceError.inputRequired("Tags") }
        let tags = try OrganizationsInputRules.tags(req.Tags)
        try await tx.organizations.tag(org, resource: try await Self.taggable(tx, org, id), with: tags)
        return NoOutput()
    }

    static let untagResource = Operation<OrganizationsModel.UntagResourceInput, NoOutput>(
        OperationCatalogue.untagResource, target: { input, t in try await tagTarget(input.ResourceId, tags: [], removing: input.TagKeys ?? [], t) }
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.manager(ctx)
        let id = try Self.resourceId(req.ResourceId)
        let keys = try OrganizationTagRules.validateKeys(req.TagKeys)
        try await tx.organizations.untag(org, resource: try await Self.taggable(tx, org, id), keys: keys)
        return NoOutput()
    }

    static let listTagsForResource = Operation<OrganizationsModel.ListTagsForResourceInput, OrganizationsModel.TagsOutput>(
        OperationCatalogue.listTagsForResource, target: { input, t in try await tagTarget(input.ResourceId, tags: [], removing: [], t) }
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let id = try await Self.taggable(tx, org, try Self.resourceId(req.ResourceId))
        let page = try OrganizationsPage.slice(try await tx.organizations.tags(org, resource: id), req, operation: "ListTagsForResource")
        return OrganizationsModel.TagsOutput(Tags: page.items.map { .init(Key: $0.key, Value: $0.value) }, NextToken: page.nextToken)
    }

    /// What a tag call is authorized against, as AWS authorizes it: the resource's ARN in the caller's
    /// organization, the request's tags (`aws:RequestTag/…`, `aws:TagKeys`) and the resource's own
    /// (`aws:ResourceTag/…`). Read before the call's transaction, which checks the resource again. The
    /// caller's own account stays the resource account: who may reach an organization's resources is
    /// Organizations' standing rule, not a cross-account grant. Nil (the catalogue's default) for a caller
    /// outside an organization or an id that names nothing Cairn stores, so the call fails as it should.
    static func tagTarget(
        _ id: String?, tags: [OrganizationsModel.Tag], removing keys: [String], _ t: TargetContext
    ) async throws -> AuthorizationTarget? {
        guard let id, OrganizationIdentifiers.isPolicyTarget(id) || OrganizationIdentifiers.isPolicy(id) else { return nil }
        let account = t.facts.principal.account
        let found = try await t.read { tx -> (OrganizationRecord, [OrganizationTag], OrganizationPolicyRecord?)? in
            guard let org = try await tx.organizations.standing(of: account).organization else { return nil }
            let policy = OrganizationIdentifiers.isPolicy(id) ? try await tx.organizations.policy(org, id: id) : nil
            return (org, try await tx.organizations.tags(org, resource: id), policy)
        }
        guard let (org, current, policy) = found else { return nil }
        let arns = org.arns(partition: t.partition)
        var context = TagConditionKeys.resource(current.map { (key: $0.key, value: $0.value) })
        let requested = tags.compactMap { tag in tag.Key.map { (key: $0, value: tag.Value ?? "") } }
        context.merge(TagConditionKeys.request(requested, removing: keys)) { a, _ in a }
        let arn =
            OrganizationIdentifiers.isPolicy(id)
            ? arns.policy(id, type: policy?.type ?? OrganizationPolicyTypes.serviceControl, awsManaged: policy?.awsManaged ?? false)
            : arns.target(id)
        return AuthorizationTarget(resource: arn, resourceAccount: account.value, context: context)
    }
}
