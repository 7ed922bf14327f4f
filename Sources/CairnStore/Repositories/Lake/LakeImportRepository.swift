package import CairnCore
package import Foundation
import PostgresNIO

extension Transaction {
    package var lakeImports: LakeImportRepository { LakeImportRepository(tx: self) }
}

/// Lake imports, their failures, and the events they copy. Starting one locks the account's row, so "one import
/// under way per account" holds across processes; a worker claims an import with SKIP LOCKED.
package struct LakeImportRepository: Sendable {
    let tx: Transaction

    /// One imported event, as a file held it.
    package struct ImportedEvent: Sendable {
        package var eventId: String
        package var time: Date
        package var account: String
        package var region: String
        package var source: String
        package var name: String
        package var readOnly: Bool
        package var username: String?
        package var accessKeyId: String?
        package var category: String
        package var errorCode: String?
        package var record: String

        package init(
            eventId: String, time: Date, account: String, region: String, source: String, name: String, readOnly: Bool, username: String?,
            accessKeyId: String?, category: String, errorCode: String?, record: String
        ) {
            (self.eventId, self.time, self.account, self.region, self.source, self.name) = (eventId, time, account, region, source, name)
            (self.readOnly, self.username, self.accessKeyId, self.category, self.errorCode, self.record) =
                (readOnly, username, accessKeyId, category, errorCode, record)
        }
    }

    static let columns = """
        id, account_id, region, store_id, destination, source_uri, source_region, role_arn, start_event_time, end_event_time, status,
        prefixes_found, prefixes_completed, files_completed, events_completed, failed_entries, created_at, updated_at
        """

    package func start(_ i: LakeImportRecord) async throws {
        try await refuseIfUnderWay(account: i.account, other: nil)
        try await tx.query(
            """
            INSERT INTO lake_imports (id, account_id, region, store_id, destination, source_uri, source_region, role_arn, start_event_time,
                end_event_time, status, created_at, updated_at)
            VALUES (\(i.id), \(i.account), \(i.region), \(i.storeId), \(i.destination), \(i.sourceURI), \(i.sourceRegion), \(i.roleArn),
                \(i.startEventTime), \(i.endEventTime), 'INITIALIZING', \(i.created), \(i.updated))
            """)
    }

    /// StartImport with an ImportId: a failed or stopped import starts over (what it copied stays copied).
    package func restart(_ id: UUID, account: String, at time: Date) async throws -> LakeImportRecord? {
        try await refuseIfUnderWay(account: account, other: id)
        try await tx.query(
            """
            UPDATE lake_imports SET status = 'INITIALIZING', updated_at = \(time)
            WHERE id = \(id) AND account_id = \(account) AND status IN ('FAILED', 'STOPPED')
            """)
        return try await find(id, account: account)
    }

    /// One import under way per account: checked under the account's row lock, so it holds across processes.
    /// `other` is an import that does not count (the one being retried).
    private func refuseIfUnderWay(account: String, other: UUID?) async throws {
        try await tx.query("SELECT 1 FROM accounts WHERE id = \(account) FOR UPDATE")
        let rows = try await tx.query(
            """
            SELECT EXISTS (SELECT 1 FROM lake_imports WHERE account_id = \(account) AND status IN ('INITIALIZING', 'IN_PROGRESS')
                           AND id IS DISTINCT FROM \(other))
            """)
        for try await underWay in rows.decode(Bool.self) where underWay {
            throw ServiceError(code: "AccountHasOngoingImportException", status: 400, message: "Account \(account) already has an import under way.")
        }
    }

    package func find(_ id: UUID, account: String) async throws -> LakeImportRecord? {
        try await records("SELECT \(unescaped: Self.columns) FROM lake_imports WHERE id = \(id) AND account_id = \(account)").first
    }

    package func list(account: String) async throws -> [LakeImportRecord] {
        try await records("SELECT \(unescaped: Self.columns) FROM lake_imports WHERE account_id = \(account) ORDER BY created_at DESC, id")
    }

    /// Stops an import under way; a worker copying it stops at its next file.
    package func stop(_ id: UUID, at time: Date) async throws {
        try await tx.query(
            "UPDATE lake_imports SET status = 'STOPPED', updated_at = \(time) WHERE id = \(id) AND status IN ('INITIALIZING', 'IN_PROGRESS')")
    }

    package func claimNext(at time: Date) async throws -> LakeImportRecord? {
        try await records(
            """
            UPDATE lake_imports SET status = 'IN_PROGRESS', updated_at = \(time) WHERE id = (
                SELECT id FROM lake_imports WHERE status = 'INITIALIZING' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING \(unescaped: Self.columns)
            """
        ).first
    }

    /// Records a file's events and the import's progress; false when the import was stopped meanwhile.
    package func copy(_ events: [ImportedEvent], into store: UUID, progress i: LakeImportRecord) async throws -> Bool {
        if !events.isEmpty {
            try await tx.query(
                """
                INSERT INTO lake_imported_events (store_id, event_id, event_time, account_id, region, event_source, event_name, read_only,
                    username, access_key_id, event_category, error_code, record)
                SELECT \(store), x.e, x.t, x.a, x.r, x.s, x.n, x.ro, nullif(x.u, ''), nullif(x.k, ''), x.c, nullif(x.err, ''), x.rec::jsonb
                FROM unnest(\(events.map(\.eventId))::text[], \(events.map(\.time))::timestamptz[], \(events.map(\.account))::text[],
                    \(events.map(\.region))::text[], \(events.map(\.source))::text[], \(events.map(\.name))::text[], \(events.map(\.readOnly))::boolean[],
                    \(events.map { $0.username ?? "" })::text[], \(events.map { $0.accessKeyId ?? "" })::text[], \(events.map(\.category))::text[],
                    \(events.map { $0.errorCode ?? "" })::text[], \(events.map(\.record))::text[]) AS x(e, t, a, r, s, n, ro, u, k, c, err, rec)
                ON CONFLICT (store_id, event_id) DO NOTHING
                """)
        }
        return try await progress(i)
    }

    /// Writes the import's statistics and status; false when it was stopped meanwhile (nothing is written then).
    package func progress(_ i: LakeImportRecord) async throws -> Bool {
        let rows = try await tx.query(
            """
            UPDATE lake_imports SET status = \(i.status), prefixes_found = \(i.prefixesFound), prefixes_completed = \(i.prefixesCompleted),
                files_completed = \(i.filesCompleted), events_completed = \(i.eventsCompleted), failed_entries = \(i.failedEntries),
                updated_at = \(i.updated)
            WHERE id = \(i.id) AND status = 'IN_PROGRESS' RETURNING id
            """)
        var updated = false
        for try await _ in rows.decode(UUID.self) { updated = true }
        return updated
    }

    package func recordFailure(_ id: UUID, location: String, type: String, message: String, at time: Date) async throws {
        try await tx.query(
            """
            INSERT INTO lake_import_failures (import_id, location, status, error_type, error_message, last_updated)
            VALUES (\(id), \(location), 'FAILED', \(type), \(message), \(time))
            ON CONFLICT (import_id, location) DO UPDATE SET error_type = excluded.error_type, error_message = excluded.error_message,
                last_updated = excluded.last_updated
            """)
    }

    package func failures(_ id: UUID) async throws -> [(location: String, status: String, type: String, message: String, updated: Date)] {
        var out: [(location: String, status: String, type: String, message: String, updated: Date)] = []
        let rows = try await tx.query(
            "SELECT location, status, error_type, error_message, last_updated FROM lake_import_failures WHERE import_id = \(id) ORDER BY location")
        for try await (l, s, t, m, u) in rows.decode((String, String, String, String, Date).self) { out.append((l, s, t, m, u)) }
        return out
    }

    private func records(_ q: PostgresQuery) async throws -> [LakeImportRecord] {
        var out: [LakeImportRecord] = []
        for try await row in try await tx.query(q) {
            let r = row.makeRandomAccess()
            var i = LakeImportRecord(
                id: try r["id"].decode(UUID.self), account: try r["account_id"].decode(String.self), region: try r["region"].decode(String.self),
                storeId: try r["store_id"].decode(UUID.self), destination: try r["destination"].decode(String.self),
                sourceURI: try r["source_uri"].decode(String.self), sourceRegion: try r["source_region"].decode(String.self),
                roleArn: try r["role_arn"].decode(String.self), startEventTime: try r["start_event_time"].decode(Date?.self),
                endEventTime: try r["end_event_time"].decode(Date?.self), status: try r["status"].decode(String.self),
                created: try r["created_at"].decode(Date.self), updated: try r["updated_at"].decode(Date.self))
            i.prefixesFound = try r["prefixes_found"].decode(Int64.self)
            i.prefixesCompleted = try r["prefixes_completed"].decode(Int64.self)
            i.filesCompleted = try r["files_completed"].decode(Int64.self)
            i.eventsCompleted = try r["events_completed"].decode(Int64.self)
            i.failedEntries = try r["failed_entries"].decode(Int64.self)
            out.append(i)
        }
        return out
    }
}
