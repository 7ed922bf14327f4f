import CairnCore
import CairnPolicy
import CairnStore

extension IAMOperations {
    func createUser(_ r: IAMRequest) async throws -> IAMUserRecord {
        try await run(OperationCatalogue.IAM.createUser, r) { tx, facts in
            let name = try r.name("UserName", maxLength: NameLimit.user)
            let path = try r.path()
            let tags = try r.tags()
            let account = facts.principal.account
            let boundary = try await r.optional("PermissionsBoundary").asyncMap { text in
                try await boundaryPolicy(text, field: "PermissionsBoundary", tx: tx, account: account).arn
            }
            let user = try await tx.iamUsers.create(account: account, name: name, path: path, permissionsBoundaryArn: boundary, tags: tags)
            return .init(user, responseElements: .object(["user": IAMEventElements.user(user)]))
        }
    }

    /// GetUser without UserName describes the calling IAM user.
    func getUser(_ r: IAMRequest) async throws -> IAMUserRecord {
        try await run(OperationCatalogue.IAM.getUser, r) { tx, facts in
            let name = try r.optionalName("UserName", maxLength: NameLimit.existingUser) ?? callerUserName(facts)
            return .init(try await tx.iamUsers.require(account: facts.principal.account, name: name))
        }
    }

    func listUsers(_ r: IAMRequest) async throws -> IAMPageOf<IAMUserRecord> {
        try await run(OperationCatalogue.IAM.listUsers, r) { tx, facts in
            let prefix = try r.pathPrefix()
            let page = try r.page
            return .init(try await tx.iamUsers.list(account: facts.principal.account, pathPrefix: prefix, page: page))
        }
    }

    func updateUser(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.updateUser, r) { tx, facts in
            let name = try r.name("UserName", maxLength: NameLimit.existingUser)
            let newName = try r.optionalName("NewUserName", maxLength: NameLimit.user)
            let newPath = try r.optional("NewPath").map { (_: String) throws(ServiceError) in try r.path("NewPath") }
            let user = try await tx.iamUsers.require(account: facts.principal.account, name: name, locked: true)
            _ = try await tx.iamUsers.update(user, newName: newName, newPath: newPath)
            return .init(())
        }
    }

    func deleteUser(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.deleteUser, r) { tx, facts in
            let name = try r.name("UserName", maxLength: NameLimit.existingUser)
            let user = try await tx.iamUsers.require(account: facts.principal.account, name: name, locked: true)
            try await tx.iamUsers.delete(user)
            return .init(())
        }
    }

    /// The calling IAM user's name, for calls whose UserName defaults to the caller.
    func callerUserName(_ facts: CallFacts) throws(ServiceError) -> String {
        guard facts.principal.type == .iamUser, let name = facts.principal.userName else {
            throw ServiceError(code: "ValidationException", status: 400, message: "Must specify userName when calling with non-User credentials")
        }
        return name
    }

    /// A managed policy named as a permissions boundary: it must exist and be visible to the account.
    func boundaryPolicy(_ text: String, field: String, tx: Transaction, account: AccountId) async throws -> ManagedPolicyRecord {
        let arn = try IAMPolicyARN(parsing: text, field: IAMRequest.lowerCamel(field))
        guard let policy = try await tx.iamPolicies.find(arn.description, seenBy: account, lock: .share) else {
            throw ServiceError.noSuchEntity("Policy \(text) does not exist or is not attachable.")
        }
        return policy
    }
}

extension Optional {
    /// `map` for an async, throwing transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async throws -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
