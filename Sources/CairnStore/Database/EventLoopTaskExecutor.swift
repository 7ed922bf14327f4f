package import NIOCore

/// Runs a task's nonisolated code on one NIO event loop (SE-0417's task executor preference). A connection's queries
/// start on its own event loop this way, so nothing that loop does — closing the channel — can happen between a
/// check and the write that follows it (PostgresConnection+Guarded).
package final class EventLoopTaskExecutor: TaskExecutor {
    package let eventLoop: any EventLoop

    package init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
