import PostgresNIO

extension Transaction {
    package var accountAliases: IAMAccountAliasRepository { IAMAccountAliasRepository(tx: self) }
}

/// An account's alias: one per account, unique across the service (the table's keys enforce both).
package struct IAMAccountAliasRepository: Sendable {
    let tx: Transaction

    package func alias(of account: String) async throws -> String? {
        for try await alias in try await tx.query("SELECT alias FROM iam_account_aliases WHERE account_id = \(account)").decode(String.self) {
            return alias
        }
        return nil
    }

    /// Sets the account's alias, replacing the one it had, as AWS does; false when another account holds it. Two
    /// accounts racing for one alias meet at the table's unique key: the loser's insert fails inside a savepoint,
    /// so its transaction (and the call's event) goes on.
    package func set(_ alias: String, for account: String) async throws -> Bool {
        try await tx.query("SAVEPOINT account_alias")
        do {
            try await tx.query(
                """
                INSERT INTO iam_account_aliases (account_id, alias) VALUES (\(account), \(alias))
                ON CONFLICT (account_id) DO UPDATE SET alias = EXCLUDED.alias, created_at = now()
                """)
        } catch  where PostgresFailure(error).isUniqueViolation {
            try await tx.query("ROLLBACK TO SAVEPOINT account_alias")
            return false
        }
        try await tx.query("RELEASE SAVEPOINT account_alias")
        return true
    }

    /// Removes the account's alias if it is `alias`; false when the account has no such alias.
    package func delete(_ alias: String, of account: String) async throws -> Bool {
        let rows = try await tx.query("DELETE FROM iam_account_aliases WHERE account_id = \(account) AND alias = \(alias) RETURNING 1")
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }
}
