import CairnCore
import CairnStore
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Group commit for the events that have no write to ride with: reads, and refusals. Each caller waits until
/// its event is committed (so every answered call has a durable event), but calls arriving while a commit is
/// in flight share the next one: one fsync for a whole batch instead of one per call.
///
/// Before a batch starts it gathers the calls already under way in the runner (CallsUnderWay): each INSERT has
/// a fixed cost in PostgreSQL, so a batch that will be joined in a moment should wait for it, but only for as
/// long as someone is still coming — the last of them starts the batch at once — and never more than
/// `gatheringDelay`. A lone caller never waits.
actor EventCommitQueue {
    private let store: Store
    private let logger: Logger
    private let underWay: CallsUnderWay
    private var pending: [(row: EventRepository.EventRow, done: CheckedContinuation<Void, any Error>)] = []
    private var draining = false
    /// While gathering: resumed when the calls under way have all queued their events, or at the deadline.
    private var gate: CheckedContinuation<Void, Never>?
    /// The most events one statement inserts; a larger backlog commits in several batches.
    static let maximumBatch = 256
    static let gatheringDelay: TimeAmount = .milliseconds(1)

    init(store: Store, underWay: CallsUnderWay = CallsUnderWay(), logger: Logger = Logger(label: "cairn.events")) {
        self.store = store
        self.underWay = underWay
        self.logger = logger
    }

    /// Returns once the event is committed; throws if it could not be. The row (and its JSON) is built by the
    /// caller, outside the queue, so the queue's own work per batch is only the insert and the commit.
    /// `ticket` is the caller's count among the calls under way, counted out as its event joins the queue.
    nonisolated func commit(_ record: EventRecord, at time: Date?, leaving ticket: CallsUnderWay.Ticket? = nil) async throws {
        try await enqueue(try EventRepository.row(record, at: time), ticket)
    }

    private func enqueue(_ row: EventRepository.EventRow, _ ticket: CallsUnderWay.Ticket?) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            ticket?.leave()
            pending.append((row, done))
            if underWay.current == 0 { openGate() }
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func openGate() {
        gate?.resume()
        gate = nil
    }

    private func drain() async {
        while !pending.isEmpty {
            if underWay.current > 0 && pending.count < Self.maximumBatch {
                // Calls under way will queue their events in a moment: gather them, as PostgreSQL's commit_delay
                // does. NIO's timer for the deadline, not Task.sleep, which would wake Dispatch's threads.
                await withCheckedContinuation { (opened: CheckedContinuation<Void, Never>) in
                    gate = opened
                    MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: Self.gatheringDelay) {
                        Task { await self.openGate() }
                    }
                }
            }
            let batch = Array(pending.prefix(Self.maximumBatch))
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
