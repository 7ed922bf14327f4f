package import CairnCore
package import Foundation
import PostgresNIO

package struct AccountRecord: Sendable, Equatable {
    package let id: AccountId
    package let name: String
    package let email: String
    package let status: String
    package let isOperator: Bool
}

package struct AccountRepository: Sendable {
    let tx: Transaction

    package func operatorAccount() async throws -> AccountRecord? {
        try await first("SELECT id, name, email, status, is_operator FROM accounts WHERE is_operator")
    }

    package func find(_ id: AccountId) async throws -> AccountRecord? {
        try await first("SELECT id, name, email, status, is_operator FROM accounts WHERE id = \(id.value)")
    }

    package func insert(id: AccountId, name: String, email: String, isOperator: Bool) async throws {
        try await tx.query(
            "INSERT INTO accounts (id, name, email, is_operator) VALUES (\(id.value), \(name), \(email), \(isOperator))")
    }

    private func first(_ q: PostgresQuery) async throws -> AccountRecord? {
        for try await (id, name, email, status, op) in try await tx.query(q).decode((String, String, String, String, Bool).self) {
            guard let accountId = AccountId(id) else { continue }
            return AccountRecord(id: accountId, name: name, email: email, status: status, isOperator: op)
        }
        return nil
    }
}

extension AccountRepository {
    /// Inserts a new tenant account with a fresh random id; nil when the email is already taken (emails are
    /// unique case-insensitively). Uses ON CONFLICT, so a taken email leaves the transaction usable.
    package func insertIfNew(name: String, email: String) async throws -> AccountId? {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            let id = AccountId.random(using: &g)
            var inserted = false
            let rows = try await tx.query(
                "INSERT INTO accounts (id, name, email) VALUES (\(id.value), \(name), \(email)) ON CONFLICT DO NOTHING RETURNING 1")
            for try await _ in rows.decode(Int.self) { inserted = true }
            if inserted { return id }
            if try await emailTaken(email) { return nil }
            // An id collision (one in 10^11): draw again.
        }
        throw ServiceError.internalFailure
    }

    package func emailTaken(_ email: String) async throws -> Bool {
        for try await _ in try await tx.query("SELECT 1 FROM accounts WHERE lower(email) = lower(\(email))").decode(Int.self) { return true }
        return false
    }

    /// Every account, ordered by id, with its organization if it has one.
    package func list() async throws -> [(account: AccountRecord, createdAt: Date, organizationId: String?)] {
        var out: [(account: AccountRecord, createdAt: Date, organizationId: String?)] = []
        let rows = try await tx.query(
            """
            SELECT a.id, a.name, a.email, a.status, a.is_operator, a.created_at, m.organization_id
            FROM accounts a LEFT JOIN organization_members m ON m.account_id = a.id ORDER BY a.id
            """)
        for try await (id, name, email, status, op, created, org) in rows.decode((String, String, String, String, Bool, Date, String?).self) {
            guard let accountId = AccountId(id) else { continue }
            out.append((AccountRecord(id: accountId, name: name, email: email, status: status, isOperator: op), created, org))
        }
        return out
    }

    /// ACTIVE or SUSPENDED; a suspended account's credentials are refused at authentication.
    package func setStatus(_ id: AccountId, _ status: String) async throws {
        try await tx.query("UPDATE accounts SET status = \(status) WHERE id = \(id.value)")
    }
}

extension AccountRepository {
    /// The account with this email (case-insensitively), if any.
    package func find(email: String) async throws -> AccountId? {
        let rows = try await tx.query("SELECT id FROM accounts WHERE lower(email) = lower(\(email))")
        for try await id in rows.decode(String.self) { return AccountId(id) }
        return nil
    }
}
