package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var lakeQueries: LakeQueryRepository { LakeQueryRepository(tx: self) }
}

/// Lake queries and their results. Starting a query locks the account's row, so the limit of concurrent
/// queries holds across processes; a worker claims a queued query with SKIP LOCKED, so each runs once.
package struct LakeQueryRepository: Sendable {
    let tx: Transaction

    /// The channel a started query is announced on; workers listening there claim it at once.
    package static let queuedChannel = "cairn_lake_queries"

    static let columns = """
        id, account_id, region, store_ids, statement, status, error_message, columns, events_matched, events_scanned, bytes_scanned,
        execution_ms, result_count, created_at, finished_at, delivery_s3_uri, delivery_status, store_account_id, prompt
        """

    package func start(_ query: LakeQueryRecord) async throws {
        let delivery: String? = query.deliveryS3Uri == nil ? nil : "PENDING"
        try await tx.query("SELECT 1 FROM accounts WHERE id = \(query.account) FOR UPDATE")
        let rows = try await tx.query(
            "SELECT count(*)::int FROM lake_queries WHERE account_id = \(query.account) AND status IN ('QUEUED', 'RUNNING')")
        for try await running in rows.decode(Int.self) where running >= LakeQueryLimits.concurrentQueries {
            throw ServiceError(
                code: "MaxConcurrentQueriesException", status: 400,
                message:
                    "You are already running the maximum number of concurrent queries (\(LakeQueryLimits.concurrentQueries)). Wait a minute for some queries to finish, and then run the query again."
            )
        }
        try await tx.query(
            """
            INSERT INTO lake_queries (id, account_id, region, store_ids, statement, status, created_at, query_alias, refresh_id,
                                      delivery_s3_uri, delivery_status, store_account_id, prompt)
            VALUES (\(query.id), \(query.account), \(query.region), \(query.storeIds), \(query.statement), 'QUEUED', \(query.created),
                    \(query.alias), \(query.refreshId), \(query.deliveryS3Uri), \(delivery), \(query.storeAccount), \(query.prompt))
            """)
        try await tx.query("SELECT pg_notify(\(Self.queuedChannel), '')")
    }

    /// A dashboard widget's query of one refresh.
    package func find(alias: String, refreshId: String, account: String) async throws -> LakeQueryRecord? {
        try await records(
            "SELECT \(unescaped: Self.columns) FROM lake_queries WHERE account_id = \(account) AND refresh_id = \(refreshId) AND query_alias = \(alias)"
        ).first
    }

    package func find(_ id: UUID, account: String) async throws -> LakeQueryRecord? {
        try await records("SELECT \(unescaped: Self.columns) FROM lake_queries WHERE id = \(id) AND account_id = \(account)").first
    }

    /// The store's queries started in [from, to), newest first, optionally of one status, after `before` (paging).
    package func list(
        store: UUID, account: String, from: Date, to: Date, status: LakeQueryStatus?, after: (Date, UUID)?, limit: Int
    )
        async throws -> [LakeQueryRecord]
    {
        let cursorTime = after?.0 ?? Date.distantFuture,
            cursorId = after?.1 ?? UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))
        return try await records(
            """
            SELECT \(unescaped: Self.columns) FROM lake_queries
            WHERE account_id = \(account) AND \(store) = ANY (store_ids) AND created_at >= \(from) AND created_at < \(to)
              AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
              AND (created_at, id) < (\(cursorTime), \(cursorId))
            ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """)
    }

    /// Marks the query CANCELLED if it is still queued or running.
    package func cancel(_ id: UUID, at time: Date) async throws {
        try await tx.query(
            "UPDATE lake_queries SET status = 'CANCELLED', finished_at = \(time) WHERE id = \(id) AND status IN ('QUEUED', 'RUNNING')")
    }

    /// Stops the statement of a query marked CANCELLED, if it is running on the server this transaction is on
    /// (migrations 0023 and 0035): the primary, or the replica a Lake pool reads.
    package func interrupt(_ id: UUID) async throws {
        try await tx.query("SELECT cairn_cancel_lake_query(\(id))")
    }

    /// Notes which database backend runs the query, so CancelQuery can stop it (nil once its statement is done).
    package func noteBackend(_ id: UUID, pid: Int32?, server: Date? = nil) async throws {
        try await tx.query("UPDATE lake_queries SET backend_pid = \(pid), backend_server = \(server) WHERE id = \(id)")
    }

    /// Takes the oldest queued query for this worker, or nil when none waits.
    package func claimNext() async throws -> LakeQueryRecord? {
        try await records(
            """
            UPDATE lake_queries SET status = 'RUNNING' WHERE id = (
                SELECT id FROM lake_queries WHERE status = 'QUEUED' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING \(unescaped: Self.columns)
            """
        ).first
    }

    /// Ends a running query: its status, statistics and rows. A query cancelled meanwhile keeps CANCELLED and gets no rows.
    package func finish(_ query: LakeQueryRecord, rows: [[String?]]) async throws {
        let updated = try await tx.query(
            """
            UPDATE lake_queries SET status = \(query.status.rawValue), error_message = \(query.errorMessage), columns = \(query.columns),
                events_matched = \(query.eventsMatched), events_scanned = \(query.eventsScanned), bytes_scanned = \(query.bytesScanned),
                execution_ms = \(query.executionMillis), result_count = \(query.resultCount), finished_at = \(query.finished),
                delivery_status = \(query.deliveryStatus)
            WHERE id = \(query.id) AND status = 'RUNNING' RETURNING id
            """)
        var stillRunning = false
        for try await _ in updated.decode(UUID.self) { stillRunning = true }
        guard stillRunning, !rows.isEmpty else { return }
        var position = 0
        for chunk in stride(from: 0, to: rows.count, by: 1000).map({ Array(rows[$0..<min($0 + 1000, rows.count)]) }) {
            let encoded = try chunk.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try await tx.query(
                """
                INSERT INTO lake_query_results (query_id, position, row_values)
                SELECT \(query.id), \(position) + n - 1, ARRAY(SELECT jsonb_array_elements_text(r)) FROM unnest(\(encoded)::jsonb[]) WITH ORDINALITY AS t(r, n)
                """)
            position += chunk.count
        }
    }

    /// Rows `offset ..< offset + limit` of a finished query's results.
    package func results(_ id: UUID, offset: Int, limit: Int) async throws -> [[String?]] {
        var out: [[String?]] = []
        let rows = try await tx.query(
            "SELECT array_to_json(row_values)::text FROM lake_query_results WHERE query_id = \(id) AND position >= \(offset) ORDER BY position LIMIT \(limit)"
        )
        let decoder = JSONDecoder()
        for try await text in rows.decode(String.self) { out.append(try decoder.decode([String?].self, from: Data(text.utf8))) }
        return out
    }

    /// Drops queries (and their results) started more than seven days ago.
    package func purge(startedBefore cutoff: Date) async throws {
        try await tx.query("DELETE FROM lake_queries WHERE created_at < \(cutoff)")
        try await tx.query("DELETE FROM lake_generated_queries WHERE created_at < \(cutoff)")
    }

    private func records(_ q: PostgresQuery) async throws -> [LakeQueryRecord] {
        var out: [LakeQueryRecord] = []
        for try await row in try await tx.query(q) {
            let r = row.makeRandomAccess()
            var query = LakeQueryRecord(
                id: try r["id"].decode(UUID.self), account: try r["account_id"].decode(String.self), region: try r["region"].decode(String.self),
                storeIds: try r["store_ids"].decode([UUID].self), statement: try r["statement"].decode(String.self),
                status: LakeQueryStatus(rawValue: try r["status"].decode(String.self)) ?? .failed, created: try r["created_at"].decode(Date.self))
            query.errorMessage = try r["error_message"].decode(String?.self)
            query.columns = try r["columns"].decode([String].self)
            query.eventsMatched = try r["events_matched"].decode(Int64.self)
            query.eventsScanned = try r["events_scanned"].decode(Int64.self)
            query.bytesScanned = try r["bytes_scanned"].decode(Int64.self)
            query.executionMillis = try r["execution_ms"].decode(Int64.self)
            query.resultCount = try r["result_count"].decode(Int64.self)
            query.finished = try r["finished_at"].decode(Date?.self)
            query.deliveryS3Uri = try r["delivery_s3_uri"].decode(String?.self)
            query.deliveryStatus = try r["delivery_status"].decode(String?.self)
            query.storeAccount = try r["store_account_id"].decode(String?.self)
            query.prompt = try r["prompt"].decode(String?.self)
            out.append(query)
        }
        return out
    }
}

extension LakeQueryRepository {
    /// Fails queries still RUNNING that started before `cutoff`: their worker is gone.
    package func failAbandoned(startedBefore cutoff: Date) async throws {
        try await tx.query(
            """
            UPDATE lake_queries SET status = 'FAILED', error_message = 'The query was interrupted; run it again.', finished_at = now()
            WHERE status = 'RUNNING' AND created_at < \(cutoff)
            """)
    }
}

extension LakeQueryRepository {
    /// A statement GenerateQuery wrote, kept under its alias for StartQuery.
    package struct GeneratedQuery: Sendable {
        package var alias: String
        package var region: String
        package var storeAccount: String
        package var statement: String
        package var prompt: String

        package init(alias: String, region: String, storeAccount: String, statement: String, prompt: String) {
            self.alias = alias
            self.region = region
            self.storeAccount = storeAccount
            self.statement = statement
            self.prompt = prompt
        }
    }

    package func saveGenerated(_ q: GeneratedQuery, account: String, at time: Date) async throws {
        try await tx.query(
            """
            INSERT INTO lake_generated_queries (account_id, alias, region, store_account_id, statement, prompt, created_at)
            VALUES (\(account), \(q.alias), \(q.region), \(q.storeAccount), \(q.statement), \(q.prompt), \(time))
            """)
    }

    package func generated(alias: String, account: String, region: String) async throws -> GeneratedQuery? {
        let rows = try await tx.query(
            """
            SELECT alias, region, store_account_id, statement, prompt FROM lake_generated_queries
            WHERE account_id = \(account) AND alias = \(alias) AND region = \(region)
            """)
        for try await (a, r, owner, statement, prompt) in rows.decode((String, String, String, String, String).self) {
            return GeneratedQuery(alias: a, region: r, storeAccount: owner, statement: statement, prompt: prompt)
        }
        return nil
    }
}
