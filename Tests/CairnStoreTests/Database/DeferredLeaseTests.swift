import CairnTestSupport
import Crypto
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import CairnStore

/// A read leases a pool connection at its first statement, not before (DeferredLease): a read the in-process
/// caches answer needs no connection, and one that does run statements holds one connection for all of them
/// and gives it back when it ends, however it ends.
@Suite struct DeferredLeaseTests {
    let logger = Logger(label: "test")

    /// A pool with no serving host: every lease fails at once with DatabaseUnavailable.
    func storeWithoutAHost() -> Store {
        let pool = DatabasePool(
            endpoints: [
                DatabaseEndpoint(
                    name: "127.0.0.1:1",
                    pool: .init(host: "127.0.0.1", port: 1, username: "nobody", password: nil, database: nil, tls: .disable),
                    probe: .init(host: "127.0.0.1", port: 1, username: "nobody", password: nil, database: nil, tls: .disable))
            ], attributes: .any, logger: logger)
        return Store(pool: pool, secrets: SecretBox(key: SymmetricKey(size: .bits256)), partition: "aws")
    }

    @Test func aReadThatRunsNoStatementLeasesNoConnection() async throws {
        let answer = try await storeWithoutAHost().read(logger: logger) { _ in 7 }
        #expect(answer == 7)
    }

    @Test func aReadThatRunsAStatementWithoutAHostFailsAsUnavailable() async throws {
        await #expect(throws: DatabaseUnavailable.self) {
            try await storeWithoutAHost().read(logger: logger) { tx in try await tx.query("SELECT 1") }
        }
    }

    /// More reads one after another than the pool has connections: each must give its connection back, after an
    /// answer or after a failure, or a later one would wait for ever.
    @Test func aReadsStatementsShareOneConnectionWhichGoesBackWhenTheReadEnds() async throws {
        let configuration = try await TestPostgres.shared.freshDatabase()
        var small = configuration
        small.options.minimumConnections = 0
        small.options.maximumConnections = 2
        try await withClient(small) { client in
            let store = Store(client: client, secrets: SecretBox(key: SymmetricKey(size: .bits256)), partition: "aws")
            let finished = await HostCheck.within(.seconds(30)) { () async throws -> Int in
                var reads = 0
                for round in 0..<12 {
                    do {
                        let pids = try await store.read(logger: logger) { tx -> [Int32] in
                            var pids: [Int32] = []
                            for _ in 0..<2 {
                                for try await pid in try await tx.query("SELECT pg_backend_pid()").decode(Int32.self) { pids.append(pid) }
                            }
                            if round % 3 == 0 { throw CancellationError() }
                            return pids
                        }
                        #expect(pids.count == 2 && pids[0] == pids[1], "both statements on one connection")
                    } catch is CancellationError {
                        // The read's own failure, after it had leased: the connection must still go back.
                    }
                    reads += 1
                }
                return reads
            }
            #expect(finished == 12, "every read ended: none kept its connection")
        }
    }
}
