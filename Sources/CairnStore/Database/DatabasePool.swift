package import Logging
package import NIOCore
import NIOPosix
package import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The connections a process serves calls with, and what happens when the database goes away.
///
/// PostgresNIO's pool connects to one host, and while that host is gone it queues callers without bound (its
/// circuit breaker opens after a minute): calls hung past clients' timeouts and the process ignored SIGTERM.
/// libpq finds the writable server among several hosts and finds it again after a failover; PostgresNIO has no
/// such thing. So this pool keeps one PostgresNIO pool per host it chose (a generation) and watches that host
/// with one query a second on a connection of its own. When the watch fails — the host refuses, does not answer
/// within the timeout, or is no longer what `target_session_attrs` asks for — it retires the generation at
/// once: its queued and running calls fail, and new calls fail without waiting, as `DatabaseUnavailable` (the
/// doors' 503 with Retry-After), until a host qualifies again and a new generation serves. A call that sees the
/// connection break wakes the watch early.
package final class DatabasePool: Service, Sendable {
    /// How often the serving host is checked, and how long a check (or a connection attempt) may take.
    package struct Watch: Sendable {
        package var interval: Duration = .seconds(1)
        package var timeout: Duration = .seconds(3)
        package init() {}
    }

    private enum Source: Sendable {
        /// A pool its owner runs (tests, one-shot commands): served as is, never retired.
        case fixed(PostgresClient)
        /// Its connections run on `eventLoopGroup`: NIO's shared loops, or a group of the pool's own.
        case located([DatabaseEndpoint], TargetSessionAttributes, Watch, eventLoopGroup: any EventLoopGroup)
    }

    /// One PostgresNIO pool on one host, the task that runs it (cancelling it fails the pool's queued callers), and
    /// the connections its calls hold: a cancelled PostgresNIO pool closes the connections it has back, not those
    /// leased, so a call in flight on a host that stopped answering would wait on it without end (seen in the
    /// failover test behind HAProxy: a call started as the primary was killed never answered). Retiring the
    /// generation closes those too.
    private final class Generation: Sendable {
        let endpoint: String
        let client: PostgresClient
        let runner: Task<Void, Never>
        private let leased = Mutex<[ObjectIdentifier: PostgresConnection]>([:])

        init(endpoint: String, client: PostgresClient) {
            self.endpoint = endpoint
            self.client = client
            runner = Task { await client.run() }
        }

        func lease(_ connection: PostgresConnection) { leased.withLock { $0[ObjectIdentifier(connection)] = connection } }
        func release(_ connection: PostgresConnection) { _ = leased.withLock { $0.removeValue(forKey: ObjectIdentifier(connection)) } }

        func retire() {
            runner.cancel()
            for connection in leased.withLock({ Array($0.values) }) { connection.close().whenComplete { _ in } }
        }
    }

    private let source: Source
    private let serving = Mutex<Generation?>(nil)
    private let suspect = Atomic<Bool>(false)
    private let logger: Logger

    /// A pool over an already-made PostgresNIO pool; `run` runs it.
    package init(client: PostgresClient, logger: Logger = Logger(label: "cairn.database")) {
        source = .fixed(client)
        self.logger = logger
    }

    /// A pool that finds its host among `endpoints` (in order) and finds it again after a failover.
    package init(
        endpoints: [DatabaseEndpoint], attributes: TargetSessionAttributes, watch: Watch = Watch(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger
    ) {
        precondition(!endpoints.isEmpty)
        source = .located(endpoints, attributes, watch, eventLoopGroup: eventLoopGroup)
        self.logger = logger
    }

    /// The PostgresNIO pool serving now, if any (tests query through it directly).
    package var currentClient: PostgresClient? {
        if case .fixed(let client) = source { return client }
        return serving.withLock { $0?.client }
    }

    /// Whether a host serves calls now.
    package var isServing: Bool {
        if case .fixed = source { return true }
        return serving.withLock { $0 != nil }
    }

    /// Leases a connection for `body`. Fails at once with `DatabaseUnavailable` while no host serves, and turns a
    /// broken connection into the same error (waking the watch).
    package func withConnection<R: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> sending R
    ) async throws -> sending R {
        do {
            switch source {
            case .fixed(let client):
                return try await client.withConnection(isolation: isolation, body)
            case .located:
                guard let generation = serving.withLock({ $0 }) else { throw DatabaseUnavailable("no database host is serving") }
                return try await generation.client.withConnection(isolation: isolation) { connection in
                    generation.lease(connection)
                    defer { generation.release(connection) }
                    return try await body(connection)
                }
            }
        } catch {
            throw outage(from: error)
        }
    }

    /// A failure as callers see it: a broken connection or a host gone becomes `DatabaseUnavailable` and wakes the
    /// watch; anything else passes unchanged. For statements on a connection leased outside `withConnection`'s
    /// closure (`DeferredLease`), whose failures do not pass through it.
    package func outage(from error: any Error) -> any Error {
        guard let outage = DatabaseUnavailable(error) else { return error }
        suspect.store(true, ordering: .relaxed)
        return outage
    }

    /// Returns once a host serves, or throws `DatabaseUnavailable` after `timeout` (start-up's first call).
    package func waitUntilServing(timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while !isServing {
            guard ContinuousClock.now < deadline else { throw DatabaseUnavailable("no database host answered within \(timeout)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    package func run() async {
        switch source {
        case .fixed(let client): await client.run()
        case .located(let endpoints, let attributes, let watch, let eventLoopGroup):
            await cancelWhenGracefulShutdown {
                await self.watch(endpoints, attributes, watch, on: eventLoopGroup)
            }
            if let last = takeServing() {
                last.retire()
                await last.runner.value
            }
        }
    }

    private func watch(
        _ endpoints: [DatabaseEndpoint], _ attributes: TargetSessionAttributes, _ watch: Watch, on eventLoopGroup: any EventLoopGroup
    ) async {
        var probe: (connection: PostgresConnection, endpoint: DatabaseEndpoint)?
        var lastCheck = ContinuousClock.now
        var wasServing = false
        while !Task.isCancelled {
            if let current = probe {
                // Wake every 100 ms: a call that saw a broken connection asks for the check now.
                try? await Task.sleep(for: .milliseconds(100))
                guard !Task.isCancelled else { break }
                let due = ContinuousClock.now - lastCheck >= watch.interval
                guard due || suspect.exchange(false, ordering: .relaxed) else { continue }
                lastCheck = ContinuousClock.now
                if await HostCheck.qualifies(current.connection, attributes, timeout: watch.timeout, logger: logger) != true {
                    retire(reason: "\(current.endpoint.name) stopped answering as \(attributes.rawValue)")
                    HostCheck.close(current.connection)
                    probe = nil
                }
                continue
            }
            if let found = await HostCheck.locate(endpoints, attributes, timeout: watch.timeout, logger: logger) {
                probe = found
                lastCheck = ContinuousClock.now
                suspect.store(false, ordering: .relaxed)
                serve(found.endpoint, on: eventLoopGroup)
                wasServing = true
            } else {
                if wasServing { logger.warning("no database host qualifies as \(attributes.rawValue); calls answer 503 until one does") }
                wasServing = false
                try? await Task.sleep(for: watch.interval)
            }
        }
        if let probe { HostCheck.close(probe.connection) }
    }

    private func serve(_ endpoint: DatabaseEndpoint, on eventLoopGroup: any EventLoopGroup) {
        let generation = Generation(
            endpoint: endpoint.name, client: PostgresClient(configuration: endpoint.pool, eventLoopGroup: eventLoopGroup, backgroundLogger: logger))
        let previous = serving.withLock { current in
            defer { current = generation }
            return current
        }
        previous?.retire()
        logger.info("database host serving", metadata: ["host": "\(endpoint.name)"])
    }

    /// Stops serving: new calls fail at once, the generation's queued calls fail as its pool is cancelled, and the
    /// calls under way fail as the connections they hold are closed.
    private func retire(reason: String) {
        guard let old = takeServing() else { return }
        old.retire()
        logger.warning("database host retired; calls answer 503 until a host qualifies", metadata: ["reason": "\(reason)"])
    }

    private func takeServing() -> Generation? {
        serving.withLock { current in
            let taken = current
            current = nil
            return taken
        }
    }
}
