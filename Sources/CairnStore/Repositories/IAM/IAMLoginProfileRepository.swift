package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var loginProfiles: IAMLoginProfileRepository { IAMLoginProfileRepository(tx: self) }
}

/// A user's console password: only its hash, and the hashes of the passwords before it.
package struct LoginProfileRecord: Sendable {
    package let userId: String
    package let passwordHash: String
    package let previousHashes: [String]
    package let passwordResetRequired: Bool
    package let passwordChangedAt: Date
    package let createdAt: Date
}

/// IAM login profiles (migration 0030): one per user, which the table's key enforces.
package struct IAMLoginProfileRepository: Sendable {
    let tx: Transaction

    /// false when the user already has one.
    package func create(userId: String, account: AccountId, passwordHash: String, resetRequired: Bool, now: Date) async throws -> Bool {
        let rows = try await tx.query(
            """
            INSERT INTO iam_login_profiles (user_id, account_id, password_hash, password_reset_required, password_changed_at, created_at)
            VALUES (\(userId), \(account.value), \(passwordHash), \(resetRequired), \(now), \(now))
            ON CONFLICT (user_id) DO NOTHING RETURNING 1
            """)
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }

    package func find(userId: String, locked: Bool = false) async throws -> LoginProfileRecord? {
        let lock = locked ? " FOR UPDATE" : ""
        let rows = try await tx.query(
            """
            SELECT user_id, password_hash, previous_hashes, password_reset_required, password_changed_at, created_at
            FROM iam_login_profiles WHERE user_id = \(userId)\(unescaped: lock)
            """)
        for try await (id, hash, previous, reset, changed, created) in rows.decode((String, String, [String], Bool, Date, Date).self) {
            return LoginProfileRecord(
                userId: id, passwordHash: hash, previousHashes: previous, passwordResetRequired: reset, passwordChangedAt: changed,
                createdAt: created)
        }
        return nil
    }

    /// A new password (its hash; the old one joins the history, of which `keep` are kept) and/or the reset flag.
    package func update(userId: String, passwordHash: String?, keep: Int, resetRequired: Bool?, now: Date) async throws {
        try await tx.query(
            """
            UPDATE iam_login_profiles SET
                previous_hashes = CASE WHEN \(passwordHash)::text IS NULL THEN previous_hashes
                    ELSE (ARRAY[password_hash] || previous_hashes)[1:\(keep)] END,
                password_hash = coalesce(\(passwordHash), password_hash),
                password_changed_at = CASE WHEN \(passwordHash)::text IS NULL THEN password_changed_at ELSE \(now) END,
                password_reset_required = coalesce(\(resetRequired), password_reset_required)
            WHERE user_id = \(userId)
            """)
    }

    package func delete(userId: String) async throws -> Bool {
        let rows = try await tx.query("DELETE FROM iam_login_profiles WHERE user_id = \(userId) RETURNING 1")
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }
}
