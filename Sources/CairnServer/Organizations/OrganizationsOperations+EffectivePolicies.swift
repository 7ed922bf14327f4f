import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Effective management policies: the tag (backup, AI opt-out, …) policies attached from the root down to an
/// account, merged with their inheritance operators (EffectivePolicyMerger). Computed when asked, from one
/// snapshot, so a result is never stale and nothing has to be recomputed when a policy or the tree changes.
extension OrganizationsOperations {
    /// EffectivePolicyType: the management types only; SCPs and RCPs have no effective policy.
    static func effectivePolicyType(_ value: String?) throws(ServiceError) -> String {
        let type = try OrganizationsInputRules.policyType(value, "PolicyType")
        guard !OrganizationPolicyTypes.isAuthorization(type) else {
            throw .invalidInput(
                "INVALID_ENUM_POLICY_TYPE", "PolicyType '\(type)' has no effective policy; use a management policy type such as TAG_POLICY.")
        }
        return type
    }

    /// An account's effective policy of `type`, with the path it was merged along; nil when the type is not
    /// enabled or no policy of it reaches the account.
    static func effective(
        _ tx: Transaction, account: AccountId, type: String
    ) async throws -> (policy: EffectivePolicy, path: OrganizationPolicyPath)? {
        guard let path = try await tx.organizations.policyPath(for: account, type: type), !path.isEmpty else { return nil }
        let levels = path.levels.map { $0.map { ManagementPolicyInput(policyId: $0.policyId, content: $0.content) } }
        guard let merged = EffectivePolicyMerger.merge(type: type, levels: levels) else { return nil }
        return (merged, path)
    }

    static let describeEffectivePolicy = Operation<OrganizationsModel.DescribeEffectivePolicyInput, OrganizationsModel.EffectivePolicyOutput>(
        OperationCatalogue.describeEffectivePolicy
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let standing = try await Self.standing(tx, facts)
        let org = try standing.requireOrganization()
        let type = try Self.effectivePolicyType(req.PolicyType)
        let caller = facts.principal.account
        let target: AccountId
        if let named = req.TargetId {
            _ = try OrganizationsInputRules.id(named, "TargetId", OrganizationIdentifiers.isPolicyTarget)
            // AWS computes effective policies for accounts only.
            guard let account = AccountId(named) else {
                throw ServiceError.invalidInput("TARGET_NOT_SUPPORTED", "TargetId must be an account ID: roots and OUs have no effective policy.")
            }
            target = account
        } else {
            target = caller
        }
        // A member sees its own effective policy; the management account and delegated administrators any member's.
        if target != caller { _ = try standing.requireReader() }
        guard try await tx.organizations.member(of: org, account: target.value) != nil else { throw ServiceError.targetNotFound }
        guard let (policy, path) = try await Self.effective(tx, account: target, type: type) else {
            throw ServiceError.effectivePolicyNotFound
        }
        return OrganizationsModel.EffectivePolicyOutput(
            EffectivePolicy: .init(
                PolicyContent: policy.text, LastUpdatedTimestamp: path.lastChange ?? facts.time, TargetId: target.value, PolicyType: type))
    }

    static let listAccountsWithInvalidEffectivePolicy = Operation<
        OrganizationsModel.ListAccountsWithInvalidEffectivePolicyInput, OrganizationsModel.InvalidEffectivePolicyAccountsOutput
    >(OperationCatalogue.listAccountsWithInvalidEffectivePolicy) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let type = try Self.effectivePolicyType(req.PolicyType)
        guard org.enables(type) else { throw ServiceError.effectivePolicyNotFound }
        var invalid: [MemberAccountRecord] = []
        for member in try await tx.organizations.members(of: org) {
            if let (policy, _) = try await Self.effective(tx, account: member.account, type: type), !policy.issues.isEmpty {
                invalid.append(member)
            }
        }
        let page = try OrganizationsPage.slice(invalid, req, operation: "ListAccountsWithInvalidEffectivePolicy")
        return OrganizationsModel.InvalidEffectivePolicyAccountsOutput(
            Accounts: page.items.map { .init($0, in: org, partition: ctx.partition) }, PolicyType: type, NextToken: page.nextToken)
    }

    static let listEffectivePolicyValidationErrors = Operation<
        OrganizationsModel.ListEffectivePolicyValidationErrorsInput, OrganizationsModel.EffectivePolicyValidationErrorsOutput
    >(OperationCatalogue.listEffectivePolicyValidationErrors) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let account = try OrganizationsInputRules.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
        let type = try Self.effectivePolicyType(req.PolicyType)
        guard let id = AccountId(account), try await tx.organizations.member(of: org, account: account) != nil else {
            throw ServiceError.accountNotFound
        }
        guard let (policy, path) = try await Self.effective(tx, account: id, type: type) else { throw ServiceError.effectivePolicyNotFound }
        let page = try OrganizationsPage.slice(policy.issues, req, operation: "ListEffectivePolicyValidationErrors")
        return OrganizationsModel.EffectivePolicyValidationErrorsOutput(
            AccountId: account, PolicyType: type, Path: path.path, EvaluationTimestamp: facts.time, NextToken: page.nextToken,
            EffectivePolicyValidationErrors: page.items.map {
                .init(ErrorCode: $0.errorCode, ErrorMessage: $0.message, PathToError: $0.pathToError, ContributingPolicies: $0.contributingPolicies)
            })
    }
}
