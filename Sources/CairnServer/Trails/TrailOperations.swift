import CairnCore
import CairnStore
import Foundation

/// The trail operations, one typed `Operation` each, and what they share. Every operation reads the trails
/// its caller could see (its own and its organization's organization trails: one indexed query, whatever the
/// organization's size), lets CairnCore's trail rules decide, and writes inside the runner's transaction, so
/// a refusal changes nothing and still has its event.
enum TrailOperations {
    static let servicePrincipal = "cloudtrail.amazonaws.com"
    static let resourceType = "AWS::CloudTrail::Trail"
    typealias Entry = OperationCatalogue.Trails

    /// Authorizes against the trail a `Name`/`TrailName`/`ResourceId` argument names. The caller's own
    /// identity policies decide, also for an organization trail the management account owns: which trails an
    /// account may reach is CloudTrail's rule, not a cross-account resource policy.
    static func target(naming raw: String?, _ t: TargetContext) -> AuthorizationTarget? {
        target(resources: resourceARN(raw, t).map { [$0] } ?? [], t)
    }

    /// Authorizes against every ARN listed: the call is allowed only if each of them is.
    static func target(resources: [String], _ t: TargetContext) -> AuthorizationTarget? {
        guard let first = resources.first else { return nil }
        return AuthorizationTarget(
            resource: first, resourceAccount: t.facts.principal.account.value, additionalResources: Array(resources.dropFirst()))
    }

    /// The ARN a trail argument names, for authorization: an ARN as sent, a name in the caller's account and
    /// region. nil when the argument is malformed; the operation then refuses it in its body.
    static func resourceARN(_ raw: String?, _ t: TargetContext) -> String? {
        guard let raw else { return nil }
        // The tag operations also take event data stores, by ARN.
        if EventDataStoreRules.isStoreARN(raw) { return raw }
        switch try? TrailReference.parse(raw) {
        case .arn(let arn): return arn.description
        case .name(let name):
            return TrailARN(partition: t.partition, region: t.facts.region, accountId: t.facts.principal.account.value, name: name).description
        case nil: return nil
        }
    }

    /// Who is looking and the trails it could see, in one round trip: what every trail call starts with. A
    /// read takes it from memory while it is fresh; a change reads it from the database, then locks what it
    /// changes (resolveForWrite).
    static func view(_ ctx: OperationContext) async throws -> (viewer: TrailViewer, candidates: [TrailRecord]) {
        let account = ctx.facts.principal.account.value
        let read = { try await ctx.tx.trails.view(account: account, servicePrincipal: servicePrincipal) }
        let view = ctx.facts.operation.readOnly ? try await ctx.caches.trailViews.value(for: account, load: read) : try await read()
        let viewer = TrailViewer(
            partition: ctx.partition, accountId: account, region: ctx.facts.region,
            organizationId: view.organizationId, isDelegatedAdministrator: view.organizationId != nil && view.isDelegatedAdministrator)
        return (viewer, view.candidates)
    }

    /// The trail a `Name`/`TrailName` argument refers to, as the caller sees it, and the viewer. `scope` runs
    /// before the lookup, for a rule that must refuse first (a tag call's ARN outside the caller's account).
    static func resolve(
        _ raw: String?, member: String, _ operation: TrailOperation, _ ctx: OperationContext,
        checking scope: (TrailViewer) throws -> Void = { _ in }
    ) async throws -> (trail: TrailRecord, viewer: TrailViewer) {
        guard let raw else { throw ServiceError.missingParameter(member) }
        let reference = try TrailReference.parse(raw)
        let (viewer, candidates) = try await view(ctx)
        try scope(viewer)
        let trail = try TrailLookup.resolve(reference, among: candidates, footprint: \.footprint, viewer: viewer, operation: operation)
        ctx.recordResources(eventResources(trail))
        return (trail, viewer)
    }

    /// Resolves a trail for a change: checks the caller may change it from here, then locks its owner and its
    /// row so the change works on the current state.
    static func resolveForWrite(
        _ raw: String?, member: String, _ operation: TrailOperation, _ ctx: OperationContext,
        checking scope: (TrailViewer) throws -> Void = { _ in }
    ) async throws -> TrailRecord {
        let (found, viewer) = try await resolve(raw, member: member, operation, ctx, checking: scope)
        try TrailWriteCheck.check(operation, on: found.footprint, by: viewer)
        try await ctx.tx.trails.lockOwner(found.arn.accountId)
        guard let current = try await ctx.tx.trails.lock(found.id) else {
            throw ServiceError(TrailLookup.notFound(try TrailReference.parse(raw ?? ""), viewer: viewer, operation: operation))
        }
        return current
    }

    /// What an event records about the trail a call touched.
    static func eventResources(_ trail: TrailRecord) -> [EventRecord.Resource] {
        [EventRecord.Resource(ARN: trail.arn.description, accountId: trail.arn.accountId, type: resourceType)]
    }

    static func limitEntry(_ trail: TrailRecord) -> TrailLimit.Entry {
        TrailLimit.Entry(arn: trail.arn, isMultiRegionTrail: trail.settings.isMultiRegionTrail)
    }
}
