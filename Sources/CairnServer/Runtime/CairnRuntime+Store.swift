import CairnStore
import Foundation
import Logging
import PostgresNIO

/// The one-shot commands' way to the database: `cairn account`, `region`, `validate-logs` and `decrypt` open
/// the configured database (starting the embedded one if it is not running, and stopping it again after),
/// with the master key that already exists.
extension CairnRuntime {
    /// Runs `body` with a store on the configured database (the embedded one started if it is not running).
    /// `reading`: the body only reads, so a streaming replica (`DATABASE_READ_URL`) serves it when one is named.
    static func withStore<R: Sendable>(
        _ config: CairnConfiguration, reading: Bool = false, logger: Logger, _ body: @escaping @Sendable (Store) async throws -> R
    ) async throws -> R {
        let secrets = SecretBox(key: try SecretBox.loadKey(at: config.resolvedMasterKeyFile, create: false))
        if reading, let url = config.databaseReadURL {
            let read = try DatabaseURL(url)
            return try await withPool(
                DatabasePool(endpoints: try read.endpoints(), attributes: read.targetSessionAttributes, logger: logger), secrets, config, body)
        }
        let session = try await DatabaseSession.open(config, logger: logger)
        defer {
            if session.startedEmbedded, let pg = session.embedded { try? pg.stop() }
        }
        return try await withPool(session.pool(logger: logger), secrets, config, body)
    }

    private static func withPool<R: Sendable>(
        _ pool: DatabasePool, _ secrets: SecretBox, _ config: CairnConfiguration, _ body: @escaping @Sendable (Store) async throws -> R
    ) async throws -> R {
        let store = Store(pool: pool, secrets: secrets, partition: config.partition)
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                await pool.run()
                return nil
            }
            defer { group.cancelAll() }
            try await pool.waitUntilServing(timeout: .seconds(30))
            return try await body(store)
        }
    }
}
