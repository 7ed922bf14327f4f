import CairnStore
import Logging
import ServiceLifecycle

/// Keeps this process listening for changes other processes commit (Store.listenForChanges): every
/// announcement starts a new cache generation. When the connection fails the caches are off until listening
/// resumes, a second later.
struct ChangeFeed: ServiceLifecycle.Service {
    let store: Store
    let freshness: CacheFreshness
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await store.listenForChanges(
                        logger: logger, onListening: { freshness.setListening(true) }, onChange: { freshness.invalidate() })
                } catch {
                    if !Task.isCancelled {
                        logger.warning("not listening for changes; caches are off", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
                freshness.setListening(false)
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
