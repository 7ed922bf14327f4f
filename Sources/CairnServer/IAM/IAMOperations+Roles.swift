import CairnCore
import CairnPolicy
import CairnStore

/// A role with its tags, as GetRole and CreateRole return it.
struct IAMRoleView: Sendable {
    let role: RoleRecord
    let tags: [IAMTag]
}

extension IAMOperations {
    func createRole(_ r: IAMRequest) async throws -> IAMRoleView {
        try await run(OperationCatalogue.IAM.createRole, r) { tx, facts in
            let name = try r.name("RoleName", maxLength: NameLimit.role)
            let path = try r.path()
            let trust = try r.document("AssumeRolePolicyDocument", type: .trust, limit: .trustPolicy)
            let description = try r.optional("Description").map { (d: String) throws(ServiceError) -> String in
                try IAMInputRules.roleDescription(d)
                return d
            }
            let maxSession = try r.integer("MaxSessionDuration", min: 3600, max: 43200) ?? 3600
            let tags = try r.tags()
            let account = facts.principal.account
            let boundary = try await r.optional("PermissionsBoundary").asyncMap { text in
                try await boundaryPolicy(text, field: "PermissionsBoundary", tx: tx, account: account).arn
            }
            var role = try await tx.roles.create(
                account: account, name: name, path: path, trustPolicy: trust, description: description, maxSessionDuration: maxSession)
            if !tags.isEmpty { try await tx.roles.setTags(roleId: role.roleId, tags) }
            if let boundary {
                try await tx.roles.setPermissionsBoundary(roleId: role.roleId, arn: boundary)
                role = try await tx.roles.require(account: account, name: name)
            }
            return .init(IAMRoleView(role: role, tags: tags), responseElements: .object(["role": IAMEventElements.role(role)]))
        }
    }

    func getRole(_ r: IAMRequest) async throws -> IAMRoleView {
        try await run(OperationCatalogue.IAM.getRole, r) { tx, facts in
            let name = try r.name("RoleName", maxLength: NameLimit.role)
            let role = try await tx.roles.require(account: facts.principal.account, name: name)
            return .init(IAMRoleView(role: role, tags: try await tx.roles.tags(roleId: role.roleId)))
        }
    }

    func listRoles(_ r: IAMRequest) async throws -> IAMPageOf<RoleRecord> {
        try await run(OperationCatalogue.IAM.listRoles, r) { tx, facts in
            let prefix = try r.pathPrefix()
            let page = try r.page
            return .init(try await tx.roles.list(account: facts.principal.account, pathPrefix: prefix, page: page))
        }
    }

    func updateRole(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.updateRole, r) { tx, facts in
            let name = try r.name("RoleName", maxLength: NameLimit.role)
            let description = try r.optional("Description").map { (d: String) throws(ServiceError) -> String in
                try IAMInputRules.roleDescription(d)
                return d
            }
            let maxSession = try r.integer("MaxSessionDuration", min: 3600, max: 43200)
            let role = try await tx.roles.require(account: facts.principal.account, name: name, locked: true)
            try await tx.roles.update(roleId: role.roleId, description: description, maxSessionDuration: maxSession)
            return .init(())
        }
    }

    func deleteRole(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.deleteRole, r) { tx, facts in
            let name = try r.name("RoleName", maxLength: NameLimit.role)
            let role = try await tx.roles.require(account: facts.principal.account, name: name, locked: true)
            try await tx.roles.delete(role)
            return .init(())
        }
    }

    func updateAssumeRolePolicy(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.updateAssumeRolePolicy, r) { tx, facts in
            let name = try r.name("RoleName", maxLength: NameLimit.role)
            let trust = try r.document(type: .trust, limit: .trustPolicy)
            let role = try await tx.roles.require(account: facts.principal.account, name: name, locked: true)
            try await tx.roles.setTrustPolicy(roleId: role.roleId, trust)
            return .init(())
        }
    }
}
