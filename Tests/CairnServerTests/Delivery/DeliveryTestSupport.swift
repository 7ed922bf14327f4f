import CairnServer
import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

/// A delivery stage over a test server's database, writing directory buckets under a fresh temporary folder.
struct DeliveryHarness {
    let server: TestServer
    let root: URL
    let delivery: TrailDelivery

    init(_ server: TestServer, digestInterval: TimeInterval = 3600) {
        self.server = server
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cairn-buckets-\(UUID().uuidString.prefix(8))")
        delivery = TrailDelivery(
            store: server.store, buckets: LogBuckets(directory: root), digestInterval: digestInterval, logger: Logger(label: "delivery-test"))
    }

    func bucket(_ name: String) -> DirectoryBucket { DirectoryBucket(directory: root.appendingPathComponent(name)) }

    /// Runs passes until `done` holds. Transaction ids are cluster-wide, so another test's open transaction can
    /// hold the horizon back for a moment; a pass then delivers less, never wrongly.
    @discardableResult
    func deliver(until done: () async throws -> Bool = { true }, timeout: TimeInterval = 20) async throws -> DeliveryReport {
        var total = DeliveryReport()
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let r = try await delivery.deliverOnce(now: Date()) {
                total.eventsRead += r.eventsRead
                total.logFiles += r.logFiles
                total.eventsDelivered += r.eventsDelivered
                total.digests += r.digests
                total.failures += r.failures
            }
            if try await done() { return total }
            try await Task.sleep(for: .milliseconds(100))
        } while Date() < deadline
        Issue.record("delivery did not reach the expected state within \(timeout) s")
        return total
    }

    /// Every record in the bucket's log files, by key.
    func records(in bucketName: String) async throws -> [String: [[String: Any]]] {
        let b = bucket(bucketName)
        var out: [String: [[String: Any]]] = [:]
        for key in try await b.list(prefix: "") where key.contains("/CloudTrail/") {
            let object = try #require(try await b.get(key: key))
            let json = try JSONSerialization.jsonObject(with: try Gzip.decompress(object.body)) as? [String: Any]
            out[key] = try #require(json?["Records"] as? [[String: Any]])
        }
        return out
    }

    /// The eventIDs delivered to a bucket (each once, however often re-delivered).
    func deliveredIds(_ bucketName: String) async throws -> Set<String> {
        Set(try await records(in: bucketName).values.flatMap { $0.compactMap { $0["eventID"] as? String } })
    }

    /// The stored events of an account from `since`, as (eventID, region, readOnly, source).
    func storedEvents(account: String, since: Date) async throws -> [(id: String, region: String, readOnly: Bool, source: String)] {
        try await server.store.read(logger: Logger(label: "t")) { tx in
            var out: [(id: String, region: String, readOnly: Bool, source: String)] = []
            let rows = try await tx.query(
                "SELECT event_id::text, region, read_only, event_source FROM events WHERE account_id = \(account) AND event_time >= \(since)")
            for try await (id, region, ro, source) in rows.decode((String, String, Bool, String).self) { out.append((id, region, ro, source)) }
            return out
        }
    }
}
