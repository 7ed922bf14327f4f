package import Logging
import PostgresNIO

extension Store {
    /// The channel migration 0016's triggers announce changes on.
    static let changesChannel = "cairn_changes"

    /// Listens for committed changes to what processes cache, on one connection of the pool, until the
    /// connection fails or the task is cancelled. `onListening` runs once PostgreSQL has taken the LISTEN:
    /// from then on no change can commit unannounced to this process.
    package func listenForChanges(
        logger: Logger, onListening: @Sendable () -> Void, onChange: @Sendable () -> Void
    ) async throws {
        try await pool.withConnection { connection in
            try await connection.listen(on: Self.changesChannel) { notifications in
                onListening()
                for try await _ in notifications { onChange() }
            }
        }
    }
}
