import CairnCore
import CairnStore

/// Tags on users and roles.
extension IAMOperations {
    static let tagUser = tag(.user, Entry.tagUser)
    static let tagRole = tag(.role, Entry.tagRole)
    static let untagUser = untag(.user, Entry.untagUser)
    static let untagRole = untag(.role, Entry.untagRole)
    static let listUserTags = listTags(.user, Entry.listUserTags)
    static let listRoleTags = listTags(.role, Entry.listRoleTags)

    /// Adds or replaces tags; more than 50 in all is LimitExceeded and changes nothing.
    private static func tag(_ kind: IAMEntityKind, _ entry: CatalogueOperation) -> Operation<IAMModel.TagEntityInput, NoOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let adding = try IAMInputChecks.tags(input.Tags)
            if adding.isEmpty { throw ServiceError.missingParameter("tags") }
            let owner = try await entity(kind, input, ctx, locked: true)
            let merged = try IAMTagRules.merge(try await tags(kind, owner.id, ctx), adding: adding)
            try await setTags(kind, owner.id, merged, ctx)
            return NoOutput()
        }
    }

    private static func untag(_ kind: IAMEntityKind, _ entry: CatalogueOperation) -> Operation<IAMModel.UntagEntityInput, NoOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let keys = input.TagKeys ?? []
            if keys.isEmpty { throw ServiceError.missingParameter("tagKeys") }
            if keys.count > IAMTagRules.maximumPerEntity {
                throw ServiceError.iamValidation(
                    "tagKeys", value: "[\(keys.joined(separator: ", "))]", "Member must have length less than or equal to 50")
            }
            for (i, key) in keys.enumerated() {
                try IAMInputRules.length(key, field: "tagKeys.\(i + 1).member", min: 1, max: 128)
            }
            let owner = try await entity(kind, input, ctx, locked: true)
            let remaining = IAMTagRules.remove(keys, from: try await tags(kind, owner.id, ctx))
            try await setTags(kind, owner.id, remaining, ctx)
            return NoOutput()
        }
    }

    private static func listTags(_ kind: IAMEntityKind, _ entry: CatalogueOperation) -> Operation<IAMModel.EntityPageInput, IAMModel.TagsOutput> {
        operation(entry) { input, ctx in
            _ = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
            let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
            let owner = try await entity(kind, input, ctx, locked: false)
            let found = IAMPaging.slice(try await tags(kind, owner.id, ctx), page: page) { $0.key }
            return IAMModel.TagsOutput(Tags: found.items.map(IAMModel.tag), IsTruncated: found.isTruncated, Marker: found.nextMarker)
        }
    }

    private static func tags(_ kind: IAMEntityKind, _ id: String, _ ctx: OperationContext) async throws -> [IAMTag] {
        switch kind {
        case .user: try await ctx.tx.iamUsers.find(userId: id)?.tags ?? []
        case .role: try await ctx.tx.roles.tags(roleId: id)
        case .group: []
        }
    }

    private static func setTags(_ kind: IAMEntityKind, _ id: String, _ tags: [IAMTag], _ ctx: OperationContext) async throws {
        switch kind {
        case .user: try await ctx.tx.iamUsers.setTags(userId: id, tags)
        case .role: try await ctx.tx.roles.setTags(roleId: id, tags)
        case .group: throw ServiceError.invalidInput("Groups cannot be tagged.")
        }
    }
}
