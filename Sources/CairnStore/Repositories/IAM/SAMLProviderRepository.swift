package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var samlProviders: SAMLProviderRepository { SAMLProviderRepository(tx: self) }
}

/// An account's SAML provider, as IAM keeps it: the metadata as sent and what was read from it.
package struct SAMLProviderRecord: Sendable, Equatable {
    package let account: AccountId
    package let name: String
    package let uuid: UUID
    package let metadata: String
    package let entityID: String
    package let validUntil: Date?
    package let tags: [IAMTag]
    package let createdAt: Date
}

/// IAM SAML providers (migration 0036). The key makes a name unique in its account; the quota is counted under the
/// account row's lock, so two creates racing cannot both pass it.
package struct SAMLProviderRepository: Sendable {
    let tx: Transaction

    private static let select = "SELECT account_id, name, uuid, metadata, entity_id, valid_until, tags::text, created_at FROM iam_saml_providers"

    /// nil when the account already has a provider of that name; `quota` exceeded throws LimitExceeded.
    package func create(
        account: AccountId, name: String, metadata: String, entityID: String, validUntil: Date?, tags: [IAMTag], quota: Int
    ) async throws -> SAMLProviderRecord? {
        try await tx.query("SELECT 1 FROM accounts WHERE id = \(account.value) FOR UPDATE")
        for try await count in try await tx.query("SELECT count(*) FROM iam_saml_providers WHERE account_id = \(account.value)").decode(Int.self)
        where count >= quota {
            throw ServiceError.limitExceeded("Cannot exceed quota for SAMLProvidersPerAccount: \(quota)")
        }
        let rows = try await tx.query(
            """
            INSERT INTO iam_saml_providers (account_id, name, uuid, metadata, entity_id, valid_until, tags)
            VALUES (\(account.value), \(name), \(UUID()), \(metadata), \(entityID), \(validUntil), \(IAMTagColumn.encode(tags))::jsonb)
            ON CONFLICT (account_id, name) DO NOTHING RETURNING 1
            """)
        for try await _ in rows.decode(Int.self) { return try await find(account: account, name: name) }
        return nil
    }

    package func find(account: AccountId, name: String, locked: Bool = false) async throws -> SAMLProviderRecord? {
        let lock = locked ? " FOR UPDATE" : ""
        return try await decode("\(unescaped: Self.select) WHERE account_id = \(account.value) AND name = \(name)\(unescaped: lock)").first
    }

    package func list(account: AccountId) async throws -> [SAMLProviderRecord] {
        try await decode("\(unescaped: Self.select) WHERE account_id = \(account.value) ORDER BY name")
    }

    package func delete(account: AccountId, name: String) async throws -> Bool {
        let rows = try await tx.query("DELETE FROM iam_saml_providers WHERE account_id = \(account.value) AND name = \(name) RETURNING 1")
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }

    /// A new metadata document (with what was read from it), or new tags; what is not given stays.
    package func update(
        account: AccountId, name: String, metadata: (text: String, entityID: String, validUntil: Date?)? = nil, tags: [IAMTag]? = nil
    ) async throws {
        if let metadata {
            try await tx.query(
                """
                UPDATE iam_saml_providers SET metadata = \(metadata.text), entity_id = \(metadata.entityID), valid_until = \(metadata.validUntil)
                WHERE account_id = \(account.value) AND name = \(name)
                """)
        }
        if let tags {
            try await tx.query(
                "UPDATE iam_saml_providers SET tags = \(IAMTagColumn.encode(tags))::jsonb WHERE account_id = \(account.value) AND name = \(name)")
        }
    }

    private func decode(_ sql: PostgresQuery) async throws -> [SAMLProviderRecord] {
        var found: [SAMLProviderRecord] = []
        for try await (account, name, uuid, metadata, entity, validUntil, tags, created) in try await tx.query(sql).decode(
            (String, String, UUID, String, String, Date?, String, Date).self)
        {
            guard let account = AccountId(account) else { continue }
            found.append(
                .init(
                    account: account, name: name, uuid: uuid, metadata: metadata, entityID: entity, validUntil: validUntil,
                    tags: IAMTagColumn.decode(tags), createdAt: created))
        }
        return found
    }
}
