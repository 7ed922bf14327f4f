package import CairnCore
package import Foundation
import PostgresNIO

/// A stored IAM role: what AssumeRole and the authorizer need.
package struct RoleRecord: Sendable, Equatable {
    package let roleId: String
    package let account: AccountId
    package let name: String
    package let path: String
    package let arn: String
    package let trustPolicy: String
    package let description: String?
    package let maxSessionDuration: Int
    package let permissionsBoundaryArn: String?
    package let createdAt: Date
    /// The service that owns a service-linked role (`cloudtrail.amazonaws.com`); nil for the account's own roles.
    package var serviceLinkedTo: String? = nil
}

package struct RoleRepository: Sendable {
    let tx: Transaction

    /// Creates a role; a name taken in the account (case-insensitively) is IAM's EntityAlreadyExists.
    @discardableResult
    package func create(
        account: AccountId, name: String, path: String = "/", trustPolicy: String, description: String? = nil,
        maxSessionDuration: Int = 3600
    ) async throws -> RoleRecord {
        var g = SystemRandomNumberGenerator()
        let roleId = IAMIdentifier.new(.role, using: &g)
        let arn = IAMARN.entity(.role, partition: tx.partition, account: account, path: path, name: name).description
        do {
            try await tx.query(
                """
                INSERT INTO iam_roles (role_id, account_id, name, path, arn, trust_policy, description, max_session_duration)
                VALUES (\(roleId), \(account.value), \(name), \(path), \(arn), \(trustPolicy), \(description), \(maxSessionDuration))
                """)
        } catch  where PostgresFailure(error).isUniqueViolation {
            throw ServiceError(code: "EntityAlreadyExists", status: 409, message: "Role with name \(name) already exists.")
        }
        guard let role = try await find(account: account, name: name) else { throw ServiceError.internalFailure }
        return role
    }

    package func find(account: AccountId, name: String) async throws -> RoleRecord? {
        let rows = try await tx.query(
            """
            SELECT role_id, account_id, name, path, arn, trust_policy, description, max_session_duration,
                   permissions_boundary_arn, created_at, service_linked_to
            FROM iam_roles WHERE account_id = \(account.value) AND lower(name) = lower(\(name))
            """)
        for try await (id, acct, n, p, arn, trust, desc, maxDur, boundary, created, service) in rows.decode(
            (String, String, String, String, String, String, String?, Int, String?, Date, String?).self)
        {
            guard let a = AccountId(acct) else { continue }
            return RoleRecord(
                roleId: id, account: a, name: n, path: p, arn: arn, trustPolicy: trust, description: desc,
                maxSessionDuration: maxDur, permissionsBoundaryArn: boundary, createdAt: created, serviceLinkedTo: service)
        }
        return nil
    }
}
