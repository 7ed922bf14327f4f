import CairnCore
import CairnStore
import Foundation
import Logging

/// Copies queued imports' trail log files into their stores, one import at a time per process (claimed with SKIP
/// LOCKED, so several processes share the queue). Files are read from the trail delivery's buckets — Cairn's own
/// delivered files included, encrypted ones opened with their KMS key — one at a time, each file's events written
/// in one transaction with the import's progress, so a stop or a crash loses at most the file being copied, which
/// a retry copies again (an event already copied is kept once).
struct LakeImportWorker: Sendable {
    let store: Store
    let buckets: LogBuckets
    let logger: Logger

    @discardableResult
    func runQueued() async throws -> Int {
        var ran = 0
        while let claimed = try await store.transaction(logger: logger, { tx in try await tx.lakeImports.claimNext(at: Date()) }) {
            try await run(claimed)
            ran += 1
        }
        return ran
    }

    func run(_ claimed: LakeImportRecord) async throws {
        var i = claimed
        let (bucketName, prefix) = try LakeResultDelivery.target(i.sourceURI)
        let bucket = buckets.bucket(bucketName)
        let target = try await store.read(logger: logger) { tx in try await tx.eventDataStores.find(i.storeId, account: i.account, region: i.region) }
        guard let target else {
            i.status = "FAILED"
            _ = try await store.transaction(logger: logger) { [i] tx in try await tx.lakeImports.progress(i) }
            return
        }
        let oldest = Date().addingTimeInterval(-Double(target.retentionDays) * 86_400)
        let keys: [String]
        do {
            keys = try await bucket.list(prefix: prefix.isEmpty ? "" : prefix + "/").filter(LakeImportFiles.isLogFile)
        } catch {
            try await fail(&i, location: i.sourceURI, type: "S3Error", message: "The source could not be listed: \(error)")
            i.status = "FAILED"
            _ = try await store.transaction(logger: logger) { [i] tx in try await tx.lakeImports.progress(i) }
            return
        }
        let chosen = keys.filter { key in
            guard let day = LakeImportFiles.day(of: key) else { return true }
            return LakeImportFiles.overlaps(day: day, start: i.startEventTime, end: i.endEventTime)
        }
        let folders = Set(chosen.map { $0.split(separator: "/").dropLast().joined(separator: "/") })
        i.prefixesFound = Int64(folders.count)
        i.updated = Date()
        guard try await store.transaction(logger: logger, { [i] tx in try await tx.lakeImports.progress(i) }) else { return }
        let kmsKeys = try await store.read(logger: logger) { tx in try await tx.kmsKeys.all() }
        var done = Set<String>()
        for key in chosen {
            let location = "s3://\(bucketName)/\(key)"
            var events: [LakeImportRepository.ImportedEvent] = []
            do {
                guard var data = try await bucket.get(key: key)?.body else { throw LogBucketError(code: "NoSuchKey", detail: "the file is gone") }
                if FileEnvelope.isSealed(data) { data = try FileEnvelope.open(data, keys: kmsKeys) }
                if key.hasSuffix(".gz") { data = try Gzip.decompress(data) }
                events = try Self.events(in: data, from: i.startEventTime, to: i.endEventTime, oldest: oldest)
            } catch {
                try await fail(&i, location: location, type: "FileError", message: "\(error)")
                continue
            }
            i.filesCompleted += 1
            i.eventsCompleted += Int64(events.count)
            let folder = key.split(separator: "/").dropLast().joined(separator: "/")
            done.insert(folder)
            i.prefixesCompleted = Int64(done.count)
            i.updated = Date()
            let progress = i
            guard try await store.transaction(logger: logger, { tx in try await tx.lakeImports.copy(events, into: i.storeId, progress: progress) })
            else { return }  // stopped meanwhile
        }
        i.status = "COMPLETED"
        i.updated = Date()
        _ = try await store.transaction(logger: logger) { [i] tx in try await tx.lakeImports.progress(i) }
    }

    private func fail(_ i: inout LakeImportRecord, location: String, type: String, message: String) async throws {
        i.failedEntries += 1
        let id = i.id
        try await store.transaction(logger: logger) { tx in
            try await tx.lakeImports.recordFailure(id, location: location, type: type, message: String(message.prefix(1000)), at: Date())
        }
    }

    /// The events of one trail log file (`{"Records": [...]}`) inside the import's bounds and the store's retention.
    static func events(in data: Data, from start: Date?, to end: Date?, oldest: Date) throws -> [LakeImportRepository.ImportedEvent] {
        guard let top = try JSONSerialization.jsonObject(with: data) as? [String: Any], let records = top["Records"] as? [[String: Any]] else {
            throw LogBucketError(code: "InvalidLogFile", detail: "not a CloudTrail log file: no Records")
        }
        var out: [LakeImportRepository.ImportedEvent] = []
        for r in records {
            guard let id = r["eventID"] as? String, let timeText = r["eventTime"] as? String, let time = UTCTimestamp.parse(timeText),
                let source = r["eventSource"] as? String, let name = r["eventName"] as? String
            else { continue }
            if time < oldest { continue }
            if let start, time < start { continue }
            if let end, time > end { continue }
            let identity = r["userIdentity"] as? [String: Any]
            let account = (r["recipientAccountId"] as? String) ?? (identity?["accountId"] as? String) ?? ""
            let text = String(decoding: try JSONSerialization.data(withJSONObject: r), as: UTF8.self)
            out.append(
                .init(
                    eventId: id, time: time, account: account, region: (r["awsRegion"] as? String) ?? "", source: source, name: name,
                    readOnly: (r["readOnly"] as? Bool) ?? false, username: identity?["userName"] as? String,
                    accessKeyId: identity?["accessKeyId"] as? String, category: (r["eventCategory"] as? String) ?? "Management",
                    errorCode: r["errorCode"] as? String, record: text))
        }
        return out
    }
}
