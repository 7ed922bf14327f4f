import CairnCore
import CairnStore

/// A group and one page of its members (GetGroup).
struct IAMGroupWithMembers: Sendable {
    let group: IAMGroupRecord
    let members: IAMPageOf<IAMUserRecord>
}

extension IAMOperations {
    func createGroup(_ r: IAMRequest) async throws -> IAMGroupRecord {
        try await run(OperationCatalogue.IAM.createGroup, r) { tx, facts in
            let name = try r.name("GroupName", maxLength: NameLimit.group)
            let path = try r.path()
            let group = try await tx.iamGroups.create(account: facts.principal.account, name: name, path: path)
            return .init(group, responseElements: .object(["group": IAMEventElements.group(group)]))
        }
    }

    func getGroup(_ r: IAMRequest) async throws -> IAMGroupWithMembers {
        try await run(OperationCatalogue.IAM.getGroup, r) { tx, facts in
            let name = try r.name("GroupName", maxLength: NameLimit.group)
            let page = try r.page
            let group = try await tx.iamGroups.require(account: facts.principal.account, name: name)
            return .init(IAMGroupWithMembers(group: group, members: try await tx.iamUsers.members(of: group.groupId, page: page)))
        }
    }

    func listGroups(_ r: IAMRequest) async throws -> IAMPageOf<IAMGroupRecord> {
        try await run(OperationCatalogue.IAM.listGroups, r) { tx, facts in
            let prefix = try r.pathPrefix()
            let page = try r.page
            return .init(try await tx.iamGroups.list(account: facts.principal.account, pathPrefix: prefix, page: page))
        }
    }

    func deleteGroup(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.deleteGroup, r) { tx, facts in
            let name = try r.name("GroupName", maxLength: NameLimit.group)
            let group = try await tx.iamGroups.require(account: facts.principal.account, name: name, locked: true)
            try await tx.iamGroups.delete(group)
            return .init(())
        }
    }

    func addUserToGroup(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.addUserToGroup, r) { tx, facts in
            let groupName = try r.name("GroupName", maxLength: NameLimit.group)
            let userName = try r.name("UserName", maxLength: NameLimit.existingUser)
            let account = facts.principal.account
            // Group first, then user: every path that locks both takes them in this order.
            let group = try await tx.iamGroups.require(account: account, name: groupName, locked: true)
            let user = try await tx.iamUsers.require(account: account, name: userName, locked: true)
            try await tx.iamGroups.add(user: user, to: group)
            return .init(())
        }
    }

    func removeUserFromGroup(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.removeUserFromGroup, r) { tx, facts in
            let groupName = try r.name("GroupName", maxLength: NameLimit.group)
            let userName = try r.name("UserName", maxLength: NameLimit.existingUser)
            let account = facts.principal.account
            let group = try await tx.iamGroups.require(account: account, name: groupName, locked: true)
            let user = try await tx.iamUsers.require(account: account, name: userName, locked: true)
            guard try await tx.iamGroups.remove(userId: user.userId, from: group.groupId) else {
                throw ServiceError.noSuchEntity("The user with name \(userName) cannot be found in group \(groupName).")
            }
            return .init(())
        }
    }

    func listGroupsForUser(_ r: IAMRequest) async throws -> IAMPageOf<IAMGroupRecord> {
        try await run(OperationCatalogue.IAM.listGroupsForUser, r) { tx, facts in
            let userName = try r.name("UserName", maxLength: NameLimit.existingUser)
            let page = try r.page
            let user = try await tx.iamUsers.require(account: facts.principal.account, name: userName)
            return .init(try await tx.iamGroups.groups(ofUser: user.userId, page: page))
        }
    }
}
