import CairnCore
import CairnStore

/// Access keys of IAM users and of the account's root user.
extension IAMOperations {
    static let createAccessKey = operation(Entry.createAccessKey) { (input: IAMModel.AccessKeysInput, ctx) -> IAMModel.AccessKeyOutput in
        let key = try await ctx.tx.iamAccessKeys.create(for: try await keyOwner(input.UserName, ctx))
        let m = key.metadata
        return IAMModel.AccessKeyOutput(
            AccessKey: .init(UserName: m.userName, AccessKeyId: m.accessKeyId, Status: m.status, SecretAccessKey: key.secret, CreateDate: m.createdAt)
        )
    }

    static let listAccessKeys = operation(Entry.listAccessKeys) { (input: IAMModel.AccessKeysInput, ctx) -> IAMModel.AccessKeysOutput in
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let owner = try await keyOwner(input.UserName, ctx)
        let found = IAMPaging.slice(try await ctx.tx.iamAccessKeys.list(for: owner), page: page) { $0.accessKeyId }
        return IAMModel.AccessKeysOutput(
            AccessKeyMetadata: found.items.map(IAMModel.AccessKeyMetadata.init), IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    static let updateAccessKey = operation(Entry.updateAccessKey) { (input: IAMModel.AccessKeyInput, ctx) -> NoOutput in
        let id = try accessKeyId(input.AccessKeyId)
        guard let status = try IAMInputChecks.oneOf(input.Status, "Status", ["Active", "Inactive", "Expired"]) else {
            throw ServiceError.missingParameter("status")
        }
        guard status != "Expired" else { throw ServiceError.invalidInput("Status Expired cannot be set by UpdateAccessKey.") }
        let owner = try await keyOwner(input.UserName, ctx)
        guard try await ctx.tx.iamAccessKeys.setStatus(id, for: owner, status: status) else { throw noSuchKey(id) }
        return NoOutput()
    }

    static let deleteAccessKey = operation(Entry.deleteAccessKey) { (input: IAMModel.AccessKeyInput, ctx) -> NoOutput in
        let id = try accessKeyId(input.AccessKeyId)
        let owner = try await keyOwner(input.UserName, ctx)
        guard try await ctx.tx.iamAccessKeys.delete(id, for: owner) else { throw noSuchKey(id) }
        return NoOutput()
    }

    /// Whose keys a call manages: the named user; without UserName, the caller itself (an IAM user, or the
    /// account's root user, whose keys AWS also lets it manage). A role session must name a user.
    private static func keyOwner(_ userName: String?, _ ctx: OperationContext) async throws -> AccessKeyOwner {
        let account = ctx.facts.principal.account
        if let name = try IAMInputChecks.optionalName(userName, "UserName", maxLength: NameLimit.existingUser) {
            return .user(try await ctx.tx.iamUsers.require(account: account, name: name))
        }
        switch ctx.facts.principal.type {
        case .root: return .root(account)
        default: return .user(try await ctx.tx.iamUsers.require(account: account, name: try callerUserName(ctx.facts)))
        }
    }

    private static func accessKeyId(_ value: String?) throws(ServiceError) -> String {
        let id = try IAMInputChecks.required(value, "AccessKeyId")
        try IAMInputRules.length(id, field: "accessKeyId", min: 16, max: 128)
        guard AccessKeyFormat.isPlausibleId(id) else {
            throw ServiceError.iamValidation("accessKeyId", value: id, "Member must satisfy regular expression pattern: [\\w]+")
        }
        return id
    }

    private static func noSuchKey(_ id: String) -> ServiceError {
        .noSuchEntity("The Access Key with id \(id) cannot be found.")
    }

    /// When and where a key of the account was last used, read from the event log (the latest call signed with it in
    /// any region); a key never used answers `N/A`, as IAM's does.
    static let getAccessKeyLastUsed = operation(Entry.getAccessKeyLastUsed) {
        (input: IAMModel.AccessKeyInput, ctx) -> IAMModel.AccessKeyLastUsedOutput in
        let id = try accessKeyId(input.AccessKeyId)
        let account = ctx.facts.principal.account
        guard let key = try await ctx.tx.iamAccessKeys.find(id, in: account) else {
            throw ServiceError.noSuchEntity("The Access Key with id \(id) cannot be found")
        }
        guard let use = try await ctx.tx.iamAccessKeys.lastUse(of: id, in: account) else {
            return .init(UserName: key.userName, AccessKeyLastUsed: .init(LastUsedDate: nil, ServiceName: "N/A", Region: "N/A"))
        }
        return .init(UserName: key.userName, AccessKeyLastUsed: .init(LastUsedDate: use.at, ServiceName: serviceName(use.source), Region: use.region))
    }

    /// IAM's service name for an event source: `iam` for `iam.amazonaws.com`.
    static func serviceName(_ eventSource: String) -> String {
        eventSource.hasSuffix(".amazonaws.com") ? String(eventSource.dropLast(".amazonaws.com".count)) : eventSource
    }
}
