import CairnCore
import CairnPolicy
package import CairnStore
import Crypto
package import Foundation
package import Logging
import NIOPosix

/// One delivery pass: route the newly committed events to the trails that take them, write log files, retry
/// what a bucket refused before, and write the digests that are due. Everything the pass decides commits in
/// one transaction after the files are durable, so a crash at any point delivers the same events again
/// (with their eventIDs) rather than losing them.
package struct TrailDelivery: Sendable {
    package let store: Store
    package let buckets: LogBuckets
    package let digestInterval: TimeInterval
    package let webhooks: WebhookTargets
    /// Where CloudWatch Logs-style streams are written as JSON lines: STREAMS/account/region/log-group.jsonl.
    package let streamsDirectory: URL?
    package let logger: Logger
    static let eventsPerPass = 20_000
    static let recordsPerFile = 5_000

    package init(
        store: Store, buckets: LogBuckets, digestInterval: TimeInterval, webhooks: WebhookTargets = WebhookTargets(), streamsDirectory: URL? = nil,
        logger: Logger
    ) {
        self.store = store
        self.buckets = buckets
        self.digestInterval = digestInterval
        self.webhooks = webhooks
        self.streamsDirectory = streamsDirectory
        self.logger = logger
    }

    /// Runs passes until the committed events are all routed; nil when another process is delivering.
    @discardableResult
    package func deliverPending(now: @Sendable () -> Date = { Date() }) async throws -> DeliveryReport? {
        var total = DeliveryReport()
        while true {
            guard let pass = try await deliverOnce(now: now()) else { return total.eventsRead == 0 ? nil : total }
            total.eventsRead += pass.eventsRead
            total.logFiles += pass.logFiles
            total.eventsDelivered += pass.eventsDelivered
            total.digests += pass.digests
            total.failures += pass.failures
            if pass.eventsRead < Self.eventsPerPass { return total }
        }
    }

    package func deliverOnce(now: Date) async throws -> DeliveryReport? {
        try await store.transaction(logger: logger) { tx in
            let horizon = try await tx.delivery.finishedHorizon()
            guard let from = try await tx.delivery.claimProgress() else { return nil }
            // Trails are read after the horizon, so a trail started meanwhile takes the events after its
            // StartLogging. A trail that stopped (or was deleted, or stopped validating) gets its final digest
            // only once the stopping transaction is below the horizon: then every event up to the stop is
            // delivered in this pass or was before, and the final digest cannot miss one.
            let (trails, retired, settled) = try await tx.trails.deliverable(horizon: horizon)
            let pass = Pass(tx: tx, now: now, retired: retired)
            var report = DeliveryReport()
            guard !trails.isEmpty else {
                if Self.isBefore(from, horizon) { try await tx.delivery.advanceProgress(to: horizon) }
                return report
            }
            let (events, next) = try await tx.delivery.events(from: from, before: horizon, limit: Self.eventsPerPass)
            report.eventsRead = events.count
            // (A pass cut short by its event limit has not reached the horizon: no final digest yet.)
            let reachedHorizon = !Self.isBefore(next, horizon)
            let stoppedBefore = Set(
                trails.filter { (!$0.status.isLogging || !$0.settings.logFileValidationEnabled) && settled.contains($0.id) && reachedHorizon }
                    .map(\.id))
            let members = try await tx.delivery.members(of: Set(trails.compactMap(\.organizationId)))
            let byId = Dictionary(uniqueKeysWithValues: trails.map { ($0.id, $0) })
            for batch in DeliveryRouting.route(events, to: trails, members: members) {
                guard let trail = byId[batch.trailId] else { continue }
                try await deliver(batch, of: trail, in: pass, report: &report, retrying: false)
            }
            for trailId in try await tx.delivery.trailsWithBacklog() {
                guard let trail = byId[trailId] else { continue }
                let owed = try await tx.delivery.backlog(trailId: trailId, limit: Self.eventsPerPass)
                for batch in Self.group(owed, trailId: trailId) {
                    try await deliver(batch, of: trail, in: pass, report: &report, retrying: true)
                }
            }
            let owing = try await tx.delivery.trailsWithBacklog()
            let chains = try await tx.digests.openChains()
            var signers: [String: DigestSigner] = [:]
            for trail in trails {
                let stillOpen = try await writeDigests(
                    of: trail, chains: chains[trail.id] ?? [], final: stoppedBefore.contains(trail.id), in: pass, signers: &signers,
                    report: &report)
                // A deleted trail is forgotten once it owes nothing: every event delivered, its final digest written.
                if retired.contains(trail.id), stoppedBefore.contains(trail.id), !owing.contains(trail.id), !stillOpen {
                    try await tx.trails.forgetRetired(trail.id)
                }
            }
            if Self.isBefore(from, next) { try await tx.delivery.advanceProgress(to: next) }
            return report
        }
    }

    /// What every step of one pass shares.
    struct Pass {
        let tx: Transaction
        let now: Date
        /// Deleted trails still delivering: they have no status rows to update.
        let retired: Set<Int64>

        func recordDelivery(_ trail: TrailRecord, region: String, error: String?) async throws {
            guard !retired.contains(trail.id) else { return }
            try await tx.trails.recordDelivery(trailId: trail.id, region: region, at: now, error: error)
        }

        func recordDigestDelivery(_ trail: TrailRecord, region: String, error: String?) async throws {
            guard !retired.contains(trail.id) else { return }
            try await tx.digests.recordDigestDelivery(trailId: trail.id, region: region, at: now, error: error)
        }
    }

    // MARK: Log files

    private func deliver(_ batch: LogFileBatch, of trail: TrailRecord, in pass: Pass, report: inout DeliveryReport, retrying: Bool) async throws {
        let (tx, now) = (pass.tx, pass.now)
        let bucketName = trail.settings.s3BucketName
        let bucket = buckets.bucket(bucketName)
        let layout = LogFileLayout(keyPrefix: trail.settings.s3KeyPrefix, organizationId: trail.organizationId)
        var files: [(DigestRepository.LogFileRow, Int)] = []
        do {
            var generator = SystemRandomNumberGenerator()
            var start = batch.events.startIndex
            while start < batch.events.endIndex {
                let end = min(start + Self.recordsPerFile, batch.events.endIndex)
                let chunk = batch.events[start..<end]
                // Building and compressing a file of up to 5,000 records is the pass's longest stretch of CPU; it
                // runs on NIO's thread pool, not on an event loop whose connections would wait for it.
                let (document, compressed) = try await NIOThreadPool.singleton.runIfActive {
                    let document = Data(LogFileBatch.document(chunk).utf8)
                    return (document, try Gzip.compress(document))
                }
                let key = layout.logFileKey(
                    account: batch.accountId, region: batch.region, deliveredAt: now, unique: LogFileLayout.uniqueSuffix(using: &generator),
                    kind: batch.kind)
                try await bucket.put(key: key, body: try await Self.stored(compressed, for: trail, in: tx), metadata: [:])
                let times = chunk.map(\.time)
                files.append(
                    (
                        DigestRepository.LogFileRow(
                            bucket: bucketName, key: key, sha256: Hexadecimal.string(SHA256.hash(data: document)),
                            oldest: times.min()!, newest: times.max()!), chunk.count
                    ))
                start = end
            }
        } catch {
            report.failures += 1
            let message = (error as? LogBucketError)?.code ?? "InternalFailure"
            logger.warning(
                "log file delivery failed; the events wait in the trail's backlog",
                metadata: ["trail": "\(trail.arn)", "bucket": "\(bucketName)", "error": "\(error)"])
            try await pass.recordDelivery(trail, region: batch.region, error: message)
            if !retrying { try await tx.delivery.addBacklog(trailId: trail.id, batch.events) }
            return
        }
        // A validated trail's files await a digest even when it has just stopped: its final digest lists them.
        // Digests cover the CloudTrail/ log files; Insights files are not digested (docs/insights.md).
        let validated = trail.settings.logFileValidationEnabled && batch.kind != LogFileBatch.insightKind
        for (file, count) in files {
            try await tx.digests.recordLogFile(
                trailId: trail.id, accountId: batch.accountId, region: batch.region, file: file, eventCount: count, deliveredAt: now,
                awaitingDigest: validated)
        }
        report.logFiles += files.count
        report.eventsDelivered += batch.events.count
        try await pass.recordDelivery(trail, region: batch.region, error: nil)
        if retrying { try await tx.delivery.removeBacklog(trailId: trail.id, batch.events) }
        try await announce(batch, keys: files.map(\.0.key), of: trail, in: pass)
        if validated && trail.status.isLogging {
            try await tx.digests.openChain(trailId: trail.id, accountId: batch.accountId, region: batch.region, since: now)
        }
    }

    // MARK: Notifications and streams

    /// After a batch's files are stored: a notification for its topic, and its events to the trail's stream
    /// (JSON lines on disk, and the stream webhook if one is configured). Webhook messages go through the
    /// outbox, inside this pass's transaction.
    private func announce(_ batch: LogFileBatch, keys: [String], of trail: TrailRecord, in pass: Pass) async throws {
        let tx = pass.tx
        let live = !pass.retired.contains(trail.id)
        if let topic = trail.settings.snsTopicARN {
            if webhooks.endpoint(kind: "notification", target: topic) != nil {
                let body = try DeliveryMessages.notification(
                    topicArn: topic, bucket: trail.settings.s3BucketName, keys: keys, messageId: UUID(), at: pass.now)
                try await tx.outbox.add(trailId: trail.id, region: batch.region, kind: "notification", target: topic, body: body)
            } else if live {
                try await tx.outbox.recordOutcome(
                    trailId: trail.id, region: batch.region, kind: "notification", at: pass.now, error: "NoWebhookConfigured")
            }
        }
        guard let group = trail.settings.cloudWatchLogsLogGroupArn else { return }
        var failure: String? = nil
        if let streamsDirectory, let file = Self.streamFile(group, under: streamsDirectory) {
            do {
                try Self.append(DeliveryMessages.jsonLines(batch.events), to: file)
            } catch {
                logger.warning("stream file append failed", metadata: ["file": "\(file.path)", "error": "\(error)"])
                failure = "StreamFileUnwritable"
            }
        }
        if webhooks.endpoint(kind: "stream", target: group) != nil {
            try await tx.outbox.add(
                trailId: trail.id, region: batch.region, kind: "stream", target: group, body: DeliveryMessages.streamBatch(batch.events))
        }
        if live { try await tx.outbox.recordOutcome(trailId: trail.id, region: batch.region, kind: "stream", at: pass.now, error: failure) }
    }

    /// STREAMS/account/region/group.jsonl, `/` in the group name becoming `_`; nil for a malformed ARN.
    static func streamFile(_ logGroupArn: String, under root: URL) -> URL? {
        let parts = WebhookTargets.logGroupKey(logGroupArn).split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        guard parts.count == 7, parts[5] == "log-group" else { return nil }
        let name = parts[6].replacingOccurrences(of: "/", with: "_")
        return root.appendingPathComponent(String(parts[4])).appendingPathComponent(String(parts[3])).appendingPathComponent(name + ".jsonl")
    }

    /// Appends and flushes to disk before the pass commits; a crash before the commit repeats the lines (each
    /// with its eventID), never drops them.
    static func append(_ text: String, to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: file.path) {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw LogBucketError(code: "AccessDenied", detail: file.path)
            }
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.synchronize()
    }

    // MARK: Digests

    /// A chain's next digest is due once its interval has passed; a trail that stopped logging, or turned
    /// validation off, gets its final digest at once and its chain closes.
    /// Returns whether a chain of the trail is still open afterwards (a final digest its bucket refused).
    private func writeDigests(
        of trail: TrailRecord, chains: [DigestRepository.Chain], final: Bool, in pass: Pass, signers: inout [String: DigestSigner],
        report: inout DeliveryReport
    ) async throws -> Bool {
        let (tx, now) = (pass.tx, pass.now)
        var stillOpen = false
        // A digest ends on a whole second at or after `now` (its name and digestEndTime have seconds), and at
        // least a second after the previous digest of its trail, account and region, so none is written over.
        for chain in chains {
            guard final || now.timeIntervalSince(chain.coveredThrough) >= max(digestInterval, 1) else {
                stillOpen = true
                continue
            }
            let end = max(
                Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.up)),
                chain.lastEnd.map { $0.addingTimeInterval(1) } ?? .distantPast)
            do {
                // One key read and opened per region and pass, however many chains sign with it.
                let signer: DigestSigner
                if let known = signers[chain.region] {
                    signer = known
                } else {
                    signer = try await DigestSigner.forRegion(chain.region, in: tx, now: now)
                    signers[chain.region] = signer
                }
                let newest = try await writeDigest(of: trail, chain: chain, signedBy: signer, in: tx, end: end)
                try await tx.digests.extendChain(chain, through: end, newest: newest, closing: final)
                try await pass.recordDigestDelivery(trail, region: chain.region, error: nil)
                report.digests += 1
                if !final { stillOpen = true }
            } catch let error as LogBucketError {
                report.failures += 1
                stillOpen = true
                logger.warning("digest delivery failed; retried next pass", metadata: ["trail": "\(trail.arn)", "error": "\(error)"])
                try await pass.recordDigestDelivery(trail, region: chain.region, error: error.code)
            }
        }
        return stillOpen
    }

    private func writeDigest(
        of trail: TrailRecord, chain: DigestRepository.Chain, signedBy signer: DigestSigner, in tx: Transaction, end now: Date
    ) async throws -> DigestFile.Previous {
        let pending = try await tx.digests.undigestedLogFiles(trailId: trail.id, accountId: chain.accountId, region: chain.region)
        let files = pending.map(\.file)
        let bucketName = trail.settings.s3BucketName
        let layout = LogFileLayout(keyPrefix: trail.settings.s3KeyPrefix, organizationId: trail.organizationId)
        let key = layout.digestKey(
            account: chain.accountId, region: chain.region, trailName: trail.arn.name.value, homeRegion: trail.arn.region, endTime: now)
        let digest = DigestFile(
            awsAccountId: chain.accountId, digestStartTime: chain.coveredThrough, digestEndTime: now, digestS3Bucket: bucketName,
            digestS3Object: key, digestPublicKeyFingerprint: signer.fingerprint, previous: chain.previous,
            logFiles: files.map {
                DigestFile.LogFile(
                    s3Bucket: $0.bucket, s3Object: $0.key, hashValue: $0.sha256, newestEventTime: $0.newest, oldestEventTime: $0.oldest)
            },
            newestEventTime: files.map(\.newest).max(), oldestEventTime: files.map(\.oldest).min())
        let content = try JSONEncoder().encode(digest)
        let hash = Hexadecimal.string(SHA256.hash(data: content))
        let signature = try signer.sign(
            DigestFile.stringToSign(endTime: now, bucket: bucketName, key: key, contentSHA256: hash, previousSignature: chain.previous?.signature))
        try await buckets.bucket(bucketName).put(
            key: key, body: try await Self.stored(try Gzip.compress(content), for: trail, in: tx),
            metadata: ["signature": signature, "signature-algorithm": DigestFile.signatureAlgorithm])
        try await tx.digests.markDigested(pending.map(\.id))
        return DigestFile.Previous(bucket: bucketName, key: key, hash: hash, signature: signature)
    }

    // MARK: Helpers

    /// A file as it is stored: sealed in an envelope when the trail names a KMS key.
    static func stored(_ gzip: Data, for trail: TrailRecord, in tx: Transaction) async throws -> Data {
        guard let keyArn = trail.settings.kmsKeyId else { return gzip }
        return try FileEnvelope.seal(gzip, keyArn: keyArn, with: try await tx.kmsKeys.key(for: keyArn))
    }

    static func group(_ events: [PendingEvent], trailId: Int64) -> [LogFileBatch] {
        var batches: [String: LogFileBatch] = [:]
        var order: [String] = []
        for event in events {
            let kind = LogFileBatch.kind(of: event)
            let key = event.accountId + "/" + event.region + "/" + kind
            if batches[key] == nil {
                batches[key] = LogFileBatch(trailId: trailId, accountId: event.accountId, region: event.region, kind: kind, events: [])
                order.append(key)
            }
            batches[key]!.events.append(event)
        }
        return order.map { batches[$0]! }
    }

    /// xid8 values arrive as decimal text.
    static func isBefore(_ a: String, _ b: String) -> Bool {
        (UInt64(a) ?? 0) < (UInt64(b) ?? 0)
    }
}
