import PostgresNIO
import Synchronization

/// A pool connection leased only when a read runs its first statement. Most signed calls read nothing from
/// PostgreSQL (credentials, policies and trail views come from the in-process caches), yet leasing a connection
/// for them cost the pool's state machine, a hop to the connection's event loop and back, and the release: about
/// 3 % of a DescribeTrails's CPU in `perf record`. A read that does run a statement leases on the first one and
/// keeps the connection until the read ends, as before.
///
/// The pool lends connections only for the length of a closure, so a task holds that closure open: it hands the
/// connection over, then waits to be told the read is done.
final class DeferredLease: Sendable {
    private struct Held {
        var connection: Task<PostgresConnection, any Error>?
        var holder: Task<Void, Never>?
    }

    private let pool: DatabasePool
    private let held = Mutex(Held())
    private let done = ReleaseSignal()

    init(pool: DatabasePool) { self.pool = pool }

    /// The read's connection, leased on the first call.
    func connection() async throws -> PostgresConnection {
        let handover = held.withLock { held -> Task<PostgresConnection, any Error> in
            if let leased = held.connection { return leased }
            let (stream, continuation) = AsyncThrowingStream<PostgresConnection, any Error>.makeStream()
            held.holder = Task { [pool, done] in
                do {
                    try await pool.withConnection { connection in
                        continuation.yield(connection)
                        await done.wait()
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            let leased = Task {
                for try await connection in stream { return connection }
                throw DatabaseUnavailable("the database connection was not leased")
            }
            held.connection = leased
            return leased
        }
        // A cancelled call stops waiting for the pool, as it would inside `withConnection`.
        return try await withTaskCancellationHandler {
            try await handover.value
        } onCancel: {
            let (connection, holder) = held.withLock { ($0.connection, $0.holder) }
            connection?.cancel()
            holder?.cancel()
        }
    }

    /// Gives the connection back, if one was leased, once the read is over.
    func end() async {
        done.signal()
        if let holder = held.withLock({ $0.holder }) { await holder.value }
    }
}

/// Wakes the lease's holder once; a signal given before the wait is kept.
private final class ReleaseSignal: Sendable {
    private let state = Mutex<(given: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func wait() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if state.given { return true }
                state.waiter = waiter
                return false
            }
            if resumeNow { waiter.resume() }
        }
    }

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.given = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
