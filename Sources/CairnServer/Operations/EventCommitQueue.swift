import CairnCore
import CairnStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Group commit for the events that have no write to ride with: reads, and refusals. Each caller waits until
/// its event is committed (so every answered call has a durable event), but calls arriving while a commit is
/// in flight share the next one: one fsync for a whole batch instead of one per call.
///
/// Before a batch starts it gathers the calls already under way in the runner (CallsUnderWay): each INSERT has
/// a fixed cost in PostgreSQL, so a batch that will be joined in a moment should wait for it, but only for as
/// long as someone is still coming — the last of them starts the batch at once — and never more than
/// `gatheringDelay`. A lone caller never waits.
///
/// A lock, not an actor: a caller queues its event and suspends once, until its batch commits. As an actor, each
/// call hopped onto the actor's executor to queue, was resumed there, and hopped off again — two more
/// cross-thread wake-ups a call on the signed path.
///
/// The committer runs on its lane's event loop when it has one (EventLane), away from the loops serving requests;
/// it resumes each caller on the loop the caller came from, where on a shared loop a whole batch's callers resumed
/// on the committer's one loop.
///
/// One batch commits at a time: two in flight were measured again on 2026-12-07, also with the lane
/// (docs/benchmarks.md), and gave no more requests/s: smaller batches (16 events against 22–24 at 64 connections)
/// cost more CPU a call, in Cairn and in PostgreSQL, than the idle time they filled.
final class EventCommitQueue: Sendable {
    /// A queued event, its caller, and the event loop the caller queued it from (nil off NIO's threads).
    private typealias Waiting = (row: EventRepository.EventRow, done: CheckedContinuation<Void, any Error>, loop: (any EventLoop)?)

    private struct State {
        var pending: [Waiting] = []
        /// Whether the task that gathers and commits batches is running; it runs while events are waiting.
        var committing = false
        /// While gathering: resumed when the calls under way have all queued their events, or at the deadline.
        var gate: CheckedContinuation<Void, Never>?
        /// Which gathering the armed deadline belongs to, so a late timer cannot cut a later gathering short.
        var gathered = 0
    }

    private let store: Store
    /// The committer's own pool and loop, if it has them; `store` serves while the lane's pool has no host.
    private let lane: EventLane?
    private let logger: Logger
    private let underWay: CallsUnderWay
    private let committerExecutor: EventLoopTaskExecutor?
    private let state = Mutex(State())
    /// The most events one statement inserts; a larger backlog commits in several batches.
    static let maximumBatch = 256
    static let gatheringDelay: TimeAmount = .milliseconds(1)

    init(
        store: Store, underWay: CallsUnderWay = CallsUnderWay(), lane: EventLane? = nil, logger: Logger = Logger(label: "cairn.events")
    ) {
        self.store = store
        self.underWay = underWay
        self.lane = lane
        committerExecutor = lane.map { EventLoopTaskExecutor($0.loop) }
        self.logger = logger
    }

    /// Returns once the event is committed; throws if it could not be. The row (and its JSON) is built by the
    /// caller, outside the queue, so the queue's own work per batch is only the insert and the commit.
    /// `ticket` is the caller's count among the calls under way, counted out as its event joins the queue.
    func commit(_ record: EventRecord, at time: Date?, leaving ticket: CallsUnderWay.Ticket? = nil) async throws {
        let row = try EventRepository.row(record, at: time)
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            ticket?.leave()
            let lastToCome = underWay.current == 0
            let loop = MultiThreadedEventLoopGroup.currentEventLoop
            let (opened, startCommitter) = state.withLock { state in
                state.pending.append((row, done, loop))
                let opened = lastToCome ? state.gate.take() : nil
                guard !state.committing else { return (opened, false) }
                state.committing = true
                return (opened, true)
            }
            opened?.resume()
            if startCommitter { Task(executorPreference: committerExecutor) { await self.commitBatches() } }
        }
    }

    private func openGate(_ gathering: Int) {
        let opened = state.withLock { state in state.gathered == gathering ? state.gate.take() : nil }
        opened?.resume()
    }

    /// Gathers a batch and commits it, again while events are waiting. Entered with `committing` set for it.
    private func commitBatches() async {
        while true {
            await gather()
            let batch = state.withLock { state in
                let batch = Array(state.pending.prefix(Self.maximumBatch))
                state.pending.removeFirst(batch.count)
                return batch
            }
            await commit(batch)
            let goOn = state.withLock { state in
                if state.pending.isEmpty { state.committing = false }
                return state.committing
            }
            if !goOn { return }
        }
    }

    /// Waits while calls under way will queue their events in a moment, as PostgreSQL's commit_delay does. NIO's
    /// timer for the deadline, not Task.sleep, which would wake Dispatch's threads.
    private func gather() async {
        await withCheckedContinuation { (opened: CheckedContinuation<Void, Never>) in
            // Checked under the lock that queuing takes, so the last call to come either sees the gate or is seen here.
            let armed: Int? = state.withLock { state in
                guard underWay.current > 0, state.pending.count < Self.maximumBatch else { return nil }
                state.gathered &+= 1
                state.gate = opened
                return state.gathered
            }
            guard let armed else { return opened.resume() }
            (committerExecutor?.eventLoop ?? MultiThreadedEventLoopGroup.singleton.any()).scheduleTask(in: Self.gatheringDelay) {
                self.openGate(armed)
            }
        }
    }

    private func commit(_ batch: [Waiting]) async {
        do {
            try await insert(batch.map(\.row))
            resume(batch)
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

    /// Resumes a committed batch's callers, each on the event loop it queued its event from: that is its
    /// connection's loop, so its answer is written there without another hop. Each loop gets one job that resumes
    /// all of its callers (a resumed task is enqueued on the loop it is resumed on): one wake-up a loop a batch,
    /// where resuming each caller from the lane's thread woke a loop for every caller. A caller that queued from no
    /// event loop resumes at once.
    private func resume(_ batch: [Waiting]) {
        var shares: [(loop: any EventLoop, callers: [CheckedContinuation<Void, any Error>])] = []
        for waiting in batch {
            guard let loop = waiting.loop else {
                waiting.done.resume()
                continue
            }
            if let index = shares.firstIndex(where: { $0.loop === loop }) {
                shares[index].callers.append(waiting.done)
            } else {
                shares.append((loop, [waiting.done]))
            }
        }
        for share in shares {
            let callers = share.callers
            share.loop.execute { for caller in callers { caller.resume() } }
        }
    }

    /// One statement outside an explicit transaction: PostgreSQL commits it on its own, all rows or none, and
    /// answers only once the commit is durable, without the two round trips of BEGIN and COMMIT.
    private func insert(_ rows: [EventRepository.EventRow]) async throws {
        // The lane's pool finds a host again on its own watch, a moment apart from the serving pool's: until it has
        // one, the serving pool commits (chosen before the statement, so no batch is ever sent twice).
        let target = lane.map { $0.store.pool.isServing ? $0.store : store } ?? store
        try await target.autocommit(logger: logger) { tx in try await tx.events.insert(rows) }
    }
}
