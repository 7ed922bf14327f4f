package import CairnStore
package import NIOCore

/// The group commit's own way to the database: a pool whose connections live on an event loop that serves no
/// HTTP connection, where the committer runs too.
///
/// On the shared loops, the committer's next INSERT and the database's answer to the last one queued behind the
/// requests those loops were serving (a batch's callers resume in a burst), so PostgreSQL waited between batches
/// while both cores had work elsewhere: the machine stood about a quarter idle under signed load
/// (docs/benchmarks.md, 2026-12-07). A loop of its own is nearly always asleep, so the kernel runs it as soon as
/// a batch is due or answered.
package struct EventLane: Sendable {
    package let store: Store
    package let loop: any EventLoop

    package init(store: Store, loop: any EventLoop) {
        self.store = store
        self.loop = loop
    }
}
