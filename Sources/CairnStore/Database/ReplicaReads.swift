package import Logging
import Metrics

/// Reads that a streaming replica serves (`DATABASE_READ_URL`): event history, its export, log validation.
///
/// A replica lags its primary by however long replay takes. AWS promises no immediacy here (it delivers log files
/// "on average within about 5 minutes" of a call), but Cairn has always shown a call in LookupEvents as soon as it
/// was answered, and scripts that check their own change lean on that. So a replica read first asks the primary where its log stands (one tiny query), and the replica
/// serves the read once it has replayed that far — it then holds every call answered before the read began, the
/// caller's own included. A replica more than `maximumWait` behind, or unreachable, hands the read to the primary:
/// the answer is never older than it would be without a replica.
package struct ReplicaReads: Sendable {
    package let primary: Store
    package let replica: Store
    package var maximumWait: Duration = .seconds(1)

    package init(primary: Store, replica: Store) {
        self.primary = primary
        self.replica = replica
    }

    package func read<R: Sendable>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation, _ body: (Transaction) async throws -> sending R
    ) async throws -> sending R {
        let outcome: String
        do {
            let location = try await primary.read(logger: logger) { tx in try await tx.replication.writtenLocation() }
            if let value = try await replica.read(caughtUpTo: location, within: maximumWait, logger: logger, body) {
                Counter(label: "cairn_replica_reads_total", dimensions: [("outcome", "replica")]).increment()
                return value
            }
            outcome = "lagging"
        } catch {
            guard DatabaseUnavailable(error) != nil else { throw error }
            outcome = "unavailable"
        }
        Counter(label: "cairn_replica_reads_total", dimensions: [("outcome", outcome)]).increment()
        return try await primary.read(logger: logger, body)
    }
}
