import CairnCore
import CairnStore
import Foundation
import Logging

/// Runs queued Lake queries, one at a time per process, oldest first; several processes share the queue
/// (a query is claimed with SKIP LOCKED). The statement is compiled again against the stores as they are
/// now, and run on the Lake pool (`lakeStore`: its own connections, or a streaming replica when
/// DATABASE_READ_URL names one) as the role that may read only the event log.
struct LakeQueryWorker: Sendable {
    let store: Store
    let lakeStore: Store
    let timeoutSeconds: Int
    let logger: Logger
    /// Where DeliveryS3Uri's buckets are: the trail delivery's buckets.
    var buckets: LogBuckets? = nil
    /// Rows a query may return before it fails as too large (AWS's "Query response is too large").
    var maximumRows = LakeQueryLimits.maximumRows

    /// Runs every query waiting now; returns how many ran.
    @discardableResult
    func runQueued() async throws -> Int {
        var ran = 0
        while let query = try await store.transaction(logger: logger, { tx in try await tx.lakeQueries.claimNext() }) {
            try await run(query)
            ran += 1
        }
        return ran
    }

    /// Queries left RUNNING by a process that died: past the timeout and a minute, they can no longer finish.
    func failAbandoned(now: Date = Date()) async throws {
        try await store.transaction(logger: logger) { tx in
            try await tx.lakeQueries.failAbandoned(startedBefore: now.addingTimeInterval(-Double(timeoutSeconds) - 60))
        }
    }

    /// Delivers a finished query's results; AWS delivers nothing for a query that failed or timed out.
    func deliver(_ query: LakeQueryRecord, rows: [[String?]]) async -> String {
        guard query.status == .finished, let buckets else { return "FAILED" }
        do {
            let signer = try await store.transaction(logger: logger) { tx in
                try await DigestSigner.forRegion(query.region, in: tx, now: query.finished ?? Date())
            }
            try await LakeResultDelivery(buckets: buckets).deliver(
                query, columns: query.columns, rows: rows, completed: query.finished ?? Date(), signer: signer)
            return "SUCCESS"
        } catch let error as LogBucketError where error.code == "AccessDenied" {
            return "ACCESS_DENIED"
        } catch let error as LogBucketError where error.code == "NoSuchBucket" {
            return "RESOURCE_NOT_FOUND"
        } catch {
            logger.warning("lake results not delivered", metadata: ["query": "\(query.id)", "error": "\(String(reflecting: error))"])
            return "FAILED"
        }
    }

    func run(_ claimed: LakeQueryRecord) async throws {
        var query = claimed
        let started = ContinuousClock.now
        var rows: [[String?]] = []
        do {
            let parsed = try LakeQuery.parse(query.statement)
            let bound = try await store.read(logger: logger) { tx in
                try await LakeStoreBindings.find(parsed.storeIDs, account: query.storeOwner, region: query.region, now: Date(), tx: tx)
            }
            let compiled = try parsed.compile(stores: bound.bindings)
            // While the statement runs, a watcher repeats CancelQuery's interruption every quarter second once the query
            // reads CANCELLED: a cancel that lands before the statement has started (between the transaction's settings)
            // would otherwise be lost, and CancelQuery itself, on the primary, cannot reach a statement on a replica.
            let outcome = try await withThrowingTaskGroup(of: LakeQueryExecution.Outcome?.self) { group in
                group.addTask {
                    try await lakeStore.transaction(logger: logger) { tx in
                        try await tx.lakeExecution.run(
                            compiled, accounts: bound.accounts.sorted(), stores: bound.stores.map(\.id), timeoutSeconds: timeoutSeconds,
                            maximumRows: maximumRows
                        ) { pid, server in
                            try await store.transaction(logger: logger) { tx in
                                try await tx.lakeQueries.noteBackend(claimed.id, pid: pid, server: server)
                            }
                        }
                    }
                }
                group.addTask {
                    // On the Lake pool's own server, which is where the statement runs (a replica, when one is named).
                    while !Task.isCancelled {
                        try await Task.sleep(for: .milliseconds(250))
                        try await lakeStore.read(logger: logger) { tx in try await tx.lakeQueries.interrupt(claimed.id) }
                    }
                    return nil
                }
                defer { group.cancelAll() }
                while let next = try await group.next() {
                    if let outcome = next { return outcome }
                }
                throw CancellationError()
            }
            try await store.transaction(logger: logger) { tx in try await tx.lakeQueries.noteBackend(claimed.id, pid: nil) }
            rows = outcome.rows
            query.status = .finished
            query.columns = compiled.columns
            query.resultCount = Int64(rows.count)
            query.eventsMatched = Int64(rows.count)
            query.eventsScanned = outcome.eventsScanned
            query.bytesScanned = outcome.bytesScanned
        } catch LakeQueryExecution.Failure.timedOut {
            // Also what CancelQuery's interruption looks like; the query is then CANCELLED, and finish() keeps that.
            query.status = .timedOut
            query.errorMessage = "Query exceeded the maximum run time of \(timeoutSeconds) seconds."
        } catch LakeQueryExecution.Failure.tooLarge {
            query.status = .failed
            query.errorMessage = "Query response is too large: it returned more than \(maximumRows) rows."
        } catch LakeQueryExecution.Failure.refused(let message) {
            query.status = .failed
            query.errorMessage = message
        } catch let error as LakeQueryError {
            query.status = .failed
            query.errorMessage = error.message
        } catch let error as ServiceError {
            query.status = .failed
            query.errorMessage = error.message
        } catch {
            logger.warning("lake query failed", metadata: ["query": "\(query.id)", "error": "\(String(reflecting: error))"])
            query.status = .failed
            query.errorMessage = "Query exhausted resources or failed unexpectedly; narrow the eventTime range and retry."
        }
        query.executionMillis =
            Int64((ContinuousClock.now - started).components.seconds * 1000)
            + Int64((ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000_000)
        query.finished = Date()
        if query.deliveryS3Uri != nil {
            query.deliveryStatus = await deliver(query, rows: rows)
        }
        let finished = query
        try await store.transaction(logger: logger) { tx in try await tx.lakeQueries.finish(finished, rows: rows) }
    }
}
