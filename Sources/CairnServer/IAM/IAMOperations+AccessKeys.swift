import CairnCore
import CairnStore

extension IAMOperations {
    /// Whose keys a call manages: the named user; without UserName, the caller itself (an IAM user, or the
    /// account's root user, whose keys AWS also lets it manage). A role session must name a user.
    private func keyOwner(_ r: IAMRequest, tx: Transaction, facts: CallFacts) async throws -> AccessKeyOwner {
        let account = facts.principal.account
        if let name = try r.optionalName("UserName", maxLength: NameLimit.existingUser) {
            return .user(try await tx.iamUsers.require(account: account, name: name))
        }
        switch facts.principal.type {
        case .root: return .root(account)
        default: return .user(try await tx.iamUsers.require(account: account, name: try callerUserName(facts)))
        }
    }

    func createAccessKey(_ r: IAMRequest) async throws -> NewAccessKey {
        try await run(OperationCatalogue.IAM.createAccessKey, r) { tx, facts in
            let owner = try await keyOwner(r, tx: tx, facts: facts)
            let key = try await tx.iamAccessKeys.create(for: owner)
            return .init(key, responseElements: .object(["accessKey": IAMEventElements.accessKey(key.metadata)]))
        }
    }

    func listAccessKeys(_ r: IAMRequest) async throws -> IAMPageOf<AccessKeyMetadataRecord> {
        try await run(OperationCatalogue.IAM.listAccessKeys, r) { tx, facts in
            let page = try r.page
            let owner = try await keyOwner(r, tx: tx, facts: facts)
            return .init(IAMPaging.slice(try await tx.iamAccessKeys.list(for: owner), page: page) { $0.accessKeyId })
        }
    }

    func updateAccessKey(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.updateAccessKey, r) { tx, facts in
            let id = try accessKeyIdField(r)
            guard let status = try r.oneOf("Status", ["Active", "Inactive", "Expired"]) else { throw ServiceError.missingParameter("status") }
            guard status != "Expired" else { throw ServiceError.invalidInput("Status Expired cannot be set by UpdateAccessKey.") }
            let owner = try await keyOwner(r, tx: tx, facts: facts)
            guard try await tx.iamAccessKeys.setStatus(id, for: owner, status: status) else { throw Self.noSuchKey(id) }
            return .init(())
        }
    }

    func deleteAccessKey(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.deleteAccessKey, r) { tx, facts in
            let id = try accessKeyIdField(r)
            let owner = try await keyOwner(r, tx: tx, facts: facts)
            guard try await tx.iamAccessKeys.delete(id, for: owner) else { throw Self.noSuchKey(id) }
            return .init(())
        }
    }

    private func accessKeyIdField(_ r: IAMRequest) throws(ServiceError) -> String {
        let id = try r.required("AccessKeyId")
        try IAMInputRules.length(id, field: "accessKeyId", min: 16, max: 128)
        guard AccessKeyFormat.isPlausibleId(id) else {
            throw ServiceError.iamValidation("accessKeyId", value: id, "Member must satisfy regular expression pattern: [\\w]+")
        }
        return id
    }

    private static func noSuchKey(_ id: String) -> ServiceError {
        .noSuchEntity("The Access Key with id \(id) cannot be found.")
    }
}
