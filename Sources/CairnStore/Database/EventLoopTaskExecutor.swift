package import NIOCore
import Synchronization

/// Runs a task's nonisolated code on one NIO event loop (SE-0417's task executor preference). A connection's queries
/// start on its own event loop this way, so nothing that loop does — closing the channel — can happen between a
/// check and the write that follows it (PostgresConnection+Guarded); and a door's call runs on its connection's loop
/// (DoorErrorMiddleware), where each call into a nonisolated async function of a library would otherwise go once
/// round the loop's task queue.
package final class EventLoopTaskExecutor: TaskExecutor {
    package let eventLoop: any EventLoop

    package init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    /// One executor per loop, kept for the process's life (its loops live as long): a job already running on a task
    /// executor stays on it only when the preference is that same executor, so every call and statement on a loop
    /// shares one; and a call need not allocate one.
    package static func of(_ eventLoop: any EventLoop) -> EventLoopTaskExecutor {
        shared.withLock { executors in
            if let known = executors[ObjectIdentifier(eventLoop)] { return known }
            let made = EventLoopTaskExecutor(eventLoop)
            executors[ObjectIdentifier(eventLoop)] = made
            return made
        }
    }

    private static let shared = Mutex<[ObjectIdentifier: EventLoopTaskExecutor]>([:])

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
