import CairnCore
import CairnPolicy
import CairnStore

/// Inline policies of users, roles and groups: one operation per kind, each named by its kind's member.
extension IAMOperations {
    static let putUserPolicy = putInlinePolicy(.user, Entry.putUserPolicy)
    static let putRolePolicy = putInlinePolicy(.role, Entry.putRolePolicy)
    static let putGroupPolicy = putInlinePolicy(.group, Entry.putGroupPolicy)
    static let getUserPolicy = getInlinePolicy(.user, Entry.getUserPolicy)
    static let getRolePolicy = getInlinePolicy(.role, Entry.getRolePolicy)
    static let getGroupPolicy = getInlinePolicy(.group, Entry.getGroupPolicy)
    static let deleteUserPolicy = deleteInlinePolicy(.user, Entry.deleteUserPolicy)
    static let deleteRolePolicy = deleteInlinePolicy(.role, Entry.deleteRolePolicy)
    static let deleteGroupPolicy = deleteInlinePolicy(.group, Entry.deleteGroupPolicy)
    static let listUserPolicies = listInlinePolicies(.user, Entry.listUserPolicies)
    static let listRolePolicies = listInlinePolicies(.role, Entry.listRolePolicies)
    static let listGroupPolicies = listInlinePolicies(.group, Entry.listGroupPolicies)

    /// IAM's size quota is on the sum of the entity's inline documents (whitespace not counted), so the
    /// replaced document's old text does not count.
    private static func putInlinePolicy(_ kind: IAMEntityKind, _ entry: CatalogueOperation) -> Operation<IAMModel.InlinePolicyInput, NoOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let policyName = try IAMInputChecks.name(input.PolicyName, "PolicyName", maxLength: NameLimit.policy)
            let limit = kind.inlineSizeLimit
            let document = try IAMInputChecks.document(input.PolicyDocument, type: .identity, limit: limit)
            let owner = try await entity(kind, input, ctx, locked: true)
            let others = try await ctx.tx.iamInlinePolicies.all(kind: kind, ownerId: owner.id).filter { $0.name != policyName }
            let total = others.reduce(limit.measure(document)) { $0 + limit.measure($1.document) }
            if total > limit.maximumCharacters {
                throw ServiceError.limitExceeded("Maximum policy size of \(limit.maximumCharacters) bytes exceeded for \(kind.word) \(owner.name)")
            }
            try await ctx.tx.iamInlinePolicies.put(
                kind: kind, ownerId: owner.id, account: ctx.facts.principal.account, name: policyName, document: document)
            return NoOutput()
        }
    }

    private static func getInlinePolicy(
        _ kind: IAMEntityKind, _ entry: CatalogueOperation
    ) -> Operation<IAMModel.InlinePolicyInput, IAMModel.InlinePolicyOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let policyName = try IAMInputChecks.name(input.PolicyName, "PolicyName", maxLength: NameLimit.policy)
            let owner = try await entity(kind, input, ctx, locked: false)
            guard let document = try await ctx.tx.iamInlinePolicies.document(kind: kind, ownerId: owner.id, name: policyName) else {
                throw kind.inlinePolicyNotFound(policyName)
            }
            var output = IAMModel.InlinePolicyOutput(PolicyName: policyName, PolicyDocument: IAMPolicyDocumentRules.urlEncoded(document))
            switch kind {
            case .user: output.UserName = owner.name
            case .group: output.GroupName = owner.name
            case .role: output.RoleName = owner.name
            }
            return output
        }
    }

    private static func deleteInlinePolicy(_ kind: IAMEntityKind, _ entry: CatalogueOperation) -> Operation<IAMModel.InlinePolicyInput, NoOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let policyName = try IAMInputChecks.name(input.PolicyName, "PolicyName", maxLength: NameLimit.policy)
            let owner = try await entity(kind, input, ctx, locked: true)
            guard try await ctx.tx.iamInlinePolicies.delete(kind: kind, ownerId: owner.id, name: policyName) else {
                throw kind.inlinePolicyNotFound(policyName)
            }
            return NoOutput()
        }
    }

    private static func listInlinePolicies(
        _ kind: IAMEntityKind, _ entry: CatalogueOperation
    ) -> Operation<IAMModel.EntityPageInput, IAMModel.PolicyNamesOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
            let owner = try await entity(kind, input, ctx, locked: false)
            let found = try await ctx.tx.iamInlinePolicies.names(kind: kind, ownerId: owner.id, page: page)
            return IAMModel.PolicyNamesOutput(PolicyNames: found.items, IsTruncated: found.isTruncated, Marker: found.nextMarker)
        }
    }
}
