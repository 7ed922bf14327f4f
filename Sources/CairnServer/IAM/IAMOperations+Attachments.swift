import CairnCore
import CairnStore

extension IAMOperations {
    /// AttachUserPolicy / AttachRolePolicy / AttachGroupPolicy: the caller's own managed policies or AWS's.
    func attachPolicy(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let arn = try r.policyArn()
            let account = facts.principal.account
            let owner = try await entity(kind, r, tx: tx, account: account, locked: true)
            guard let policy = try await tx.iamPolicies.find(arn.description, seenBy: account, lock: .share) else {
                throw ServiceError.noSuchEntity("Policy \(arn) does not exist or is not attachable.")
            }
            try await tx.iamPolicies.attach(policy, to: kind, id: owner.id, account: account)
            return .init(())
        }
    }

    func detachPolicy(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let arn = try r.policyArn()
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: true)
            guard try await tx.iamPolicies.detach(arn.description, from: kind, id: owner.id) else {
                throw ServiceError.noSuchEntity("Policy \(arn) was not found.")
            }
            return .init(())
        }
    }

    func listAttachedPolicies(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws -> IAMPageOf<AttachedPolicyRecord> {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let prefix = try r.optional("PathPrefix").map { (_: String) throws(ServiceError) in try r.policyPath("PathPrefix") } ?? "/"
            let page = try r.page
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: false)
            let all = try await tx.iamPolicies.attachedPolicies(kind: kind, id: owner.id, pathPrefix: prefix)
            return .init(IAMPaging.slice(all, page: page) { $0.policyArn })
        }
    }

    /// PutUserPermissionsBoundary / PutRolePermissionsBoundary: a managed policy the account can see.
    func putPermissionsBoundary(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let text = try r.required("PermissionsBoundary")
            _ = try IAMPolicyARN(parsing: text, field: "permissionsBoundary")
            let account = facts.principal.account
            let owner = try await entity(kind, r, tx: tx, account: account, locked: true)
            let policy = try await boundaryPolicy(text, field: "PermissionsBoundary", tx: tx, account: account)
            try await setBoundary(kind, owner.id, policy.arn, tx: tx)
            return .init(())
        }
    }

    func deletePermissionsBoundary(_ operation: CatalogueOperation, _ kind: IAMEntityKind, _ r: IAMRequest) async throws {
        try await run(operation, r) { tx, facts in
            _ = try r.name(kind.nameField, maxLength: kind.nameLimit)
            let owner = try await entity(kind, r, tx: tx, account: facts.principal.account, locked: true)
            try await setBoundary(kind, owner.id, nil, tx: tx)
            return .init(())
        }
    }

    private func setBoundary(_ kind: IAMEntityKind, _ id: String, _ arn: String?, tx: Transaction) async throws {
        switch kind {
        case .user: try await tx.iamUsers.setPermissionsBoundary(userId: id, arn: arn)
        case .role: try await tx.roles.setPermissionsBoundary(roleId: id, arn: arn)
        case .group: throw ServiceError.invalidInput("Groups cannot have permissions boundaries.")
        }
    }
}
