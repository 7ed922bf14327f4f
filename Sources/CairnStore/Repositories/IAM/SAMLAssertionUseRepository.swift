package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var samlAssertionUses: SAMLAssertionUseRepository { SAMLAssertionUseRepository(tx: self) }
}

/// The SAML assertions already exchanged for credentials (migration 0037). The primary key decides which of two
/// calls racing with one assertion wins, inside the call's own transaction: the loser's insert conflicts, and a
/// call whose transaction rolls back leaves its assertion unspent.
package struct SAMLAssertionUseRepository: Sendable {
    let tx: Transaction

    /// Records the assertion as spent until `until`; false when it already was. Expired rows go in the same
    /// statement, so the table holds only assertions that could still be presented. (A row the insert conflicts with
    /// is never an expired one: the validator refuses an assertion past its NotOnOrAfter.)
    package func spend(account: AccountId, provider: String, assertionID: String, until: Date, now: Date) async throws -> Bool {
        let rows = try await tx.query(
            """
            WITH expired AS (DELETE FROM saml_assertion_uses WHERE spent_until < \(now))
            INSERT INTO saml_assertion_uses (account_id, provider_name, assertion_id, spent_until)
            VALUES (\(account.value), \(provider), \(assertionID), \(until))
            ON CONFLICT (account_id, provider_name, assertion_id) DO NOTHING RETURNING 1
            """)
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }
}
