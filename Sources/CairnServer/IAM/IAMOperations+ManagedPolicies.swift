import CairnCore
import CairnPolicy
import CairnStore

extension IAMOperations {
    func createPolicy(_ r: IAMRequest) async throws -> ManagedPolicyRecord {
        try await run(OperationCatalogue.IAM.createPolicy, r) { tx, facts in
            let name = try r.name("PolicyName", maxLength: NameLimit.policy)
            let path = try r.policyPath()
            let description = try r.optional("Description").map { (d: String) throws(ServiceError) -> String in
                try IAMInputRules.length(d, field: "description", min: 0, max: 1000)
                return d
            }
            let document = try r.document(type: .identity, limit: .managedPolicy)
            let tags = try r.tags()
            let policy = try await tx.iamPolicies.create(
                account: facts.principal.account, name: name, path: path, description: description, document: document, tags: tags)
            return .init(policy, responseElements: .object(["policy": IAMEventElements.policy(policy)]))
        }
    }

    func getPolicy(_ r: IAMRequest) async throws -> ManagedPolicyRecord {
        try await run(OperationCatalogue.IAM.getPolicy, r) { tx, facts in
            let arn = try r.policyArn()
            return .init(try await tx.iamPolicies.require(arn.description, seenBy: facts.principal.account))
        }
    }

    func listPolicies(_ r: IAMRequest) async throws -> IAMPageOf<ManagedPolicyRecord> {
        try await run(OperationCatalogue.IAM.listPolicies, r) { tx, facts in
            var filter = ManagedPolicyFilter()
            if let scope = try r.oneOf("Scope", ["All", "AWS", "Local"]) { filter.scope = ManagedPolicyFilter.Scope(rawValue: scope) ?? .all }
            filter.onlyAttached = try r.boolean("OnlyAttached") ?? false
            filter.pathPrefix = try r.optional("PathPrefix").map { (_: String) throws(ServiceError) in try r.policyPath("PathPrefix") } ?? "/"
            if let usage = try r.oneOf("PolicyUsageFilter", ["PermissionsPolicy", "PermissionsBoundary"]) {
                filter.usage = ManagedPolicyFilter.Usage(rawValue: usage)
            }
            let page = try r.page
            return .init(try await tx.iamPolicies.list(account: facts.principal.account, filter: filter, page: page))
        }
    }

    func deletePolicy(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.deletePolicy, r) { tx, facts in
            let policy = try await customerPolicy(r, tx: tx, account: facts.principal.account)
            try await tx.iamPolicies.delete(policy)
            return .init(())
        }
    }

    func createPolicyVersion(_ r: IAMRequest) async throws -> PolicyVersionRecord {
        try await run(OperationCatalogue.IAM.createPolicyVersion, r) { tx, facts in
            _ = try r.policyArn()
            let document = try r.document(type: .identity, limit: .managedPolicy)
            let setAsDefault = try r.boolean("SetAsDefault") ?? false
            let policy = try await customerPolicy(r, tx: tx, account: facts.principal.account)
            let version = try await tx.iamPolicies.createVersion(of: policy, document: document, setAsDefault: setAsDefault)
            return .init(version, responseElements: .object(["policyVersion": IAMEventElements.policyVersion(version)]))
        }
    }

    func getPolicyVersion(_ r: IAMRequest) async throws -> PolicyVersionRecord {
        try await run(OperationCatalogue.IAM.getPolicyVersion, r) { tx, facts in
            let arn = try r.policyArn()
            let versionId = try versionIdField(r)
            let policy = try await tx.iamPolicies.require(arn.description, seenBy: facts.principal.account)
            guard let version = try await tx.iamPolicies.version(of: policy.arn, id: versionId) else {
                throw ServiceError.noSuchEntity("Policy \(policy.arn) version \(versionId) does not exist.")
            }
            return .init(version)
        }
    }

    func listPolicyVersions(_ r: IAMRequest) async throws -> IAMPageOf<PolicyVersionRecord> {
        try await run(OperationCatalogue.IAM.listPolicyVersions, r) { tx, facts in
            let arn = try r.policyArn()
            let page = try r.page
            let policy = try await tx.iamPolicies.require(arn.description, seenBy: facts.principal.account)
            let all = try await tx.iamPolicies.versions(of: policy.arn)
            return .init(IAMPaging.slice(all, page: page) { $0.versionId })
        }
    }

    func setDefaultPolicyVersion(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.setDefaultPolicyVersion, r) { tx, facts in
            _ = try r.policyArn()
            let versionId = try versionIdField(r)
            let policy = try await customerPolicy(r, tx: tx, account: facts.principal.account)
            try await tx.iamPolicies.setDefault(policy.arn, versionId: versionId)
            return .init(())
        }
    }

    func deletePolicyVersion(_ r: IAMRequest) async throws {
        try await run(OperationCatalogue.IAM.deletePolicyVersion, r) { tx, facts in
            _ = try r.policyArn()
            let versionId = try versionIdField(r)
            let policy = try await customerPolicy(r, tx: tx, account: facts.principal.account)
            try await tx.iamPolicies.deleteVersion(policy.arn, versionId: versionId)
            return .init(())
        }
    }

    /// A customer-managed policy of the caller's account, locked for a change. AWS-managed policies are
    /// read-only to every account.
    private func customerPolicy(_ r: IAMRequest, tx: Transaction, account: AccountId) async throws -> ManagedPolicyRecord {
        let arn = try r.policyArn()
        let policy = try await tx.iamPolicies.require(arn.description, seenBy: account, lock: .update)
        if policy.account == nil { throw ServiceError.invalidInput("AWS managed policy \(policy.arn) cannot be modified or deleted.") }
        return policy
    }

    private func versionIdField(_ r: IAMRequest) throws(ServiceError) -> String {
        let v = try r.required("VersionId")
        guard v.first == "v", let n = Int(v.dropFirst()), n >= 1, String(n) == v.dropFirst() else {
            throw ServiceError.iamValidation("versionId", value: v, "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?")
        }
        return v
    }
}
