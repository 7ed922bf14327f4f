import Synchronization

/// What every call reads, kept in memory while it is fresh (CacheFreshness). A read is stamped with the
/// generation current before it went to the database, so a change that commits while it is in flight leaves the
/// entry stale, never current.
final class FreshCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let freshness: CacheFreshness
    private let table = Mutex<[Key: (generation: UInt64, value: Value)]>([:])
    /// Bounds memory; eviction is wholesale and only costs reads.
    private let capacity: Int

    init(freshness: CacheFreshness, capacity: Int = 20_000) {
        self.freshness = freshness
        self.capacity = capacity
    }

    /// The value for `key`: from memory when fresh, else from `load` (and kept, when it may be).
    func value(for key: Key, load: () async throws -> Value) async throws -> Value {
        guard let generation = freshness.current else { return try await load() }
        if let hit = table.withLock({ $0[key] }), hit.generation == generation, freshness.isCurrent(generation) {
            return hit.value
        }
        let value = try await load()
        table.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = (generation, value)
        }
        return value
    }
}
