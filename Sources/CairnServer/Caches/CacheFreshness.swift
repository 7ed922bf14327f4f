import Synchronization

/// Whether what this process cached from the database may still be used. Everything cached is stamped with
/// the generation current when it was read; a change committed by any process (announced by PostgreSQL,
/// ChangeFeed) or by this one (the runner, after a committed write) starts a new generation, so older entries
/// are never used again. While the process is not listening for changes nothing may be cached at all.
package final class CacheFreshness: Sendable {
    private let state = Mutex<(generation: UInt64, listening: Bool)>((0, false))

    /// The generation to stamp a read with; nil when nothing may be cached.
    package var current: UInt64? { state.withLock { $0.listening ? $0.generation : nil } }

    func isCurrent(_ generation: UInt64) -> Bool { state.withLock { $0.listening && $0.generation == generation } }

    func invalidate() { state.withLock { $0.generation &+= 1 } }

    /// Listening starts (or stops): either way, nothing read before may be trusted.
    func setListening(_ listening: Bool) {
        state.withLock {
            $0.listening = listening
            $0.generation &+= 1
        }
    }
}
