import CairnCore
import CairnPolicy
import CairnStore

/// IAM management, one typed `Operation` each, shared by the Query and REST doors. Each validates its input
/// and changes the store inside the runner's transaction, so a refused call writes nothing but its event.
/// Every call acts in the caller's own account.
enum IAMOperations {
    typealias Entry = OperationCatalogue.IAM

    /// Limits of IAM's name members (botocore's iam model).
    enum NameLimit {
        static let user = 64
        static let existingUser = 128
        static let group = 128
        static let role = 64
        static let policy = 128
    }

    /// An IAM operation: authorized against the resource its input names (IAMResource), with the named user's
    /// or role's tags as `aws:ResourceTag/…`.
    static func operation<Input, Output>(
        _ entry: CatalogueOperation, _ body: @escaping Operation<Input, Output>.Body
    ) -> Operation<Input, Output> {
        Operation(entry, target: { input, t in try await target(input, entry, t) }, body)
    }

    private static func target(_ input: some Encodable, _ entry: CatalogueOperation, _ t: TargetContext) async throws -> AuthorizationTarget {
        let members = try JSONValueEncoder().encode(input)
        let userName = members["UserName"]?.stringValue, roleName = members["RoleName"]?.stringValue
        var tags: [String: String] = [:]
        if userName != nil || roleName != nil {
            let account = t.facts.principal.account
            do {
                tags = try await t.read { tx in try await tx.principalPolicies.entityTags(account: account, userName: userName, roleName: roleName) }
            } catch  where PostgresFailure(error).serviceError.status == 400 {
                // A name PostgreSQL cannot compare names no entity: the operation's own checks refuse it,
                // naming the member.
            }
        }
        return IAMResource.target(
            for: entry, members: members, principal: t.facts.principal, partition: t.partition, resourceTags: tags)
    }

    /// The entity the input names under `kind`'s member, as (unique id, stored name); `locked` takes its row
    /// lock.
    static func entity(
        _ kind: IAMEntityKind, _ input: some IAMEntityNaming, _ ctx: OperationContext, locked: Bool
    ) async throws -> (id: String, name: String) {
        let name = try IAMInputChecks.name(kind.name(in: input), kind.nameField, maxLength: kind.nameLimit)
        let account = ctx.facts.principal.account
        switch kind {
        case .user:
            let u = try await ctx.tx.iamUsers.require(account: account, name: name, locked: locked)
            return (u.userId, u.name)
        case .group:
            let g = try await ctx.tx.iamGroups.require(account: account, name: name, locked: locked)
            return (g.groupId, g.name)
        case .role:
            let role = try await ctx.tx.roles.require(account: account, name: name, locked: locked)
            return (role.roleId, role.name)
        }
    }

    /// The calling IAM user's name, for calls whose UserName defaults to the caller.
    static func callerUserName(_ facts: CallFacts) throws(ServiceError) -> String {
        guard facts.principal.type == .iamUser, let name = facts.principal.userName else {
            throw ServiceError(code: "ValidationException", status: 400, message: "Must specify userName when calling with non-User credentials")
        }
        return name
    }

    /// A managed policy named as a permissions boundary: it must exist and be visible to the account.
    static func boundaryPolicy(_ text: String, member: String, _ ctx: OperationContext) async throws -> ManagedPolicyRecord {
        let arn = try IAMPolicyARN(parsing: text, field: IAMInputChecks.field(member))
        guard let policy = try await ctx.tx.iamPolicies.find(arn.description, seenBy: ctx.facts.principal.account, lock: .share) else {
            throw ServiceError.noSuchEntity("Policy \(text) does not exist or is not attachable.")
        }
        return policy
    }
}

/// The inputs that name an entity by its kind's member (UserName, GroupName or RoleName).
protocol IAMEntityNaming {
    var UserName: String? { get }
    var GroupName: String? { get }
    var RoleName: String? { get }
}

extension IAMEntityNaming {
    var UserName: String? { nil }
    var GroupName: String? { nil }
    var RoleName: String? { nil }
}

extension IAMModel.EntityPageInput: IAMEntityNaming {}
extension IAMModel.InlinePolicyInput: IAMEntityNaming {}
extension IAMModel.AttachmentInput: IAMEntityNaming {}
extension IAMModel.ListAttachedPoliciesInput: IAMEntityNaming {}
extension IAMModel.PermissionsBoundaryInput: IAMEntityNaming {}
extension IAMModel.TagEntityInput: IAMEntityNaming {}
extension IAMModel.UntagEntityInput: IAMEntityNaming {}

extension IAMEntityKind {
    /// The member naming an entity of this kind (UserName, GroupName, RoleName).
    var nameField: String {
        switch self {
        case .user: "UserName"
        case .group: "GroupName"
        case .role: "RoleName"
        }
    }

    func name(in input: some IAMEntityNaming) -> String? {
        switch self {
        case .user: input.UserName
        case .group: input.GroupName
        case .role: input.RoleName
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

extension Optional {
    /// `map` for an async, throwing transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async throws -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
