import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Console passwords: the account's password policy and users' login profiles (the console signs users in with
/// them). A password is checked against the account's policy (IAM's default when it set none), stored only as a
/// slow salted hash (PasswordHasher), and never recorded or answered.
extension IAMOperations {
    static let updateAccountPasswordPolicy = operation(Entry.updateAccountPasswordPolicy) {
        (input: IAMModel.UpdateAccountPasswordPolicyInput, ctx) -> NoOutput in
        // Members left out take IAM's defaults: the call replaces the whole policy.
        var p = PasswordPolicy()
        p.minimumLength = try IAMInputChecks.integer(input.MinimumPasswordLength, "MinimumPasswordLength", min: 6, max: 128) ?? 6
        p.requireSymbols = input.RequireSymbols ?? false
        p.requireNumbers = input.RequireNumbers ?? false
        p.requireUppercase = input.RequireUppercaseCharacters ?? false
        p.requireLowercase = input.RequireLowercaseCharacters ?? false
        p.allowUsersToChangePassword = input.AllowUsersToChangePassword ?? false
        p.maxAgeDays = try IAMInputChecks.integer(input.MaxPasswordAge, "MaxPasswordAge", min: 1, max: 1095)
        p.reusePrevention = try IAMInputChecks.integer(input.PasswordReusePrevention, "PasswordReusePrevention", min: 1, max: 24)
        p.hardExpiry = input.HardExpiry ?? false
        try await ctx.tx.passwordPolicies.set(p, for: ctx.facts.principal.account)
        return NoOutput()
    }

    static let getAccountPasswordPolicy = Operation(
        Entry.getAccountPasswordPolicy, target: { (_: NoInput, t) in try await changePasswordGrant(t, resource: "*") }
    ) { (_: NoInput, ctx) -> IAMModel.PasswordPolicyOutput in
        guard let p = try await ctx.tx.passwordPolicies.policy(of: ctx.facts.principal.account) else {
            throw ServiceError.noSuchEntity("The Password Policy with domain name \(ctx.facts.principal.account.value) cannot be found.")
        }
        return .init(PasswordPolicy: .init(p))
    }

    static let deleteAccountPasswordPolicy = operation(Entry.deleteAccountPasswordPolicy) { (_: NoInput, ctx) -> NoOutput in
        guard try await ctx.tx.passwordPolicies.delete(account: ctx.facts.principal.account) else {
            throw ServiceError.noSuchEntity("The account policy with name PasswordPolicy cannot be found.")
        }
        return NoOutput()
    }

    static let createLoginProfile = operation(Entry.createLoginProfile) { (input: IAMModel.LoginProfileInput, ctx) -> IAMModel.LoginProfileOutput in
        let user = try await loginUser(input.UserName, ctx)
        let password = try IAMInputChecks.required(input.Password, "Password")
        try checkPassword(password, policy: try await policy(ctx))
        let hash = try await PasswordHasher.hash(password)
        let reset = input.PasswordResetRequired ?? false
        guard
            try await ctx.tx.loginProfiles.create(
                userId: user.userId, account: user.account, passwordHash: hash, resetRequired: reset, now: ctx.facts.time)
        else { throw ServiceError.entityAlreadyExists("Login Profile for user \(user.name) already exists.") }
        return .init(LoginProfile: .init(UserName: user.name, CreateDate: ctx.facts.time, PasswordResetRequired: reset))
    }

    static let getLoginProfile = operation(Entry.getLoginProfile) { (input: IAMModel.LoginProfileInput, ctx) -> IAMModel.LoginProfileOutput in
        let user = try await loginUser(input.UserName, ctx)
        let profile = try await profile(of: user, ctx, locked: false)
        return .init(
            LoginProfile: .init(UserName: user.name, CreateDate: profile.createdAt, PasswordResetRequired: profile.passwordResetRequired))
    }

    static let updateLoginProfile = operation(Entry.updateLoginProfile) { (input: IAMModel.LoginProfileInput, ctx) -> NoOutput in
        let user = try await loginUser(input.UserName, ctx, required: true)
        _ = try await profile(of: user, ctx, locked: true)
        var hash: String?
        let policy = try await policy(ctx)
        if let password = input.Password {
            try checkPassword(password, policy: policy)
            hash = try await PasswordHasher.hash(password)
        }
        try await ctx.tx.loginProfiles.update(
            userId: user.userId, passwordHash: hash, keep: policy.reusePrevention ?? 0, resetRequired: input.PasswordResetRequired,
            now: ctx.facts.time)
        return NoOutput()
    }

    static let deleteLoginProfile = operation(Entry.deleteLoginProfile) { (input: IAMModel.LoginProfileInput, ctx) -> NoOutput in
        let user = try await loginUser(input.UserName, ctx)
        guard try await ctx.tx.loginProfiles.delete(userId: user.userId) else { throw noLoginProfile(user.name) }
        return NoOutput()
    }

    /// An IAM user changes its own password: the old one must match, the new one meet the policy and not repeat
    /// the last `PasswordReusePrevention` ones. Allowed by `iam:ChangePassword` on the user, or by the account's
    /// `AllowUsersToChangePassword`.
    static let changePassword = Operation(
        Entry.changePassword,
        target: { (_: IAMModel.ChangePasswordInput, t) in try await changePasswordGrant(t, resource: t.facts.principal.arn) }
    ) { (input: IAMModel.ChangePasswordInput, ctx) -> NoOutput in
        let who = ctx.facts.principal
        guard who.type == .iamUser, let name = who.userName else {
            throw ServiceError(code: "InvalidUserType", status: 400, message: "Only IAM users can change their own password.")
        }
        let old = try IAMInputChecks.required(input.OldPassword, "OldPassword")
        let new = try IAMInputChecks.required(input.NewPassword, "NewPassword")
        let user = try await ctx.tx.iamUsers.require(account: who.account, name: name, locked: true)
        let profile = try await profile(of: user, ctx, locked: true)
        guard try await PasswordHasher.matches(old, profile.passwordHash) else {
            // IAM models no error for a wrong old password; a ValidationError naming the member (docs/behaviour.md).
            throw ServiceError(code: "ValidationError", status: 400, message: "The old password is incorrect: oldPassword")
        }
        let policy = try await policy(ctx)
        try checkPassword(new, policy: policy)
        if let reuse = policy.reusePrevention {
            for earlier in ([profile.passwordHash] + profile.previousHashes).prefix(reuse) where try await PasswordHasher.matches(new, earlier) {
                throw ServiceError(
                    code: "PasswordPolicyViolation", status: 400, message: "Password should not be one of the \(reuse) last passwords used")
            }
        }
        try await ctx.tx.loginProfiles.update(
            userId: user.userId, passwordHash: try await PasswordHasher.hash(new), keep: policy.reusePrevention ?? 0, resetRequired: false,
            now: ctx.facts.time)
        return NoOutput()
    }

    /// The account's `AllowUsersToChangePassword` grants its IAM users iam:ChangePassword on themselves and
    /// iam:GetAccountPasswordPolicy, as a resource policy naming the caller would (explicit denies still win).
    private static func changePasswordGrant(_ t: TargetContext, resource: String) async throws -> AuthorizationTarget {
        let who = t.facts.principal
        var target = AuthorizationTarget(resource: resource, resourceAccount: who.account.value)
        guard who.type == .iamUser, who.session == nil,
            try await t.read({ tx in try await tx.passwordPolicies.policy(of: who.account) })?.allowUsersToChangePassword == true
        else { return target }
        let grant: JSONValue = .object([
            "Version": .string("2012-10-17"),
            "Statement": .array([
                .object([
                    "Effect": .string("Allow"), "Principal": .object(["AWS": .string(who.arn)]),
                    "Action": .string(t.facts.operation.action), "Resource": .string(resource),
                ])
            ]),
        ])
        target.resourcePolicies = [grant.text]
        target.resourcePolicyKind = .resource
        return target
    }

    private static func policy(_ ctx: OperationContext) async throws -> PasswordPolicy {
        try await ctx.tx.passwordPolicies.policy(of: ctx.facts.principal.account) ?? .iamDefault
    }

    private static func checkPassword(_ password: String, policy: PasswordPolicy) throws(ServiceError) {
        guard (1...128).contains(password.count) else {
            throw ServiceError.validation("password", "Member must have length less than or equal to 128")
        }
        if let violation = policy.violation(of: password) { throw violation }
    }

    /// The user a login-profile call names; without UserName, the calling IAM user.
    private static func loginUser(_ name: String?, _ ctx: OperationContext, required: Bool = false) async throws -> IAMUserRecord {
        if required && name == nil { throw ServiceError.missingParameter("userName") }
        let name = try IAMInputChecks.optionalName(name, "UserName", maxLength: NameLimit.user) ?? callerUserName(ctx.facts)
        return try await ctx.tx.iamUsers.require(account: ctx.facts.principal.account, name: name, locked: true)
    }

    private static func profile(of user: IAMUserRecord, _ ctx: OperationContext, locked: Bool) async throws -> LoginProfileRecord {
        guard let profile = try await ctx.tx.loginProfiles.find(userId: user.userId, locked: locked) else { throw noLoginProfile(user.name) }
        return profile
    }

    private static func noLoginProfile(_ name: String) -> ServiceError {
        .noSuchEntity("Login Profile for User \(name) cannot be found.")
    }
}
