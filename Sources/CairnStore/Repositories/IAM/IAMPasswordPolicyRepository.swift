package import CairnCore
import PostgresNIO

extension Transaction {
    package var passwordPolicies: IAMPasswordPolicyRepository { IAMPasswordPolicyRepository(tx: self) }
}

/// The account's password policy (migration 0030); none stored: IAM's default applies.
package struct IAMPasswordPolicyRepository: Sendable {
    let tx: Transaction

    package func policy(of account: AccountId) async throws -> PasswordPolicy? {
        let rows = try await tx.query(
            """
            SELECT minimum_length, require_symbols, require_numbers, require_uppercase, require_lowercase, allow_users_to_change,
                   max_age_days, reuse_prevention, hard_expiry
            FROM iam_password_policies WHERE account_id = \(account.value)
            """)
        for try await (length, symbols, numbers, upper, lower, change, age, reuse, hard) in rows.decode(
            (Int, Bool, Bool, Bool, Bool, Bool, Int?, Int?, Bool).self)
        {
            var p = PasswordPolicy()
            p.minimumLength = length
            p.requireSymbols = symbols
            p.requireNumbers = numbers
            p.requireUppercase = upper
            p.requireLowercase = lower
            p.allowUsersToChangePassword = change
            p.maxAgeDays = age
            p.reusePrevention = reuse
            p.hardExpiry = hard
            return p
        }
        return nil
    }

    /// The account's policy, replacing the one it had.
    package func set(_ p: PasswordPolicy, for account: AccountId) async throws {
        try await tx.query(
            """
            INSERT INTO iam_password_policies (account_id, minimum_length, require_symbols, require_numbers, require_uppercase,
                require_lowercase, allow_users_to_change, max_age_days, reuse_prevention, hard_expiry)
            VALUES (\(account.value), \(p.minimumLength), \(p.requireSymbols), \(p.requireNumbers), \(p.requireUppercase),
                \(p.requireLowercase), \(p.allowUsersToChangePassword), \(p.maxAgeDays), \(p.reusePrevention), \(p.hardExpiry))
            ON CONFLICT (account_id) DO UPDATE SET minimum_length = EXCLUDED.minimum_length, require_symbols = EXCLUDED.require_symbols,
                require_numbers = EXCLUDED.require_numbers, require_uppercase = EXCLUDED.require_uppercase,
                require_lowercase = EXCLUDED.require_lowercase, allow_users_to_change = EXCLUDED.allow_users_to_change,
                max_age_days = EXCLUDED.max_age_days, reuse_prevention = EXCLUDED.reuse_prevention, hard_expiry = EXCLUDED.hard_expiry
            """)
    }

    package func delete(account: AccountId) async throws -> Bool {
        let rows = try await tx.query("DELETE FROM iam_password_policies WHERE account_id = \(account.value) RETURNING 1")
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }
}
