import CairnCore
import CairnPolicy
import CairnStore

/// Roles and their trust policies.
extension IAMOperations {
    static let createRole = operation(Entry.createRole) { (input: IAMModel.CreateRoleInput, ctx) -> IAMModel.RoleOutput in
        let name = try IAMInputChecks.name(input.RoleName, "RoleName", maxLength: NameLimit.role)
        let path = try IAMInputChecks.path(input.Path)
        let trust = try IAMInputChecks.document(input.AssumeRolePolicyDocument, "AssumeRolePolicyDocument", type: .trust, limit: .trustPolicy)
        if let d = input.Description { try IAMInputRules.roleDescription(d) }
        let maxSession = try IAMInputChecks.integer(input.MaxSessionDuration, "MaxSessionDuration", min: 3600, max: 43200) ?? 3600
        let tags = try IAMInputChecks.tags(input.Tags)
        let account = ctx.facts.principal.account
        let boundary = try await input.PermissionsBoundary.asyncMap { text in try await boundaryPolicy(text, member: "PermissionsBoundary", ctx).arn }
        var role = try await ctx.tx.roles.create(
            account: account, name: name, path: path, trustPolicy: trust, description: input.Description, maxSessionDuration: maxSession)
        if !tags.isEmpty { try await ctx.tx.roles.setTags(roleId: role.roleId, tags) }
        if let boundary {
            try await ctx.tx.roles.setPermissionsBoundary(roleId: role.roleId, arn: boundary)
            role = try await ctx.tx.roles.require(account: account, name: name)
        }
        return IAMModel.RoleOutput(Role: .init(role, tags: tags))
    }

    static let getRole = operation(Entry.getRole) { (input: IAMModel.EntityInput, ctx) -> IAMModel.RoleOutput in
        let name = try IAMInputChecks.name(input.RoleName, "RoleName", maxLength: NameLimit.role)
        let role = try await ctx.tx.roles.require(account: ctx.facts.principal.account, name: name)
        return IAMModel.RoleOutput(Role: .init(role, tags: try await ctx.tx.roles.tags(roleId: role.roleId)))
    }

    static let listRoles = operation(Entry.listRoles) { (input: IAMModel.ListInput, ctx) -> IAMModel.RolesOutput in
        let prefix = try IAMInputChecks.pathPrefix(input.PathPrefix)
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let found = try await ctx.tx.roles.list(account: ctx.facts.principal.account, pathPrefix: prefix, page: page)
        return IAMModel.RolesOutput(Roles: found.items.map { .init($0, tags: nil) }, IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    static let updateRole = operation(Entry.updateRole) { (input: IAMModel.UpdateRoleInput, ctx) -> NoOutput in
        let name = try IAMInputChecks.name(input.RoleName, "RoleName", maxLength: NameLimit.role)
        if let d = input.Description { try IAMInputRules.roleDescription(d) }
        let maxSession = try IAMInputChecks.integer(input.MaxSessionDuration, "MaxSessionDuration", min: 3600, max: 43200)
        let role = try await ctx.tx.roles.require(account: ctx.facts.principal.account, name: name, locked: true)
        try await ctx.tx.roles.update(roleId: role.roleId, description: input.Description, maxSessionDuration: maxSession)
        return NoOutput()
    }

    static let deleteRole = operation(Entry.deleteRole) { (input: IAMModel.EntityInput, ctx) -> NoOutput in
        let name = try IAMInputChecks.name(input.RoleName, "RoleName", maxLength: NameLimit.role)
        let role = try await ctx.tx.roles.require(account: ctx.facts.principal.account, name: name, locked: true)
        // A service-linked role goes only through DeleteServiceLinkedRole (PostgreSQL refuses it too, migration 0033).
        if role.serviceLinkedTo != nil { throw ServiceError.unmodifiableRole(role.name) }
        try await ctx.tx.roles.delete(role)
        return NoOutput()
    }

    static let updateAssumeRolePolicy = operation(Entry.updateAssumeRolePolicy) { (input: IAMModel.UpdateAssumeRolePolicyInput, ctx) -> NoOutput in
        let name = try IAMInputChecks.name(input.RoleName, "RoleName", maxLength: NameLimit.role)
        let trust = try IAMInputChecks.document(input.PolicyDocument, type: .trust, limit: .trustPolicy)
        let role = try await ctx.tx.roles.require(account: ctx.facts.principal.account, name: name, locked: true)
        try await ctx.tx.roles.setTrustPolicy(roleId: role.roleId, trust)
        return NoOutput()
    }
}
