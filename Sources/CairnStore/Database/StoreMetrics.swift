import Metrics
import Synchronization

/// The pool-level metrics of one kind of database work (read, transaction, autocommit, replica), made once per
/// kind: making a swift-metrics handle asks the factory, which finds the series under its lock, and every signed
/// call does at least one unit of database work. Made at first use, after `cairn serve` has bootstrapped metrics.
struct StoreMetrics: Sendable {
    let inFlight: Meter
    let duration: Timer
    let errors: Counter

    private static let made = Mutex<[String: StoreMetrics]>([:])

    static func of(_ kind: String) -> StoreMetrics {
        made.withLock { made in
            if let known = made[kind] { return known }
            let dimensions = [("kind", kind)]
            let metrics = StoreMetrics(
                inFlight: Meter(label: "cairn_db_in_flight", dimensions: dimensions),
                duration: Timer(label: "cairn_db_duration_seconds", dimensions: dimensions),
                errors: Counter(label: "cairn_db_errors_total", dimensions: dimensions))
            made[kind] = metrics
            return metrics
        }
    }
}
