import ServiceLifecycle
import Synchronization

/// A service that starts only when opened. The service-role pool waits behind one for the migrations that
/// create its role: started at once, its standing connections failed on a fresh database (and said so in the
/// log, sixteen times, on the quick start's first run). Shut down before it opens, it ends without starting.
final class GatedService<Base: Service>: Service, Sendable {
    private let base: Base
    private let opened: AsyncStream<Void>
    private let opener: AsyncStream<Void>.Continuation
    /// Set just before the base service runs (or when it never will), so `open` can wait until it is about to.
    private let settled = Atomic<Bool>(false)

    init(_ base: Base) {
        self.base = base
        (opened, opener) = AsyncStream.makeStream(of: Void.self)
    }

    /// Lets the service start, and returns once it is starting (or was shut down before it could).
    func open() async {
        opener.yield()
        opener.finish()
        while !settled.load(ordering: .acquiring) && !Task.isCancelled { await Task.yield() }
    }

    func run() async throws {
        let go = await cancelWhenGracefulShutdown {
            var gate = self.opened.makeAsyncIterator()
            return await gate.next() != nil
        }
        settled.store(true, ordering: .releasing)
        guard go, !Task.isCancelled else { return }
        try await base.run()
    }
}
