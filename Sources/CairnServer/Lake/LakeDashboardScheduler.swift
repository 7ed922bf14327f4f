import CairnCore
import CairnStore
import Foundation
import Logging

/// Refreshes dashboards on their RefreshSchedule, as CloudTrail does: as the service `cloudtrail.amazonaws.com`,
/// only when the dashboard's resource-based policy lets CloudTrail call StartDashboardRefresh on it and each store
/// a widget reads lets CloudTrail call StartQuery. A refresh it may not start is noted as the dashboard's
/// LastRefreshFailureReason and tried again at the next due time. Each dashboard is claimed with SKIP LOCKED, so
/// two processes never start the same refresh.
struct LakeDashboardScheduler: Sendable {
    let store: Store
    let logger: Logger

    /// Starts every refresh due at `now`; how many started.
    @discardableResult
    func refreshDue(now: Date = Date()) async throws -> Int {
        let scheduled = try await store.read(logger: logger) { tx in try await tx.lakeDashboards.scheduled() }
        var started = 0
        for d in scheduled where LakeRefreshTiming.isDue(d, now: now) {
            if try await refresh(d.id, now: now) { started += 1 }
        }
        return started
    }

    private func refresh(_ id: UUID, now: Date) async throws -> Bool {
        try await store.transaction(logger: logger) { tx in
            guard var d = try await tx.lakeDashboards.claim(id), LakeRefreshTiming.isDue(d, now: now) else { return false }
            d.scheduledRefresh = now
            do {
                let planned = try await permittedPlan(d, now: now, tx: tx)
                d.lastRefreshFailure = nil
                _ = try await LakeDashboardOperations.start(&d, planned, now: now, tx: tx)
                return true
            } catch let error as ServiceError {
                d.lastRefreshFailure = error.message
                try await tx.lakeDashboards.update(d)
                logger.info("scheduled dashboard refresh refused", metadata: ["dashboard": "\(d.arn)", "reason": "\(error.message)"])
                return false
            }
        }
    }

    /// The refresh's queries, once CloudTrail is allowed to start it and to query every store it reads.
    private func permittedPlan(_ d: LakeDashboardRecord, now: Date, tx: Transaction) async throws -> [LakeDashboardOperations.PlannedQuery] {
        let refresh = OperationCatalogue.Lake.startDashboardRefresh.action, query = OperationCatalogue.Lake.startQuery.action
        guard
            CloudTrailResourcePolicyRules.allowsCloudTrail(
                refresh, on: d.arn, account: d.account, policy: d.resourcePolicy, sourceArn: d.arn)
        else {
            throw Self.refused(
                "the dashboard's resource-based policy does not allow \(CloudTrailResourcePolicyRules.cloudTrailService) to call \(refresh)")
        }
        let planned = try await LakeDashboardOperations.plan(d, values: [:], now: now, tx: tx)
        for store in planned.flatMap(\.stores)
        where !CloudTrailResourcePolicyRules.allowsCloudTrail(
            query, on: store.arn, account: d.account, policy: store.resourcePolicy, sourceArn: d.arn)
        {
            throw Self.refused(
                "the resource-based policy of event data store \(store.arn) does not allow \(CloudTrailResourcePolicyRules.cloudTrailService) to call \(query)"
            )
        }
        return planned
    }

    static func refused(_ why: String) -> ServiceError {
        ServiceError(code: "AccessDeniedException", status: 400, message: "The scheduled refresh could not start: \(why).")
    }
}
