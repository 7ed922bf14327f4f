import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Tags on accounts, the root, OUs and policies. TagResource and UntagResource are the management account's;
/// ListTagsForResource is also a delegated administrator's, like the organization's other reads (AWS lets a
/// delegated administrator write only what the organization's delegation policy grants, which Cairn does not
/// serve). A resource of another organization, or an AWS-managed policy, is not found.
extension OrganizationsHandlers {
    struct TagsOutput: Encodable, Sendable {
        struct Tag: Encodable, Sendable { let Key, Value: String }
        let Tags: [Tag]
        let NextToken: String?
    }

    /// ResourceId: required, one of TaggableResourceId's shapes.
    static func resourceId(_ value: String?) throws(ServiceError) -> String {
        try OrganizationsRequest.id(value, "ResourceId", OrganizationTagRules.isTaggableResourceId)
    }

    /// The resource, if this organization has it; TargetNotFoundException otherwise.
    static func taggable(_ tx: Transaction, _ org: OrganizationRecord, _ id: String) async throws -> String {
        guard try await tx.organizations.taggableResourceExists(org, id) else { throw ServiceError.targetNotFound }
        return id
    }

    var tagHandlers: [AWSHandler] {
        [
            handler(OperationCatalogue.tagResource, target: { [self] in try await tagTarget($0) }) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let id = try Self.resourceId(req.ResourceId)
                guard let given = req.Tags, !given.isEmpty else { throw ServiceError.inputRequired("Tags") }
                let tags = try req.checkTags()
                try await tx.organizations.tag(org, resource: try await Self.taggable(tx, org, id), with: tags)
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.untagResource, target: { [self] in try await tagTarget($0) }) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let id = try Self.resourceId(req.ResourceId)
                let keys = try OrganizationTagRules.validateKeys(req.TagKeys)
                try await tx.organizations.untag(org, resource: try await Self.taggable(tx, org, id), keys: keys)
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.listTagsForResource, target: { [self] in try await tagTarget($0) }) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let id = try await Self.taggable(tx, org, try Self.resourceId(req.ResourceId))
                let page = try OrganizationsPage.slice(try await tx.organizations.tags(org, resource: id), req, operation: "ListTagsForResource")
                return TagsOutput(Tags: page.items.map { .init(Key: $0.key, Value: $0.value) }, NextToken: page.nextToken)
            },
        ]
    }

    /// What a tag call is authorized against, as AWS authorizes it: the resource's ARN in the caller's
    /// organization, the request's tags (`aws:RequestTag/…`, `aws:TagKeys`) and the resource's own
    /// (`aws:ResourceTag/…`). Read before the call's transaction, which checks the resource again. The
    /// caller's own account stays the resource account: who may reach an organization's resources is
    /// Organizations' standing rule, not a cross-account grant. Nil (the catalogue's default) for a caller
    /// outside an organization or an id that names nothing Cairn stores, so the call fails as it should.
    func tagTarget(_ req: OrganizationsRequest) async throws -> AuthorizationTarget? {
        guard let scope = RequestScope.current, let id = req.ResourceId,
            OrganizationIdentifiers.isPolicyTarget(id) || OrganizationIdentifiers.isPolicy(id)
        else { return nil }
        let found = try await runner.store.read(logger: scope.logger) { tx -> (OrganizationRecord, [OrganizationTag])? in
            guard let org = try await tx.organizations.standing(of: scope.principal.account).organization else { return nil }
            return (org, try await tx.organizations.tags(org, resource: id))
        }
        guard let found else { return nil }
        let (org, current) = found
        let arns = org.arns(partition: runner.store.partition)
        var context: [String: ContextValue] = [:]
        for tag in current { context["aws:ResourceTag/\(tag.key)"] = .single(tag.value) }
        var keys: [String] = req.TagKeys ?? []
        for tag in req.Tags ?? [] {
            guard let key = tag.Key else { continue }
            context["aws:RequestTag/\(key)"] = .single(tag.Value ?? "")
            keys.append(key)
        }
        if !keys.isEmpty { context["aws:TagKeys"] = .multiple(keys) }
        let arn = OrganizationIdentifiers.isPolicy(id) ? arns.policy(id, awsManaged: id == "p-FullAWSAccess") : arns.target(id)
        return AuthorizationTarget(resource: arn, resourceAccount: scope.principal.account.value, context: context)
    }
}
