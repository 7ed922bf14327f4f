package import PostgresNIO

/// One host a pool may serve from: the configuration its PostgresNIO pool connects with, and the configuration of
/// the single connection that finds and watches the host (see `DatabasePool`).
package struct DatabaseEndpoint: Sendable {
    /// The host as logs name it (no credentials).
    package let name: String
    package var pool: PostgresClient.Configuration
    package let probe: PostgresConnection.Configuration

    package init(name: String, pool: PostgresClient.Configuration, probe: PostgresConnection.Configuration) {
        self.name = name
        self.pool = pool
        self.probe = probe
    }
}
