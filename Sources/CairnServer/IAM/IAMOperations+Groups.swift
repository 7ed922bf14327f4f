import CairnCore
import CairnStore

/// Groups and their members.
extension IAMOperations {
    static let createGroup = operation(Entry.createGroup) { (input: IAMModel.CreateGroupInput, ctx) -> IAMModel.GroupOutput in
        let name = try IAMInputChecks.name(input.GroupName, "GroupName", maxLength: NameLimit.group)
        let path = try IAMInputChecks.path(input.Path)
        return IAMModel.GroupOutput(Group: .init(try await ctx.tx.iamGroups.create(account: ctx.facts.principal.account, name: name, path: path)))
    }

    /// The group and one page of its members.
    static let getGroup = operation(Entry.getGroup) { (input: IAMModel.EntityPageInput, ctx) -> IAMModel.GroupWithUsersOutput in
        let name = try IAMInputChecks.name(input.GroupName, "GroupName", maxLength: NameLimit.group)
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let group = try await ctx.tx.iamGroups.require(account: ctx.facts.principal.account, name: name)
        let members = try await ctx.tx.iamUsers.members(of: group.groupId, page: page)
        return IAMModel.GroupWithUsersOutput(
            Group: .init(group), Users: members.items.map { .init($0, withTags: false) }, IsTruncated: members.isTruncated,
            Marker: members.nextMarker)
    }

    static let listGroups = operation(Entry.listGroups) { (input: IAMModel.ListInput, ctx) -> IAMModel.GroupsOutput in
        let prefix = try IAMInputChecks.pathPrefix(input.PathPrefix)
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let found = try await ctx.tx.iamGroups.list(account: ctx.facts.principal.account, pathPrefix: prefix, page: page)
        return IAMModel.GroupsOutput(Groups: found.items.map(IAMModel.Group.init), IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    static let deleteGroup = operation(Entry.deleteGroup) { (input: IAMModel.EntityInput, ctx) -> NoOutput in
        let name = try IAMInputChecks.name(input.GroupName, "GroupName", maxLength: NameLimit.group)
        let group = try await ctx.tx.iamGroups.require(account: ctx.facts.principal.account, name: name, locked: true)
        try await ctx.tx.iamGroups.delete(group)
        return NoOutput()
    }

    static let addUserToGroup = operation(Entry.addUserToGroup) { (input: IAMModel.GroupMemberInput, ctx) -> NoOutput in
        let groupName = try IAMInputChecks.name(input.GroupName, "GroupName", maxLength: NameLimit.group)
        let userName = try IAMInputChecks.name(input.UserName, "UserName", maxLength: NameLimit.existingUser)
        let account = ctx.facts.principal.account
        // Group first, then user: every path that locks both takes them in this order.
        let group = try await ctx.tx.iamGroups.require(account: account, name: groupName, locked: true)
        let user = try await ctx.tx.iamUsers.require(account: account, name: userName, locked: true)
        try await ctx.tx.iamGroups.add(user: user, to: group)
        return NoOutput()
    }

    static let removeUserFromGroup = operation(Entry.removeUserFromGroup) { (input: IAMModel.GroupMemberInput, ctx) -> NoOutput in
        let groupName = try IAMInputChecks.name(input.GroupName, "GroupName", maxLength: NameLimit.group)
        let userName = try IAMInputChecks.name(input.UserName, "UserName", maxLength: NameLimit.existingUser)
        let account = ctx.facts.principal.account
        let group = try await ctx.tx.iamGroups.require(account: account, name: groupName, locked: true)
        let user = try await ctx.tx.iamUsers.require(account: account, name: userName, locked: true)
        guard try await ctx.tx.iamGroups.remove(userId: user.userId, from: group.groupId) else {
            throw ServiceError.noSuchEntity("The user with name \(userName) cannot be found in group \(groupName).")
        }
        return NoOutput()
    }

    static let listGroupsForUser = operation(Entry.listGroupsForUser) { (input: IAMModel.EntityPageInput, ctx) -> IAMModel.GroupsOutput in
        let userName = try IAMInputChecks.name(input.UserName, "UserName", maxLength: NameLimit.existingUser)
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let user = try await ctx.tx.iamUsers.require(account: ctx.facts.principal.account, name: userName)
        let found = try await ctx.tx.iamGroups.groups(ofUser: user.userId, page: page)
        return IAMModel.GroupsOutput(Groups: found.items.map(IAMModel.Group.init), IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    /// A new name or path for a group; members, inline and attached policies go with it.
    static let updateGroup = operation(Entry.updateGroup) { (input: IAMModel.UpdateGroupInput, ctx) -> NoOutput in
        let name = try IAMInputChecks.name(input.GroupName, "GroupName", maxLength: NameLimit.group)
        let newName = try IAMInputChecks.optionalName(input.NewGroupName, "NewGroupName", maxLength: NameLimit.group)
        let newPath = try input.NewPath.map { (_: String) throws(ServiceError) in try IAMInputChecks.path(input.NewPath, "NewPath") }
        let group = try await ctx.tx.iamGroups.require(account: ctx.facts.principal.account, name: name, locked: true)
        try await ctx.tx.iamGroups.update(group, newName: newName, newPath: newPath)
        return NoOutput()
    }
}
