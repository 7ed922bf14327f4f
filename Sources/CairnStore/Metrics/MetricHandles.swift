package import Metrics
import Synchronization

/// swift-metrics handles, made once per label and dimensions and kept. Making a handle asks the factory every time
/// (swift-prometheus checks the name and finds or registers the series under its lock): with two handles per request
/// and two per operation, that was about 3 % of a signed call's CPU in `perf record`. The dimensions used are bounded
/// (routes, status codes, operations, outcomes, kinds of database work). Handles are only made while serving, after `cairn serve` has
/// bootstrapped the metrics system; one made before would stay a no-op, as it would uncached.
package final class MetricHandles: Sendable {
    package static let shared = MetricHandles()

    private struct Key: Hashable {
        let label: String
        let values: [String]
    }

    private let counters = Mutex<[Key: Counter]>([:])
    private let timers = Mutex<[Key: Timer]>([:])
    private let meters = Mutex<[Key: Meter]>([:])

    package func counter(_ label: String, _ dimensions: [(String, String)]) -> Counter {
        Self.handle(in: counters, label, dimensions) { Counter(label: label, dimensions: dimensions) }
    }

    package func timer(_ label: String, _ dimensions: [(String, String)]) -> Timer {
        Self.handle(in: timers, label, dimensions) { Timer(label: label, dimensions: dimensions) }
    }

    package func meter(_ label: String, _ dimensions: [(String, String)]) -> Meter {
        Self.handle(in: meters, label, dimensions) { Meter(label: label, dimensions: dimensions) }
    }

    private static func handle<Handle>(
        in cache: borrowing Mutex<[Key: Handle]>, _ label: String, _ dimensions: [(String, String)], make: () -> Handle
    ) -> Handle {
        let key = Key(label: label, values: dimensions.flatMap { [$0.0, $0.1] })
        return cache.withLock { cached in
            if let hit = cached[key] { return hit }
            let made = make()
            cached[key] = made
            return made
        }
    }
}
