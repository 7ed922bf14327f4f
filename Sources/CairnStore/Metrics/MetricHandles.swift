package import Metrics
import Synchronization

/// swift-metrics handles, made once per label and dimensions and kept. Making a handle asks the factory every time
/// (swift-prometheus checks the name and finds or registers the series under its lock): with two handles per request
/// and two per operation, that was about 3 % of a signed call's CPU in `perf record`. The dimensions used are bounded
/// (routes, status codes, operations, outcomes, kinds of database work), one or two per label, and a label always
/// comes with the same dimension names, so a handle is found by its label and dimension values alone: a lookup
/// builds no array (one is made only with a new handle). Handles are only made
/// while serving, after `cairn serve` has bootstrapped the metrics system; one made before would stay a no-op, as it
/// would uncached.
package final class MetricHandles: Sendable {
    package static let shared = MetricHandles()

    private struct Key: Hashable {
        let label: String
        let first: String
        let second: String
    }

    private let counters = Mutex<[Key: Counter]>([:])
    private let timers = Mutex<[Key: Timer]>([:])
    private let meters = Mutex<[Key: Meter]>([:])

    package func counter(_ label: String, _ dimension: (String, String), _ other: (String, String)? = nil) -> Counter {
        Self.handle(in: counters, label, dimension, other) { Counter(label: label, dimensions: $0) }
    }

    package func timer(_ label: String, _ dimension: (String, String), _ other: (String, String)? = nil) -> Timer {
        Self.handle(in: timers, label, dimension, other) { Timer(label: label, dimensions: $0) }
    }

    package func meter(_ label: String, _ dimension: (String, String), _ other: (String, String)? = nil) -> Meter {
        Self.handle(in: meters, label, dimension, other) { Meter(label: label, dimensions: $0) }
    }

    private static func handle<Handle>(
        in cache: borrowing Mutex<[Key: Handle]>, _ label: String, _ dimension: (String, String), _ other: (String, String)?,
        make: ([(String, String)]) -> Handle
    ) -> Handle {
        let key = Key(label: label, first: dimension.1, second: other?.1 ?? "")
        return cache.withLock { cached in
            if let hit = cached[key] { return hit }
            let made = make(other.map { [dimension, $0] } ?? [dimension])
            cached[key] = made
            return made
        }
    }
}
