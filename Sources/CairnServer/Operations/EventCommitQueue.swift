import CairnCore
import CairnStore
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Group commit for the events that have no write to ride with: reads, and refusals. Each caller waits until
/// its event is committed (so every answered call has a durable event), but calls arriving while a commit is
/// in flight share the next one: one fsync for a whole batch instead of one per call.
actor EventCommitQueue {
    private let store: Store
    private let logger: Logger
    private var pending: [(row: EventRepository.EventRow, done: CheckedContinuation<Void, any Error>)] = []
    private var draining = false
    /// The most events one statement inserts; a larger backlog commits in several batches.
    static let maximumBatch = 256
    /// Under concurrent load a batch smaller than this waits up to `gatheringDelay` for more events first:
    /// each INSERT has a fixed cost in PostgreSQL, and at 16 connections batches averaged 4 events without
    /// the wait and 7.7 with it (docs/benchmarks.md).
    static let gatheringBatch = 16
    /// A previous batch at least this large shows calls arriving together; below it (a lone caller, or two)
    /// a wait would cost more latency than it saves work.
    static let concurrentBatch = 4
    static let gatheringDelay: TimeAmount = .milliseconds(1)
    private var lastBatch = 0

    init(store: Store, logger: Logger = Logger(label: "cairn.events")) {
        self.store = store
        self.logger = logger
    }

    /// Returns once the event is committed; throws if it could not be. The row (and its JSON) is built by the
    /// caller, outside the queue, so the queue's own work per batch is only the insert and the commit.
    nonisolated func commit(_ record: EventRecord, at time: Date?) async throws {
        try await enqueue(try EventRepository.row(record, at: time))
    }

    private func enqueue(_ row: EventRepository.EventRow) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((row, done))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            if lastBatch >= Self.concurrentBatch && pending.count < Self.gatheringBatch {
                // Calls are arriving together: give the ones already running a moment to reach their commit, as
                // PostgreSQL's commit_delay does. A lone caller or two never wait. NIO's timer, not
                // Task.sleep, which would wake Dispatch's threads.
                try? await MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: Self.gatheringDelay) {}.futureResult.get()
            }
            let batch = Array(pending.prefix(Self.maximumBatch))
            lastBatch = batch.count
            pending.removeFirst(batch.count)
            do {
                try await insert(batch.map(\.row))
                for entry in batch { entry.done.resume() }
            } catch {
                // One event the database refuses must not fail its neighbours: retry them one by one.
                for entry in batch {
                    do {
                        try await insert([entry.row])
                        entry.done.resume()
                    } catch {
                        entry.done.resume(throwing: error)
                    }
                }
            }
        }
        draining = false
    }

    /// One statement outside an explicit transaction: PostgreSQL commits it on its own, all rows or none, and
    /// answers only once the commit is durable, without the two round trips of BEGIN and COMMIT.
    private func insert(_ rows: [EventRepository.EventRow]) async throws {
        try await store.autocommit(logger: logger) { tx in try await tx.events.insert(rows) }
    }
}
