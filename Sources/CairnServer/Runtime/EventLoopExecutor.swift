import NIOCore
import NIOPosix

/// Swift concurrency's jobs on NIO's event loops.
///
/// Without it, every database round trip and every request hops between Swift's cooperative pool and NIO's
/// threads: `perf` showed about a third of a signed call's CPU in thread switches and wake-ups. Hummingbird and
/// PostgresNIO both use `MultiThreadedEventLoopGroup.singleton`, so with the singleton as the global executor a
/// call's tasks and its I/O share threads. This requires that nothing blocks an event loop: Cairn never calls
/// `EventLoopFuture.wait`, and delivery's long stretches (compression, fsync) run on NIO's thread pool.
package enum EventLoopExecutor {
    /// Must run on the main thread before any task starts; returns whether the executor was installed.
    @discardableResult
    package static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
