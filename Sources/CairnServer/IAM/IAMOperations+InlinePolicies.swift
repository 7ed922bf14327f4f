import CairnCore
import CairnPolicy
import CairnStore

/// An inline policy as GetUserPolicy / GetRolePolicy / GetGroupPolicy return it.
struct IAMInlinePolicyView: Sendable {
    let kind: IAMEntityKind
    let ownerName: String
    let policyName: String
    let document: String
}

extension IAMEntityKind {
    /// The request field naming the entity (UserName, GroupName, RoleName).
    var nameField: String {
        switch self {
        case .user: "UserName"
        case .group: "GroupName"
        case .role: "RoleName"
        }
    }

    var nameLimit: Int {
        switch self {
        case .user: IAMOperations.NameLimit.existingUser
        case .group: IAMOperations.NameLimit.group
        case .role: IAMOperations.NameLimit.role
        }
    }

    var inlineSizeLimit: PolicySizeLimit {
        switch self {
        case .user: .inlineUser
        case .group: .inlineGroup
        case .role: .inlineRole
        }
    }
}

extension IAMOperations {
    /// The entity the request names, as (unique id, stored name); `locked` takes its row lock.
    func entity(_ kind: IAMEntityKind, _ r: IAMRequest, tx: Transaction, account: AccountId, locked: Bool) async throws -> (id: String, name: String) {
        let name = try r.name(kind.nameField, maxLength: kind.nameLimit)
        switch kind {
        case .user:
            let u = try await tx.iamUsers.require(account: account, name: name, locked: locked)
            return (u.userId, u.name)
        case .group:
            let g = try await tx.iamGroups.require(account: account, name: name, locked: locked)
            return (g.groupId, g.name)
        case .role:
            let role = try await tx.roles.require(account: account, name: name, locked: locked)
            return (role.roleId, role.name)
        }
    }

    /// PutUserPolicy / PutRolePolicy / PutGroupPolicy. IAM's size quota is on the sum of the entity's inline
    /// documents (whitespace not counted), so the replaced document's old text does not count.
    func putInlinePolicy(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let policyName = try r.name("PolicyName", maxLength: NameLimit.policy)
            let limit = kind.inlineSizeLimit
            let document = try r.document(type: .identity, limit: limit)
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: true)
            let others = try await tx.iamInlinePolicies.all(kind: kind, ownerId: owner.id).filter { $0.name != policyName }
            let total = others.reduce(limit.measure(document)) { $0 + limit.measure($1.document) }
            if total > limit.maximumCharacters {
                throw ServiceError.limitExceeded("Maximum policy size of \(limit.maximumCharacters) bytes exceeded for \(kind.word) \(owner.name)")
            }
            try await tx.iamInlinePolicies.put(
                kind: kind, ownerId: owner.id, account: facts.principal.account, name: policyName, document: document)
            return .init(())
        }
    }

    func getInlinePolicy(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws -> IAMInlinePolicyView {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let policyName = try r.name("PolicyName", maxLength: NameLimit.policy)
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: false)
            guard let document = try await tx.iamInlinePolicies.document(kind: kind, ownerId: owner.id, name: policyName) else {
                throw kind.inlinePolicyNotFound(policyName)
            }
            return .init(IAMInlinePolicyView(kind: kind, ownerName: owner.name, policyName: policyName, document: document))
        }
    }

    func deleteInlinePolicy(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let policyName = try r.name("PolicyName", maxLength: NameLimit.policy)
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: true)
            guard try await tx.iamInlinePolicies.delete(kind: kind, ownerId: owner.id, name: policyName) else {
                throw kind.inlinePolicyNotFound(policyName)
            }
            return .init(())
        }
    }

    func listInlinePolicies(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws -> IAMPageOf<String> {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let page = try r.page
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: false)
            return .init(try await tx.iamInlinePolicies.names(kind: kind, ownerId: owner.id, page: page))
        }
    }
}
