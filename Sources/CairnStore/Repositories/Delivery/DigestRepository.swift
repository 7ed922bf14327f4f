package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var digests: DigestRepository { DigestRepository(tx: self) }
}

/// The log files a trail delivered, its digest chains, and the keys that sign digests.
package struct DigestRepository: Sendable {
    let tx: Transaction

    /// A delivered log file, as the next digest of its chain lists it.
    package struct LogFileRow: Sendable {
        package let bucket: String
        package let key: String
        package let sha256: String
        package let oldest: Date
        package let newest: Date

        package init(bucket: String, key: String, sha256: String, oldest: Date, newest: Date) {
            self.bucket = bucket
            self.key = key
            self.sha256 = sha256
            self.oldest = oldest
            self.newest = newest
        }
    }

    /// The newest digest of one chain, and the time its coverage reaches.
    package struct Chain: Sendable {
        package let trailId: Int64
        package let accountId: String
        package let region: String
        package let coveredThrough: Date
        /// The end of this trail's newest digest for the account and region, in this chain or an earlier one.
        package let lastEnd: Date?
        package let previous: DigestFile.Previous?
    }

    package func recordLogFile(
        trailId: Int64, accountId: String, region: String, file: LogFileRow, eventCount: Int, deliveredAt: Date, awaitingDigest: Bool
    ) async throws {
        try await tx.query(
            """
            INSERT INTO trail_log_files (trail_id, account_id, region, bucket, object_key, sha256, event_count,
                                         oldest_event_time, newest_event_time, delivered_at, awaiting_digest)
            VALUES (\(trailId), \(accountId), \(region), \(file.bucket), \(file.key), \(file.sha256), \(eventCount),
                    \(file.oldest), \(file.newest), \(deliveredAt), \(awaitingDigest))
            """)
    }

    /// The log files of one chain that no digest lists yet, oldest first, with their row ids.
    package func undigestedLogFiles(trailId: Int64, accountId: String, region: String) async throws -> [(id: Int64, file: LogFileRow)] {
        let rows = try await tx.query(
            """
            SELECT id, bucket, object_key, sha256, oldest_event_time, newest_event_time FROM trail_log_files
            WHERE trail_id = \(trailId) AND account_id = \(accountId) AND region = \(region) AND awaiting_digest
            ORDER BY delivered_at, id
            """)
        var out: [(id: Int64, file: LogFileRow)] = []
        for try await (id, b, k, h, o, n) in rows.decode((Int64, String, String, String, Date, Date).self) {
            out.append((id, LogFileRow(bucket: b, key: k, sha256: h, oldest: o, newest: n)))
        }
        return out
    }

    /// After their digest is stored: no later digest lists them again.
    package func markDigested(_ ids: [Int64]) async throws {
        guard !ids.isEmpty else { return }
        try await tx.query("UPDATE trail_log_files SET awaiting_digest = false WHERE id = ANY(\(ids)::bigint[])")
    }

    /// Opens a chain for a trail, account and region unless one is open; its first digest covers from `since`.
    package func openChain(trailId: Int64, accountId: String, region: String, since: Date) async throws {
        try await tx.query(
            """
            INSERT INTO trail_digest_chains AS c (trail_id, account_id, region, covered_through)
            VALUES (\(trailId), \(accountId), \(region), \(since))
            ON CONFLICT (trail_id, account_id, region) DO UPDATE SET
                open = true, covered_through = excluded.covered_through, last_bucket = NULL, last_key = NULL, last_hash = NULL,
                last_signature = NULL
            WHERE NOT c.open
            """)
    }

    /// Every open chain, by trail: one read a pass, whatever the number of trails.
    package func openChains() async throws -> [Int64: [Chain]] {
        let rows = try await tx.query(
            """
            SELECT trail_id, account_id, region, covered_through, last_end, last_bucket, last_key, last_hash, last_signature
            FROM trail_digest_chains WHERE open ORDER BY trail_id, account_id, region
            """)
        var out: [Int64: [Chain]] = [:]
        for try await (trail, a, r, t, e, b, k, h, s) in rows.decode((Int64, String, String, Date, Date?, String?, String?, String?, String?).self) {
            let previous = b.flatMap { b in
                k.flatMap { k in h.flatMap { h in s.map { DigestFile.Previous(bucket: b, key: k, hash: h, signature: $0) } } }
            }
            out[trail, default: []].append(Chain(trailId: trail, accountId: a, region: r, coveredThrough: t, lastEnd: e, previous: previous))
        }
        return out
    }

    /// After a digest: the chain now ends at it; after a final one (`closing`), the next digest of this trail,
    /// account and region starts a new chain.
    package func extendChain(_ chain: Chain, through: Date, newest: DigestFile.Previous, closing: Bool) async throws {
        try await tx.query(
            """
            UPDATE trail_digest_chains SET covered_through = \(through), last_end = \(through), last_bucket = \(newest.bucket),
                   last_key = \(newest.key), last_hash = \(newest.hash), last_signature = \(newest.signature), open = \(!closing)
            WHERE trail_id = \(chain.trailId) AND account_id = \(chain.accountId) AND region = \(chain.region)
            """)
    }

    package func recordDigestDelivery(trailId: Int64, region: String, at time: Date, error: String?) async throws {
        try await tx.query(
            """
            INSERT INTO trail_delivery_status AS s (trail_id, region, latest_digest_delivery_time, latest_digest_delivery_error)
            VALUES (\(trailId), \(region), CASE WHEN \(error)::text IS NULL THEN \(time)::timestamptz END, \(error))
            ON CONFLICT (trail_id, region) DO UPDATE SET
                latest_digest_delivery_time = coalesce(excluded.latest_digest_delivery_time, s.latest_digest_delivery_time),
                latest_digest_delivery_error = excluded.latest_digest_delivery_error
            """)
    }

    // MARK: Signing keys

    /// A region's signing key: the public half as ListPublicKeys returns it, the private half still sealed.
    package struct SigningKeyRow: Sendable {
        package let fingerprint: String
        package let region: String
        package let publicKey: Data
        package let sealedPrivateKey: Data
        package let validFrom: Date
        package let validUntil: Date?
    }

    /// Stores a new current key for a region unless another process stored one first; returns the current key.
    package func currentSigningKey(region: String, orInsert candidate: SigningKeyRow) async throws -> SigningKeyRow {
        try await tx.query(
            """
            INSERT INTO digest_signing_keys (fingerprint, region, public_key, sealed_private_key, valid_from)
            VALUES (\(candidate.fingerprint), \(region), \(candidate.publicKey), \(candidate.sealedPrivateKey), \(candidate.validFrom))
            ON CONFLICT (region) WHERE valid_until IS NULL DO NOTHING
            """)
        guard let key = try await signingKeys(region: region, from: nil, to: nil).first else { throw DeliveryStoreError.noHorizon }
        return key
    }

    /// Every public key ever used, by fingerprint: what an offline validator checks signatures with.
    package func allPublicKeys() async throws -> [String: Data] {
        var out: [String: Data] = [:]
        for try await (f, p) in try await tx.query("SELECT fingerprint, public_key FROM digest_signing_keys").decode((String, Data).self) {
            out[f] = p
        }
        return out
    }

    /// The current key of a region, if it has one yet.
    package func currentSigningKey(region: String) async throws -> SigningKeyRow? {
        try await signingKeys(region: region, from: nil, to: nil).first
    }

    /// Keys of a region valid at some point in [from, to]; with no range, the current key.
    package func signingKeys(region: String, from: Date?, to: Date?) async throws -> [SigningKeyRow] {
        let rows: PostgresRowSequence
        if let from, let to {
            rows = try await tx.query(
                """
                SELECT fingerprint, region, public_key, sealed_private_key, valid_from, valid_until FROM digest_signing_keys
                WHERE region = \(region) AND valid_from <= \(to) AND (valid_until IS NULL OR valid_until >= \(from))
                ORDER BY valid_from
                """)
        } else {
            rows = try await tx.query(
                """
                SELECT fingerprint, region, public_key, sealed_private_key, valid_from, valid_until FROM digest_signing_keys
                WHERE region = \(region) AND valid_until IS NULL
                """)
        }
        var out: [SigningKeyRow] = []
        for try await (f, r, p, s, v, u) in rows.decode((String, String, Data, Data, Date, Date?).self) {
            out.append(SigningKeyRow(fingerprint: f, region: r, publicKey: p, sealedPrivateKey: s, validFrom: v, validUntil: u))
        }
        return out
    }
}

extension DigestRepository.SigningKeyRow {
    package init(fingerprint: String, region: String, publicKey: Data, sealedPrivateKey: Data, validFrom: Date) {
        self.init(
            fingerprint: fingerprint, region: region, publicKey: publicKey, sealedPrivateKey: sealedPrivateKey, validFrom: validFrom, validUntil: nil)
    }
}
