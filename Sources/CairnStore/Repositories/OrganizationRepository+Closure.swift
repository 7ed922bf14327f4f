package import CairnCore
package import Foundation
import PostgresNIO

/// CloseAccount: the request (under the organization's row lock, so the 30-day quota holds across processes) and
/// its completion.
extension OrganizationRepository {
    /// AWS's rolling 30-day quota: the higher of 250 or 20 % of the member accounts, at most 1,000.
    package static func closureQuota(memberAccounts: Int) -> Int { min(1_000, max(250, memberAccounts / 5)) }

    /// Marks a member account PENDING_CLOSURE; refuses once the organization's quota of closures asked for in the
    /// last 30 days is used up. The caller has checked that the account is a member and not the management account.
    package func requestClosure(_ org: OrganizationRecord, account: AccountId, at now: Date) async throws {
        guard try await lockOrganization(org.id) != nil else { throw ServiceError.organizationsNotInUse }
        let members = try await memberCount(org)
        let recent = try await count(
            """
            SELECT count(*)::int8 FROM organization_members m JOIN accounts a ON a.id = m.account_id
            WHERE m.organization_id = \(org.id) AND a.closure_requested_at > \(now.addingTimeInterval(-30 * 86_400))
            """)
        guard recent < Self.closureQuota(memberAccounts: members) else { throw ServiceError.constraintViolation(.closeAccountQuotaExceeded) }
        try await tx.query(
            "UPDATE accounts SET status = 'PENDING_CLOSURE', closure_requested_at = \(now) WHERE id = \(account.value)")
    }

    /// Completes the closures asked for before `cutoff`: those accounts are CLOSED. Returns how many.
    @discardableResult
    package func completeClosures(requestedBefore cutoff: Date) async throws -> Int {
        try await count(
            """
            WITH closed AS (
                UPDATE accounts SET status = 'CLOSED', closed_at = now()
                WHERE status = 'PENDING_CLOSURE' AND closure_requested_at <= \(cutoff) RETURNING 1)
            SELECT count(*)::int8 FROM closed
            """)
    }
}
