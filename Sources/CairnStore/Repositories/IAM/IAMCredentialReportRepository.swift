package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var credentialReports: IAMCredentialReportRepository { IAMCredentialReportRepository(tx: self) }
}

/// What a credential report is made from, and the account's last report (migration 0031).
package struct IAMCredentialReportRepository: Sendable {
    let tx: Transaction

    /// The account's root user and IAM users with their passwords and keys, read in one statement.
    package func subjects(account: AccountId) async throws -> (root: CredentialReport.User, users: [CredentialReport.User]) {
        var root = CredentialReport.User(
            name: "<root_account>", arn: IAMARN.root(partition: tx.partition, account: account).description, created: Date(),
            passwordChanged: nil, keys: [])
        var users: [CredentialReport.User] = []
        let rows = try await tx.query(
            """
            SELECT 'root', NULL::text, a.created_at, NULL::timestamptz,
                   coalesce((SELECT array_agg(k.access_key_id ORDER BY k.created_at) FROM access_keys k
                             WHERE k.account_id = a.id AND k.principal_type = 'Root'), '{}'),
                   coalesce((SELECT array_agg(k.status = 'Active' ORDER BY k.created_at) FROM access_keys k
                             WHERE k.account_id = a.id AND k.principal_type = 'Root'), '{}'),
                   coalesce((SELECT array_agg(k.created_at ORDER BY k.created_at) FROM access_keys k
                             WHERE k.account_id = a.id AND k.principal_type = 'Root'), '{}'),
                   false
            FROM accounts a WHERE a.id = \(account.value)
            UNION ALL
            SELECT u.name, u.arn, u.created_at, p.password_changed_at,
                   coalesce((SELECT array_agg(k.access_key_id ORDER BY k.created_at) FROM access_keys k WHERE k.user_id = u.user_id), '{}'),
                   coalesce((SELECT array_agg(k.status = 'Active' ORDER BY k.created_at) FROM access_keys k WHERE k.user_id = u.user_id), '{}'),
                   coalesce((SELECT array_agg(k.created_at ORDER BY k.created_at) FROM access_keys k WHERE k.user_id = u.user_id), '{}'),
                   EXISTS (SELECT 1 FROM iam_mfa_devices d WHERE d.user_id = u.user_id)
            FROM iam_users u LEFT JOIN iam_login_profiles p ON p.user_id = u.user_id
            WHERE u.account_id = \(account.value)
            """)
        for try await (name, arn, created, changed, ids, active, keyCreated, mfa) in rows.decode(
            (String, String?, Date, Date?, [String], [Bool], [Date], Bool).self)
        {
            let keys = zip(ids, zip(active, keyCreated)).map { CredentialReport.Key(id: $0, active: $1.0, created: $1.1) }
            if let arn {
                users.append(.init(name: name, arn: arn, created: created, passwordChanged: changed, keys: keys, mfaActive: mfa))
            } else {
                root = .init(name: root.name, arn: root.arn, created: created, passwordChanged: nil, keys: keys)
            }
        }
        return (root, users)
    }

    package func save(account: AccountId, content: String, at time: Date) async throws {
        try await tx.query(
            """
            INSERT INTO iam_credential_reports (account_id, content, generated_at) VALUES (\(account.value), \(content), \(time))
            ON CONFLICT (account_id) DO UPDATE SET content = EXCLUDED.content, generated_at = EXCLUDED.generated_at
            """)
    }

    package func latest(account: AccountId) async throws -> (content: String, generatedAt: Date)? {
        let rows = try await tx.query("SELECT content, generated_at FROM iam_credential_reports WHERE account_id = \(account.value)")
        for try await (content, at) in rows.decode((String, Date).self) { return (content, at) }
        return nil
    }
}
