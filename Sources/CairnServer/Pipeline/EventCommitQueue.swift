import CairnCore
import CairnStore
import Foundation
import Logging

/// Group commit for the events that have no write to ride with: reads, and refusals. Each caller waits until
/// its event is committed (so every answered call has a durable event), but calls arriving while a commit is
/// in flight share the next one: one fsync for a whole batch instead of one per call.
actor EventCommitQueue {
    private let store: Store
    private let logger: Logger
    private var pending: [(record: EventRecord, time: Date?, done: CheckedContinuation<Void, any Error>)] = []
    private var draining = false
    /// The most events one statement inserts; a larger backlog commits in several batches.
    static let maximumBatch = 256

    init(store: Store, logger: Logger = Logger(label: "cairn.events")) {
        self.store = store
        self.logger = logger
    }

    /// Returns once the event is committed; throws if it could not be.
    func commit(_ record: EventRecord, at time: Date?) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((record, time, done))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.maximumBatch))
            pending.removeFirst(batch.count)
            do {
                try await insert(batch.map { ($0.record, $0.time) })
                for entry in batch { entry.done.resume() }
            } catch {
                // One event the database refuses must not fail its neighbours: retry them one by one.
                for entry in batch {
                    do {
                        try await insert([(entry.record, entry.time)])
                        entry.done.resume()
                    } catch {
                        entry.done.resume(throwing: error)
                    }
                }
            }
        }
        draining = false
    }

    private func insert(_ batch: [(record: EventRecord, time: Date?)]) async throws {
        try await store.transaction(logger: logger) { tx in try await tx.events.append(batch: batch) }
    }
}
