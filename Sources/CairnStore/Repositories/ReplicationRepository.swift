import PostgresNIO

extension Transaction {
    package var replication: ReplicationRepository { ReplicationRepository(tx: self) }
}

/// Where the write-ahead log stands: on the primary, how far it has been written; on a streaming standby,
/// whether it has replayed that far. A read served by a standby that has replayed the primary's position as the
/// read began sees every call answered before it.
package struct ReplicationRepository: Sendable {
    let tx: Transaction

    /// The primary's current WAL position, as text (`0/3000148`).
    package func writtenLocation() async throws -> String {
        for try await lsn in try await tx.query("SELECT pg_current_wal_lsn()::text").decode(String.self) { return lsn }
        throw DatabaseUnavailable("the primary reported no WAL position")
    }

    /// Whether this server has replayed `location`; a server that is not a standby (replays nothing) has all of it.
    package func hasReplayed(_ location: String) async throws -> Bool {
        let rows = try await tx.query("SELECT COALESCE(pg_last_wal_replay_lsn() >= \(location)::pg_lsn, true)")
        for try await done in rows.decode(Bool.self) { return done }
        return false
    }
}
