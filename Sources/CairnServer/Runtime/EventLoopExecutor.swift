import CConcurrencyHook
import NIOCore
import NIOPosix
import Synchronization

/// Swift concurrency's jobs on NIO's event loops.
///
/// Without it, every database round trip and every request hops between Swift's cooperative pool and NIO's
/// threads: `perf` showed about a third of a signed call's CPU in thread switches and wake-ups. Hummingbird and
/// PostgresNIO both use `MultiThreadedEventLoopGroup.singleton`, so with the singleton as the global executor a
/// call's tasks and its I/O share threads. This requires that nothing blocks an event loop: Cairn never calls
/// `EventLoopFuture.wait`, and delivery's long stretches (compression, fsync) run on NIO's thread pool.
///
/// NIO finds the runtime's hook with `dlsym`, which fails when the runtime is linked into the executable
/// (`--static-swift-stdlib`, the deployed build): the toolchain's static link keeps the runtime's symbols out of the
/// dynamic table (`--exclude-libs ALL`), and the tasks stayed on Dispatch's threads. Then the same hook is set
/// through a reference resolved at link time (CConcurrencyHook), doing what NIO's does: each job goes to the
/// current event loop of the singleton group, or to the group's next one off its threads.
package enum EventLoopExecutor {
    private static let installedHere = Atomic<Bool>(false)

    /// Must run on the main thread before any task starts; `isInstalled` then says whether it took.
    /// `tryingNIOFirst: false` sets Cairn's hook even where NIO's would take, so that a shared-runtime build (the
    /// tests') can run the path the static binary takes.
    package static func install(tryingNIOFirst: Bool = true) {
        let installed =
            (tryingNIOFirst && NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor())
            || installCairnHook()
        installedHere.store(installed, ordering: .releasing)
    }

    /// Within the compiler versions NIO trusts the hook's shape for (NIO checks `compiler(<6.6)` alike).
    private static func installCairnHook() -> Bool {
        #if compiler(<6.6)
        cairn_install_enqueue_global_hook(unsafeBitCast(enqueueOnEventLoop, to: UnsafeMutableRawPointer.self))
        #else
        false
        #endif
    }

    /// Whether Swift's tasks run on NIO's event loops in this process.
    package static var isInstalled: Bool { installedHere.load(ordering: .acquiring) }

    /// The hook: the runtime passes the job and its own enqueue, which is not needed. Two pointer arguments and no
    /// result are passed alike by the C and Swift conventions on the platforms Cairn builds for (x86-64, arm64),
    /// the assumption NIO's own hook also makes.
    private static let enqueueOnEventLoop: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void = { job, _ in
        guard let job else { return }
        MultiThreadedEventLoopGroup.singleton.any().enqueue(ExecutorJob(unsafeBitCast(job, to: UnownedJob.self)))
    }
}
