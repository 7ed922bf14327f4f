import CairnStore
import Crypto
import Logging
import PostgresNIO

/// Runs `body` with a Store on a fresh, migrated database whose client pool runs for the body's duration.
package func withTestStore<R: Sendable>(
    partition: String = "aws", _ body: @Sendable (Store) async throws -> R
) async throws -> R {
    let configuration = try await TestPostgres.shared.freshDatabase()
    return try await withClient(configuration) { client in
        try await body(Store(client: client, secrets: SecretBox(key: SymmetricKey(size: .bits256)), partition: partition))
    }
}

/// Runs `body` with a running client for a configuration.
package func withClient<R: Sendable>(
    _ configuration: PostgresClient.Configuration, _ body: @Sendable (PostgresClient) async throws -> R
) async throws -> R {
    let client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "cairn.tests"))
    return try await withThrowingTaskGroup(of: R?.self) { group in
        group.addTask {
            await client.run()
            return nil
        }
        defer { group.cancelAll() }
        return try await body(client)
    }
}

extension Store {
    /// The PostgresNIO pool under a test's store, for the SQL a test runs to set up or inspect state.
    package var client: PostgresClient {
        guard let client = pool.currentClient else { preconditionFailure("the test store's pool is not serving") }
        return client
    }
}
