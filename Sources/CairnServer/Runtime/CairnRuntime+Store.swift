import CairnStore
import Foundation
import Logging
import PostgresNIO

/// The one-shot commands' way to the database: `cairn account`, `region`, `validate-logs` and `decrypt` open
/// the configured database (starting the embedded one if it is not running, and stopping it again after),
/// with the master key that already exists.
extension CairnRuntime {
    /// Runs `body` with a store on the configured database (the embedded one started if it is not running).
    static func withStore<R: Sendable>(
        _ config: CairnConfiguration, logger: Logger, _ body: @escaping @Sendable (Store) async throws -> R
    ) async throws -> R {
        let session = try await DatabaseSession.open(config, logger: logger)
        defer {
            if session.startedEmbedded, let pg = session.embedded { try? pg.stop() }
        }
        let secrets = SecretBox(key: try SecretBox.loadKey(at: config.resolvedMasterKeyFile, create: false))
        let pool = session.pool(logger: logger)
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
