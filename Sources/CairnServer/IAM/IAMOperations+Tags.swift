import CairnCore
import CairnStore

extension IAMOperations {
    /// TagUser / TagRole: adds or replaces tags; more than 50 in all is LimitExceeded and changes nothing.
    func tag(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let adding = try r.tags()
            if adding.isEmpty { throw ServiceError.missingParameter("tags") }
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: true)
            let merged = try IAMTagRules.merge(try await tags(kind, owner.id, tx: tx), adding: adding)
            try await setTags(kind, owner.id, merged, tx: tx)
            return .init(())
        }
    }

    func untag(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let keys = r.members("TagKeys")
            if keys.isEmpty { throw ServiceError.missingParameter("tagKeys") }
            if keys.count > IAMTagRules.maximumPerEntity {
                throw ServiceError.iamValidation("tagKeys", value: "[\(keys.joined(separator: ", "))]", "Member must have length less than or equal to 50")
            }
            for (i, key) in keys.enumerated() {
                try IAMInputRules.length(key, field: "tagKeys.\(i + 1).member", min: 1, max: 128)
            }
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: true)
            let remaining = IAMTagRules.remove(keys, from: try await tags(kind, owner.id, tx: tx))
            try await setTags(kind, owner.id, remaining, tx: tx)
            return .init(())
        }
    }

    func listTags(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws -> IAMPageOf<IAMTag> {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let page = try r.page
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: false)
            return .init(IAMPaging.slice(try await tags(kind, owner.id, tx: tx), page: page) { $0.key })
        }
    }

    private func tags(_ kind: IAMEntityKind, _ id: String, tx: Transaction) async throws -> [IAMTag] {
        switch kind {
        case .user: try await tx.iamUsers.find(userId: id)?.tags ?? []
        case .role: try await tx.roles.tags(roleId: id)
        case .group: []
        }
    }

    private func setTags(_ kind: IAMEntityKind, _ id: String, _ tags: [IAMTag], tx: Transaction) async throws {
        switch kind {
        case .user: try await tx.iamUsers.setTags(userId: id, tags)
        case .role: try await tx.roles.setTags(roleId: id, tags)
        case .group: throw ServiceError.invalidInput("Groups cannot be tagged.")
        }
    }
}
