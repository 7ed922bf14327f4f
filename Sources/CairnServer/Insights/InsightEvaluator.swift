import CairnCore
package import CairnStore
package import Foundation
package import Logging

/// CloudTrail Insights over management events (docs/insights.md). Each pass recounts the newest buckets from the
/// event log, then evaluates every bucket completed since the last pass, in order: an API whose bucket count is
/// unusual against its baseline (InsightThreshold) starts an Insight, recorded as a Start event; an Insight whose
/// API is back under the mark ends with an End event. One pass at a time across processes holds the progress row;
/// its Insights, their events and the progress commit together.
package struct InsightEvaluator: Sendable {
    let store: Store
    /// How far back the baseline reaches (CAIRN_INSIGHTS_BASELINE_SECONDS, AWS: 7 days).
    let baselineSeconds: Int
    /// The bucket and evaluation interval (CAIRN_INSIGHTS_INTERVAL_SECONDS).
    let intervalSeconds: Int
    let logger: Logger

    /// A pass far behind (the service was stopped) evaluates only the newest buckets: Insights are about now.
    static let maximumBucketsPerPass = 60

    package struct Report: Sendable, Equatable {
        package var bucketsEvaluated = 0
        package var started = 0
        package var ended = 0
    }

    package init(store: Store, baselineSeconds: Int, intervalSeconds: Int, logger: Logger) {
        self.store = store
        self.baselineSeconds = baselineSeconds
        self.intervalSeconds = intervalSeconds
        self.logger = logger
    }

    /// The API an Insight is about.
    private struct Key: Hashable {
        let account: String
        let region: String
        let kind: InsightKind
        let eventSource: String
        let eventName: String
        let errorCode: String
    }

    package func evaluate(now: Date = Date()) async throws -> Report {
        try await store.transaction(logger: logger) { tx in
            let interval = Double(intervalSeconds)
            let done = try await tx.insights.lockProgress().timeIntervalSince1970
            // A bucket is evaluated once it has ended and the calls in it have had time to commit.
            let newestEnd = ((now.timeIntervalSince1970 - min(5, interval / 2)) / interval).rounded(.down) * interval
            var end = (done / interval).rounded(.down) * interval + interval
            guard end <= newestEnd else { return Report() }
            end = max(end, newestEnd - interval * Double(Self.maximumBucketsPerPass - 1))
            try await tx.insights.recount(
                from: Date(timeIntervalSince1970: end - 3 * interval), to: Date(timeIntervalSince1970: newestEnd), interval: intervalSeconds)
            let trails = try await tx.trails.insightTrails()
            let members = try await tx.delivery.members(of: Set(trails.compactMap(\.organizationId)))
            var stores: [InsightCoverage.StoreSource] = []
            for store in try await tx.eventDataStores.insightSources() {
                let accounts = store.organizationEnabled ? try await tx.eventDataStores.organizationAccounts(of: store.account) : [store.account]
                stores.append(InsightCoverage.StoreSource(store: store, accounts: Set(accounts)))
            }
            let coverage = InsightCoverage(trails: trails, members: members, stores: stores)
            var report = Report()
            while end <= newestEnd {
                try await evaluate(bucketEnding: Date(timeIntervalSince1970: end), tx, coverage, &report)
                end += interval
            }
            try await tx.insights.setProgress(Date(timeIntervalSince1970: newestEnd))
            return report
        }
    }

    /// Counts the whole baseline window from the event log, a day at a time (one transaction each): for an
    /// installation whose history predates Insights, so baselines start from it rather than from nothing.
    /// Returns the number of days counted.
    package func backfill(now: Date = Date()) async throws -> Int {
        let interval = Double(intervalSeconds)
        let end = (now.timeIntervalSince1970 / interval).rounded(.down) * interval
        var from = ((end - Double(baselineSeconds)) / interval).rounded(.down) * interval
        var days = 0
        while from < end {
            let to = min(end, from + (86_400 / interval).rounded(.down) * interval)
            try await store.transaction(logger: logger) { tx in
                try await tx.insights.recount(
                    from: Date(timeIntervalSince1970: from), to: Date(timeIntervalSince1970: to), interval: intervalSeconds)
            }
            from = to
            days += 1
        }
        return days
    }

    private func evaluate(bucketEnding end: Date, _ tx: Transaction, _ coverage: InsightCoverage, _ report: inout Report) async throws {
        report.bucketsEvaluated += 1
        let interval = Double(intervalSeconds)
        let start = end.addingTimeInterval(-interval)
        var current: [Key: Int] = [:]
        for c in try await tx.insights.counts(bucket: start) {
            if c.writes > 0 {
                current[
                    Key(account: c.account, region: c.region, kind: .apiCallRate, eventSource: c.eventSource, eventName: c.eventName, errorCode: ""),
                    default: 0] +=
                    c.writes
            }
            if !c.errorCode.isEmpty {
                current[
                    Key(
                        account: c.account, region: c.region, kind: .apiErrorRate, eventSource: c.eventSource, eventName: c.eventName,
                        errorCode: c.errorCode),
                    default: 0] += c.calls
            }
        }
        var open: [Key: InsightRepository.Open] = [:]
        for o in try await tx.insights.openInsights() {
            open[
                Key(account: o.account, region: o.region, kind: o.kind, eventSource: o.eventSource, eventName: o.eventName, errorCode: o.errorCode)] =
                o
        }
        // Insights under way: each goes on while its API stays at or above the mark it started against.
        for (key, o) in open {
            let count = Double(current[key] ?? 0)
            let expected = o.baselineAverage * interval / 60
            if InsightThreshold.isUnusual(count: count, expected: expected)
                && coverage.covers(account: key.account, region: key.region, eventSource: key.eventSource, kind: key.kind)
            {
                continue
            }
            try await finish(o, key, at: start, tx)
            report.ended += 1
        }
        // New ones: only APIs busy enough to reach the smallest mark are worth a baseline query.
        for (key, count) in current.sorted(by: { $0.value > $1.value }) where open[key] == nil {
            guard Double(count) >= InsightThreshold.minimumCalls,
                coverage.covers(account: key.account, region: key.region, eventSource: key.eventSource, kind: key.kind)
            else { continue }
            let from = start.addingTimeInterval(-Double(baselineSeconds))
            let total = try await tx.insights.total(
                account: key.account, region: key.region, eventSource: key.eventSource, eventName: key.eventName, kind: key.kind,
                errorCode: key.errorCode, from: from, to: start)
            let expected = Double(total) * interval / Double(baselineSeconds)
            guard InsightThreshold.isUnusual(count: Double(count), expected: expected) else { continue }
            let o = InsightRepository.Open(
                id: UUID(), account: key.account, region: key.region, kind: key.kind, eventSource: key.eventSource, eventName: key.eventName,
                errorCode: key.errorCode, startedAt: start, baselineAverage: expected * 60 / interval, baselineMinutes: baselineSeconds / 60)
            let rate = Double(count) * 60 / interval
            try await tx.insights.start(o, startAverage: rate)
            let attributed = try await attributions(o, key, window: start..<end, tx)
            try await tx.insights.record(
                record(o, key, state: .start, time: start, insightAverage: rate, insightMinutes: nil, attributions: attributed))
            report.started += 1
        }
    }

    private func finish(_ o: InsightRepository.Open, _ key: Key, at end: Date, _ tx: Transaction) async throws {
        let minutes = max(end.timeIntervalSince(o.startedAt) / 60, Double(intervalSeconds) / 60)
        let total = try await tx.insights.total(
            account: key.account, region: key.region, eventSource: key.eventSource, eventName: key.eventName, kind: key.kind,
            errorCode: key.errorCode, from: o.startedAt, to: end)
        try await tx.insights.end(o.id, at: end)
        let window = o.startedAt..<max(end, o.startedAt.addingTimeInterval(Double(intervalSeconds)))
        let attributed = try await attributions(o, key, window: window, tx)
        try await tx.insights.record(
            record(
                o, key, state: .end, time: end, insightAverage: Double(total) / minutes, insightMinutes: Int(minutes.rounded(.up)),
                attributions: attributed))
    }

    private func record(
        _ o: InsightRepository.Open, _ key: Key, state: InsightRecord.State, time: Date, insightAverage: Double, insightMinutes: Int?,
        attributions: [InsightAttribution]
    ) -> InsightRecord {
        InsightRecord(
            eventId: UUID(), insightId: o.id, state: state, time: time, account: key.account, region: key.region, kind: key.kind,
            eventSource: key.eventSource, eventName: key.eventName, errorCode: key.errorCode.isEmpty ? nil : key.errorCode,
            baselineAverage: o.baselineAverage, insightAverage: insightAverage, baselineMinutes: o.baselineMinutes, insightMinutes: insightMinutes,
            attributions: attributions)
    }

    /// Who made the calls in the Insight's window and in the baseline before it.
    private func attributions(_ o: InsightRepository.Open, _ key: Key, window: Range<Date>, _ tx: Transaction) async throws -> [InsightAttribution] {
        func shares(_ from: Date, _ to: Date) async throws -> (identities: [String: Int], agents: [String: Int], errors: [String: Int]) {
            try await tx.insights.attributions(
                account: key.account, region: key.region, eventSource: key.eventSource, eventName: key.eventName, kind: key.kind,
                errorCode: key.errorCode, from: from, to: to)
        }
        let insight = try await shares(window.lowerBound, window.upperBound)
        let baselineStart = o.startedAt.addingTimeInterval(-Double(baselineSeconds))
        let baseline = try await shares(baselineStart, o.startedAt)
        let insightMinutes = window.upperBound.timeIntervalSince(window.lowerBound) / 60
        let baselineMinutes = Double(baselineSeconds) / 60
        return [
            InsightAttribution(
                attribute: "userIdentityArn", insight: InsightAttribution.top(insight.identities, minutes: insightMinutes),
                baseline: InsightAttribution.top(baseline.identities, minutes: baselineMinutes)),
            InsightAttribution(
                attribute: "userAgent", insight: InsightAttribution.top(insight.agents, minutes: insightMinutes),
                baseline: InsightAttribution.top(baseline.agents, minutes: baselineMinutes)),
            InsightAttribution(
                attribute: "errorCode", insight: InsightAttribution.top(insight.errors, minutes: insightMinutes),
                baseline: InsightAttribution.top(baseline.errors, minutes: baselineMinutes)),
        ]
    }
}
