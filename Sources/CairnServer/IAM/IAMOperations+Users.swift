import CairnCore
import CairnPolicy
import CairnStore

/// Users.
extension IAMOperations {
    static let createUser = operation(Entry.createUser) { (input: IAMModel.CreateUserInput, ctx) -> IAMModel.UserOutput in
        let name = try IAMInputChecks.name(input.UserName, "UserName", maxLength: NameLimit.user)
        let path = try IAMInputChecks.path(input.Path)
        let tags = try IAMInputChecks.tags(input.Tags)
        let boundary = try await input.PermissionsBoundary.asyncMap { text in try await boundaryPolicy(text, member: "PermissionsBoundary", ctx).arn }
        let user = try await ctx.tx.iamUsers.create(
            account: ctx.facts.principal.account, name: name, path: path, permissionsBoundaryArn: boundary, tags: tags)
        return IAMModel.UserOutput(User: .init(user, withTags: true))
    }

    /// GetUser without UserName describes the calling IAM user.
    static let getUser = operation(Entry.getUser) { (input: IAMModel.EntityInput, ctx) -> IAMModel.UserOutput in
        let name = try IAMInputChecks.optionalName(input.UserName, "UserName", maxLength: NameLimit.existingUser) ?? callerUserName(ctx.facts)
        return IAMModel.UserOutput(User: .init(try await ctx.tx.iamUsers.require(account: ctx.facts.principal.account, name: name), withTags: true))
    }

    static let listUsers = operation(Entry.listUsers) { (input: IAMModel.ListInput, ctx) -> IAMModel.UsersOutput in
        let prefix = try IAMInputChecks.pathPrefix(input.PathPrefix)
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let found = try await ctx.tx.iamUsers.list(account: ctx.facts.principal.account, pathPrefix: prefix, page: page)
        return IAMModel.UsersOutput(Users: found.items.map { .init($0, withTags: false) }, IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    static let updateUser = operation(Entry.updateUser) { (input: IAMModel.UpdateUserInput, ctx) -> NoOutput in
        let name = try IAMInputChecks.name(input.UserName, "UserName", maxLength: NameLimit.existingUser)
        let newName = try IAMInputChecks.optionalName(input.NewUserName, "NewUserName", maxLength: NameLimit.user)
        let newPath = try input.NewPath.map { (_: String) throws(ServiceError) in try IAMInputChecks.path(input.NewPath, "NewPath") }
        let user = try await ctx.tx.iamUsers.require(account: ctx.facts.principal.account, name: name, locked: true)
        _ = try await ctx.tx.iamUsers.update(user, newName: newName, newPath: newPath)
        return NoOutput()
    }

    static let deleteUser = operation(Entry.deleteUser) { (input: IAMModel.EntityInput, ctx) -> NoOutput in
        let name = try IAMInputChecks.name(input.UserName, "UserName", maxLength: NameLimit.existingUser)
        let user = try await ctx.tx.iamUsers.require(account: ctx.facts.principal.account, name: name, locked: true)
        try await ctx.tx.iamUsers.delete(user)
        return NoOutput()
    }
}
