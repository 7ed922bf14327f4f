import PostgresNIO
package import CairnCore
import Foundation

/// What authentication needs to know about an access key: who it belongs to, whether it may be used, and
/// its secret (unsealed only here, only to check a signature).
package struct AccessKeyRecord: Sendable {
    package let principal: Principal
    package let active: Bool
    package let accountActive: Bool
    package let secret: String
}

package struct AccessKeyRepository: Sendable {
    let tx: Transaction

    package func lookup(_ accessKeyId: String) async throws -> AccessKeyRecord? {
        let rows = try await tx.query(
            """
            SELECT k.account_id, k.principal_type, k.principal_arn, k.principal_id, k.user_name, k.status,
                   k.secret_sealed, a.status
            FROM access_keys k JOIN accounts a ON a.id = k.account_id
            WHERE k.access_key_id = \(accessKeyId)
            """)
        for try await (account, type, arn, pid, userName, status, sealed, accountStatus) in rows.decode(
            (String, String, String, String, String?, String, Data, String).self)
        {
            guard let accountId = AccountId(account), let principalType = PrincipalType(rawValue: type) else { return nil }
            let principal = Principal(
                type: principalType, account: accountId, arn: arn, principalId: pid, accessKeyId: accessKeyId,
                userName: userName)
            return AccessKeyRecord(
                principal: principal, active: status == "Active", accountActive: accountStatus == "ACTIVE",
                secret: try tx.store.secrets.open(sealed))
        }
        return nil
    }

    /// Stores the root user's key of an account; an existing key id gets the given secret.
    package func putRootKey(account: AccountId, accessKeyId: String, secret: String) async throws {
        let sealed = try tx.store.secrets.seal(secret)
        let arn = "arn:\(tx.store.partition):iam::\(account.value):root"
        try await tx.query(
            """
            INSERT INTO access_keys (access_key_id, account_id, principal_type, principal_arn, principal_id, secret_sealed)
            VALUES (\(accessKeyId), \(account.value), 'Root', \(arn), \(account.value), \(sealed))
            ON CONFLICT (access_key_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, status = 'Active'
            WHERE access_keys.account_id = EXCLUDED.account_id
            """)
    }
}
