package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var oidcProviders: OpenIDConnectProviderRepository { OpenIDConnectProviderRepository(tx: self) }
}

/// An account's OpenID Connect provider, as IAM keeps it.
package struct OpenIDConnectProviderRecord: Sendable, Equatable {
    package let account: AccountId
    /// The URL without `https://` (OpenIDConnectProviderRules.identifier).
    package let identifier: String
    package let clientIds: [String]
    package let thumbprints: [String]
    package let tags: [IAMTag]
    package let createdAt: Date
}

/// IAM OpenID Connect providers (migration 0028). The table's key makes an identifier unique in its account; the
/// per-account quota is counted under the account row's lock, so two creates racing cannot both pass it.
package struct OpenIDConnectProviderRepository: Sendable {
    let tx: Transaction

    private static let select = "SELECT account_id, identifier, client_ids, thumbprints, tags::text, created_at FROM iam_oidc_providers"

    /// nil when the account already has a provider for the identifier; `quota` exceeded throws LimitExceeded.
    package func create(
        account: AccountId, identifier: String, clientIds: [String], thumbprints: [String], tags: [IAMTag], quota: Int
    ) async throws -> OpenIDConnectProviderRecord? {
        try await tx.query("SELECT 1 FROM accounts WHERE id = \(account.value) FOR UPDATE")
        for try await count in try await tx.query("SELECT count(*) FROM iam_oidc_providers WHERE account_id = \(account.value)").decode(Int.self)
        where count >= quota {
            throw ServiceError.limitExceeded("Cannot exceed quota for OpenIdConnectProvidersPerAccount: \(quota)")
        }
        let rows = try await tx.query(
            """
            INSERT INTO iam_oidc_providers (account_id, identifier, client_ids, thumbprints, tags)
            VALUES (\(account.value), \(identifier), \(clientIds), \(thumbprints), \(IAMTagColumn.encode(tags))::jsonb)
            ON CONFLICT DO NOTHING RETURNING 1
            """)
        for try await _ in rows.decode(Int.self) { return try await find(account: account, identifier: identifier) }
        return nil
    }

    package func find(account: AccountId, identifier: String, locked: Bool = false) async throws -> OpenIDConnectProviderRecord? {
        let lock = locked ? " FOR UPDATE" : ""
        return try await decode(
            "\(unescaped: Self.select) WHERE account_id = \(account.value) AND identifier = \(identifier)\(unescaped: lock)"
        ).first
    }

    package func list(account: AccountId) async throws -> [OpenIDConnectProviderRecord] {
        try await decode("\(unescaped: Self.select) WHERE account_id = \(account.value) ORDER BY identifier")
    }

    package func delete(account: AccountId, identifier: String) async throws -> Bool {
        let rows = try await tx.query(
            "DELETE FROM iam_oidc_providers WHERE account_id = \(account.value) AND identifier = \(identifier) RETURNING 1")
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }

    /// Replaces what is given, keeps the rest.
    package func update(
        account: AccountId, identifier: String, clientIds: [String]? = nil, thumbprints: [String]? = nil, tags: [IAMTag]? = nil
    ) async throws {
        try await tx.query(
            """
            UPDATE iam_oidc_providers SET
                client_ids = coalesce(\(clientIds), client_ids),
                thumbprints = coalesce(\(thumbprints), thumbprints),
                tags = coalesce(\(tags.map(IAMTagColumn.encode))::jsonb, tags)
            WHERE account_id = \(account.value) AND identifier = \(identifier)
            """)
    }

    private func decode(_ sql: PostgresQuery) async throws -> [OpenIDConnectProviderRecord] {
        var found: [OpenIDConnectProviderRecord] = []
        for try await (account, identifier, clientIds, thumbprints, tags, created) in try await tx.query(sql).decode(
            (String, String, [String], [String], String, Date).self)
        {
            guard let account = AccountId(account) else { continue }
            found.append(
                .init(
                    account: account, identifier: identifier, clientIds: clientIds, thumbprints: thumbprints,
                    tags: IAMTagColumn.decode(tags), createdAt: created))
        }
        return found
    }
}
