import Logging
import NIOPosix
import PostgresNIO
import Synchronization

/// Finding a host that qualifies, and checking the one that serves, each within a deadline that no server can
/// stretch: a stopped or unreachable server may accept a TCP connection and then never answer, and PostgresNIO's
/// calls do not end on cancellation alone.
enum HostCheck {
    /// The first host (in the URL's order) that answers and qualifies, with the connection that asked it — kept
    /// open to watch that host. prefer-standby takes the first answering host when no standby answers.
    static func locate(
        _ endpoints: [DatabaseEndpoint], _ attributes: TargetSessionAttributes, timeout: Duration, logger: Logger
    ) async -> (connection: PostgresConnection, endpoint: DatabaseEndpoint)? {
        var fallback: (connection: PostgresConnection, endpoint: DatabaseEndpoint)?
        for endpoint in endpoints {
            guard let connection = await connect(endpoint, timeout: timeout, logger: logger) else { continue }
            guard let state = await state(of: connection, timeout: timeout, logger: logger) else {
                close(connection)
                continue
            }
            if attributes.accepts(inRecovery: state.inRecovery, readOnly: state.readOnly) {
                if let fallback { close(fallback.connection) }
                return (connection, endpoint)
            }
            if attributes == .preferStandby && fallback == nil {
                fallback = (connection, endpoint)
            } else {
                close(connection)
            }
        }
        return fallback
    }

    /// Whether the watched host still answers and qualifies; nil when it did not answer in time.
    static func qualifies(
        _ connection: PostgresConnection, _ attributes: TargetSessionAttributes, timeout: Duration, logger: Logger
    ) async -> Bool? {
        guard let state = await state(of: connection, timeout: timeout, logger: logger) else { return nil }
        return attributes.accepts(inRecovery: state.inRecovery, readOnly: state.readOnly)
    }

    private static let connectionIds = Atomic<Int>(1_000_000)

    private static func connect(_ endpoint: DatabaseEndpoint, timeout: Duration, logger: Logger) async -> PostgresConnection? {
        let id = connectionIds.add(1, ordering: .relaxed).newValue
        let probe = endpoint.probe
        return await within(timeout, late: close) {
            try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: probe, id: id, logger: logger)
        }
    }

    private struct HostState: Sendable {
        let inRecovery: Bool
        let readOnly: Bool
    }

    private static func state(of connection: PostgresConnection, timeout: Duration, logger: Logger) async -> HostState? {
        let answer = await within(timeout) {
            let rows = try await connection.guardedQuery(
                "SELECT pg_is_in_recovery(), current_setting('transaction_read_only') = 'on'", logger: logger)
            for try await (inRecovery, readOnly) in rows.decode((Bool, Bool).self) {
                return HostState(inRecovery: inRecovery, readOnly: readOnly)
            }
            throw DatabaseUnavailable("the host answered no row")
        }
        // A check that did not answer leaves its connection waiting on a server that may never reply: close it, so
        // the query fails and nothing waits on it.
        guard let answer else {
            close(connection)
            return nil
        }
        return answer
    }

    static func close(_ connection: PostgresConnection) {
        Task { try? await connection.close() }
    }

    /// `work`'s value, or nil if it throws or `timeout` passes first; a value that arrives late goes to `late`.
    static func within<T: Sendable>(
        _ timeout: Duration, late: @escaping @Sendable (T) -> Void = { _ in }, _ work: @escaping @Sendable () async throws -> T
    ) async -> T? {
        let outcome = FirstOutcome<T?>()
        return await withCheckedContinuation { continuation in
            outcome.waiting(continuation)
            let worker = Task {
                let value = try? await work()
                if !outcome.deliver(value), let value { late(value) }
            }
            Task {
                try? await Task.sleep(for: timeout)
                if outcome.deliver(nil) { worker.cancel() }
            }
        }
    }
}

/// A continuation resumed by whichever of two tasks finishes first.
private final class FirstOutcome<T: Sendable>: Sendable {
    private let slot = Mutex<CheckedContinuation<T, Never>?>(nil)

    func waiting(_ continuation: CheckedContinuation<T, Never>) {
        slot.withLock { $0 = continuation }
    }

    /// Resumes the waiter with `value` if nothing did yet; false when another outcome came first.
    func deliver(_ value: T) -> Bool {
        let taken = slot.withLock { slot in
            let waiting = slot
            slot = nil
            return waiting
        }
        guard let continuation = taken else { return false }
        continuation.resume(returning: value)
        return true
    }
}
