import CairnTestSupport
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import CairnStore

/// A statement on a connection the server has closed fails at once: PostgresNIO alone drops such a query and its
/// caller waits for ever (PostgresConnection+Guarded).
@Suite struct GuardedQueryTests {
    let logger = Logger(label: "test")

    /// Ends the backend serving a transaction from outside, waits until the client has seen the connection close,
    /// then runs `next` inside that transaction: it must end (with DatabaseUnavailable) within a few seconds.
    func afterTheServerClosesTheConnection(_ next: @escaping @Sendable (Transaction) async throws -> Void) async throws {
        try await withTestStore { store in
            let outcome = Mutex<String?>(nil)
            do {
                try await store.transaction(logger: logger) { tx in
                    var pid: Int32 = 0
                    for try await p in try await tx.query("SELECT pg_backend_pid()").decode(Int32.self) { pid = p }
                    try await store.client.query("SELECT pg_terminate_backend(\(pid))")
                    let connection = try await tx.connection()
                    let deadline = ContinuousClock.now + .seconds(5)
                    while !connection.isClosed && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
                    #expect(connection.isClosed, "the client saw the connection close")
                    let finished = await HostCheck.within(.seconds(5)) { () async throws -> String in
                        do {
                            try await next(tx)
                            return "succeeded"
                        } catch {
                            return DatabaseUnavailable(error) != nil ? "unavailable" : "other: \(String(reflecting: error))"
                        }
                    }
                    outcome.withLock { $0 = finished ?? "still waiting after 5 s" }
                }
            } catch {
                // The transaction's own COMMIT fails on the closed connection too; only `next`'s outcome matters.
            }
            #expect(outcome.withLock { $0 } == "unavailable")
        }
    }

    @Test func aQueryOnAClosedConnectionFailsAtOnce() async throws {
        try await afterTheServerClosesTheConnection { tx in _ = try await tx.query("SELECT 1") }
    }

    @Test func aCommitOnAClosedConnectionFailsAtOnce() async throws {
        try await afterTheServerClosesTheConnection { tx in try await tx.connection().guardedQuery("COMMIT", logger: tx.logger) }
    }
}
