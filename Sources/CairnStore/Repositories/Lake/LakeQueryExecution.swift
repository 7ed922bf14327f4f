package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var lakeExecution: LakeQueryExecution { LakeQueryExecution(tx: self) }
}

/// Runs a compiled Lake query, in its own read-only transaction, as the role that may read only the event log
/// (migration 0020), seeing only the accounts the query may read, under a statement timeout and a work_mem cap
/// (temp_file_limit would need a superuser; the timeout and the row cap bound a query instead).
package struct LakeQueryExecution: Sendable {
    let tx: Transaction

    package struct Outcome: Sendable {
        package var rows: [[String?]]
        /// Rows of the event log the query read, and an estimate of their bytes (rows × the average stored row).
        package var eventsScanned: Int64
        package var bytesScanned: Int64
    }

    package enum Failure: Error, Sendable {
        case timedOut
        case tooLarge
        /// PostgreSQL refused the query while running it (a division by zero, a bad regular expression, …).
        case refused(String)
    }

    /// Must run inside `Store.transaction`: every setting is LOCAL to it, and it ends with the transaction.
    package func run(
        _ query: LakeCompiledQuery, accounts: [String], stores: [UUID] = [], timeoutSeconds: Int, maximumRows: Int,
        started: @Sendable (Int32, Date) async throws -> Void = { _, _ in }
    ) async throws -> Outcome {
        try await tx.query("SET TRANSACTION READ ONLY")
        // The backend, and the server it is on (its start time): a replica's pid means nothing on the primary.
        let backend = try await tx.query("SELECT pg_backend_pid(), pg_postmaster_start_time()")
        for try await (pid, server) in backend.decode((Int32, Date).self) { try await started(pid, server) }
        try await tx.query("SELECT set_config('cairn.lake_accounts', \(accounts.joined(separator: ",")), true)")
        try await tx.query("SELECT set_config('cairn.lake_stores', \(stores.map { $0.uuidString.lowercased() }.joined(separator: ",")), true)")
        try await tx.query("SELECT set_config('statement_timeout', \("\(max(1, timeoutSeconds))s"), true)")
        try await tx.query("SET LOCAL work_mem = '32MB'")
        // JIT compiles every partition's expressions: for a scan of 90 daily partitions that took 8 to 11 s, several
        // times the query itself (docs/benchmarks.md, CloudTrail Lake).
        try await tx.query("SET LOCAL jit = off")
        try await tx.query("SET LOCAL TimeZone = 'UTC'")
        try await tx.query("SET LOCAL ROLE cairn_lake_reader")
        var bindings = PostgresBindings(capacity: query.binds.count)
        for value in query.binds {
            switch value {
            case .text(let s): bindings.append(s)
            case .integer(let i): bindings.append(i)
            case .double(let d): bindings.append(d)
            case .boolean(let b): bindings.append(b)
            case .timestamp(let t): bindings.append(t)
            }
        }
        var rows: [[String?]] = []
        do {
            let sequence = try await tx.query(PostgresQuery(unsafeSQL: query.sql, binds: bindings))
            for try await row in sequence {
                guard rows.count < maximumRows else { throw Failure.tooLarge }
                var values: [String?] = []
                values.reserveCapacity(query.columns.count)
                for cell in row { values.append(try cell.decode(String?.self)) }
                rows.append(values)
            }
        } catch let error as PSQLError {
            // 57014 is a statement timeout, or CancelQuery stopping the statement (the query is then already CANCELLED).
            if error.serverInfo?[.sqlState] == "57014" { throw Failure.timedOut }
            throw Failure.refused(error.serverInfo?[.message] ?? "The query could not be run.")
        }
        try await tx.query("RESET ROLE")
        var scanned: Int64 = 0, rowBytes: Double = 0
        let stats = try await tx.query(
            """
            SELECT coalesce(sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)), 0)::bigint,
                   coalesce((SELECT sum(relpages)::float8 * 8192 / nullif(sum(reltuples), 0) FROM pg_class
                             WHERE relkind = 'r' AND relname LIKE 'events%' AND reltuples > 0),
                            (SELECT avg(pg_column_size(s.record))::float8 FROM (SELECT record FROM events LIMIT 100) s), 0)::float8
            FROM pg_stat_xact_user_tables WHERE relname LIKE 'events%'
            """)
        for try await (read, bytes) in stats.decode((Int64, Double).self) {
            scanned = read
            rowBytes = bytes
        }
        return Outcome(rows: rows, eventsScanned: scanned, bytesScanned: Int64(Double(scanned) * rowBytes))
    }
}
