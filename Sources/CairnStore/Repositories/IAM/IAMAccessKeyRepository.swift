package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var iamAccessKeys: IAMAccessKeyRepository { IAMAccessKeyRepository(tx: self) }
}

/// Whose long-term keys a call manages: an IAM user's, or the account root user's own.
package enum AccessKeyOwner: Sendable, Equatable {
    case user(IAMUserRecord)
    case root(AccountId)

    var account: AccountId {
        switch self {
        case .user(let u): u.account
        case .root(let a): a
        }
    }
}

/// Access key management (CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey). Secrets are
/// sealed before they are stored and returned only from `create`. The two-keys quota is counted under the
/// owner's row lock (the user's, or the account's for the root user), so concurrent creations cannot pass it.
package struct IAMAccessKeyRepository: Sendable {
    let tx: Transaction

    /// IAM's AccessKeysPerUser quota (also the root user's).
    package static let maximumPerOwner = 2

    package func create(for owner: AccessKeyOwner) async throws -> NewAccessKey {
        try await lock(owner)
        guard try await list(for: owner).count < Self.maximumPerOwner else {
            throw ServiceError.limitExceeded("Cannot exceed quota for AccessKeysPerUser: \(Self.maximumPerOwner)")
        }
        var g = SystemRandomNumberGenerator()
        let id = AccessKeyFormat.newId(using: &g)
        let secret = AccessKeyFormat.newSecret(using: &g)
        let sealed = try tx.secrets.seal(secret)
        switch owner {
        case .user(let u):
            try await tx.query(
                """
                INSERT INTO access_keys (access_key_id, account_id, principal_type, principal_arn, principal_id, user_name, user_id, secret_sealed)
                VALUES (\(id), \(u.account.value), 'IAMUser', \(u.arn), \(u.userId), \(u.name), \(u.userId), \(sealed))
                """)
        case .root(let account):
            let arn = IAMARN.root(partition: tx.partition, account: account).description
            try await tx.query(
                """
                INSERT INTO access_keys (access_key_id, account_id, principal_type, principal_arn, principal_id, secret_sealed)
                VALUES (\(id), \(account.value), 'Root', \(arn), \(account.value), \(sealed))
                """)
        }
        guard let made = try await find(id, for: owner) else { throw ServiceError.internalFailure }
        return NewAccessKey(metadata: made, secret: secret)
    }

    /// The owner's keys, oldest first.
    package func list(for owner: AccessKeyOwner) async throws -> [AccessKeyMetadataRecord] {
        let rows: PostgresRowSequence
        switch owner {
        case .user(let u):
            rows = try await tx.query(
                "SELECT access_key_id, user_name, status, created_at FROM access_keys WHERE user_id = \(u.userId) ORDER BY created_at, access_key_id")
        case .root(let a):
            rows = try await tx.query(
                """
                SELECT access_key_id, NULL::text, status, created_at FROM access_keys
                WHERE account_id = \(a.value) AND principal_type = 'Root' ORDER BY created_at, access_key_id
                """)
        }
        var out: [AccessKeyMetadataRecord] = []
        for try await (id, user, status, created) in rows.decode((String, String?, String, Date).self) {
            out.append(AccessKeyMetadataRecord(accessKeyId: id, userName: user, status: status, createdAt: created))
        }
        return out
    }

    /// A long-term key of the account, whoever owns it (nil: not the account's).
    package func find(_ accessKeyId: String, in account: AccountId) async throws -> AccessKeyMetadataRecord? {
        let rows = try await tx.query(
            """
            SELECT access_key_id, user_name, status, created_at FROM access_keys
            WHERE access_key_id = \(accessKeyId) AND account_id = \(account.value)
            """)
        for try await (id, user, status, created) in rows.decode((String, String?, String, Date).self) {
            return AccessKeyMetadataRecord(accessKeyId: id, userName: user, status: status, createdAt: created)
        }
        return nil
    }

    /// The latest call the event log holds that was signed with the key, in any of the account's regions: when,
    /// where, and which service (GetAccessKeyLastUsed). One index probe per region (events_by_access_key).
    package func lastUse(of accessKeyId: String, in account: AccountId) async throws -> (at: Date, region: String, source: String)? {
        let rows = try await tx.query(
            """
            SELECT u.event_time, u.region, u.event_source FROM regions r
            CROSS JOIN LATERAL (
                SELECT event_time, region, event_source FROM events
                WHERE account_id = \(account.value) AND region = r.name AND access_key_id = \(accessKeyId)
                ORDER BY event_time DESC LIMIT 1
            ) u
            ORDER BY u.event_time DESC LIMIT 1
            """)
        for try await (at, region, source) in rows.decode((Date, String, String).self) { return (at, region, source) }
        return nil
    }

    package func find(_ accessKeyId: String, for owner: AccessKeyOwner) async throws -> AccessKeyMetadataRecord? {
        try await list(for: owner).first { $0.accessKeyId == accessKeyId }
    }

    /// Sets Active or Inactive; false when the owner has no such key.
    package func setStatus(_ accessKeyId: String, for owner: AccessKeyOwner, status: String) async throws -> Bool {
        guard try await find(accessKeyId, for: owner) != nil else { return false }
        try await tx.query("UPDATE access_keys SET status = \(status) WHERE access_key_id = \(accessKeyId)")
        return true
    }

    /// False when the owner has no such key.
    package func delete(_ accessKeyId: String, for owner: AccessKeyOwner) async throws -> Bool {
        try await lock(owner)
        guard try await find(accessKeyId, for: owner) != nil else { return false }
        try await tx.query("DELETE FROM access_keys WHERE access_key_id = \(accessKeyId)")
        return true
    }

    private func lock(_ owner: AccessKeyOwner) async throws {
        switch owner {
        case .user(let u): try await tx.lockRows("SELECT 1 FROM iam_users WHERE user_id = \(u.userId) FOR UPDATE")
        case .root(let a): try await tx.lockRows("SELECT 1 FROM accounts WHERE id = \(a.value) FOR UPDATE")
        }
    }
}
