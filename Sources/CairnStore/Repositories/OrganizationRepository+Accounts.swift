package import CairnCore
import Foundation
import PostgresNIO

/// CreateAccount inside an organization and its request records.
extension OrganizationRepository {
    /// The role AWS creates in every account made by CreateAccount, trusting the management account.
    static func accessRoleTrustPolicy(management: AccountId, partition: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:\#(partition):iam::\#(management.value):root"},"Action":"sts:AssumeRole"}]}"#
    }
    static let administratorAccess = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    /// Makes a member account at once and records the request. A taken email is recorded as a FAILED
    /// request (EMAIL_ALREADY_EXISTS), as AWS reports it, rather than refusing the call.
    package func createAccount(
        _ org: OrganizationRecord, name: String, email: String, roleName: String
    ) async throws -> CreateAccountStatusRecord {
        guard try await memberCount(org) < org.accountLimit else {
            throw ServiceError.constraintViolation(.accountNumberLimitExceeded)
        }
        var g = SystemRandomNumberGenerator()
        let requestId = OrganizationIdentifiers.newCreateAccountRequest(using: &g)
        let account = try await tx.accounts.insertIfNew(name: name, email: email)
        if let account {
            try await tx.query(
                """
                INSERT INTO organization_members (account_id, organization_id, parent_ou_id, joined_method)
                VALUES (\(account.value), \(org.id), NULL, 'CREATED')
                """)
            try await attachDefaults(org, target: account.value)
            let role = try await tx.roles.create(
                account: account, name: roleName,
                trustPolicy: Self.accessRoleTrustPolicy(management: org.managementAccount, partition: tx.partition))
            try await tx.query(
                """
                INSERT INTO iam_inline_policies (account_id, principal_kind, principal_id, name, document)
                VALUES (\(account.value), 'role', \(role.roleId), 'AdministratorAccess', \(Self.administratorAccess))
                """)
            try await tx.query(
                """
                INSERT INTO create_account_statuses (id, organization_id, management_account_id, account_name, state, account_id, completed_at)
                VALUES (\(requestId), \(org.id), \(org.managementAccount.value), \(name), 'SUCCEEDED', \(account.value), now())
                """)
        } else {
            try await tx.query(
                """
                INSERT INTO create_account_statuses (id, organization_id, management_account_id, account_name, state, failure_reason, completed_at)
                VALUES (\(requestId), \(org.id), \(org.managementAccount.value), \(name), 'FAILED', 'EMAIL_ALREADY_EXISTS', now())
                """)
        }
        guard let status = try await createAccountStatus(org, id: requestId) else { throw ServiceError.internalFailure }
        return status
    }

    func statuses(_ q: PostgresQuery) async throws -> [CreateAccountStatusRecord] {
        var out: [CreateAccountStatusRecord] = []
        for try await (id, accountName, state, accountId, failureReason, requestedAt, completedAt) in try await tx.query(q).decode(
            (String, String, String, String?, String?, Date, Date?).self)
        {
            out.append(
                CreateAccountStatusRecord(
                    id: id, accountName: accountName, state: state, accountId: accountId.flatMap(AccountId.init), failureReason: failureReason,
                    requestedAt: requestedAt, completedAt: completedAt))
        }
        return out
    }

    package func createAccountStatus(_ org: OrganizationRecord, id: String) async throws -> CreateAccountStatusRecord? {
        try await statuses(
            """
            SELECT id, account_name, state, account_id, failure_reason, requested_at, completed_at
            FROM create_account_statuses WHERE organization_id = \(org.id) AND id = \(id)
            """
        ).first
    }

    /// The organization's CreateAccount requests, newest first, optionally only in the given states.
    package func createAccountStatuses(_ org: OrganizationRecord, states: [String]?) async throws -> [CreateAccountStatusRecord] {
        try await statuses(
            """
            SELECT id, account_name, state, account_id, failure_reason, requested_at, completed_at
            FROM create_account_statuses WHERE organization_id = \(org.id)
            AND (\(states == nil) OR state = ANY(\(states ?? [])))
            ORDER BY requested_at DESC, id
            """)
    }
}
