import CairnCore
import CairnStore
import Foundation

/// The trail API, one method per catalogue operation, shared by the CloudTrail JSON 1.1 door and REST. Every
/// method reads the trails its caller could see (its own and its organization's organization trails: one
/// indexed query, whatever the organization's size), lets CairnCore's trail rules decide, and writes inside
/// the OperationRunner's transaction, so a refusal changes nothing and still has its event.
struct TrailOperations: Sendable {
    let runner: OperationRunner
    static let servicePrincipal = "cloudtrail.amazonaws.com"
    static let resourceType = "AWS::CloudTrail::Trail"

    var partition: String { runner.store.partition }

    /// Runs `body` as `operation`, authorizing against the trail `naming` refers to (or every ARN in
    /// `resources`) when the request names one.
    func run<Output: Sendable>(
        _ operation: CatalogueOperation, parameters: JSONValue?, naming trail: String? = nil, resources: [String] = [],
        _ body: @escaping @Sendable (Transaction, CallFacts) async throws -> OperationRunner.Outcome<Output>
    ) async throws -> Output {
        var target: AuthorizationTarget? = nil
        let resources = trail.flatMap(resourceARN).map { [$0] } ?? resources
        if let first = resources.first, let scope = RequestScope.current {
            // The caller's own identity policies decide, also for an organization trail the management account
            // owns: which trails an account may reach is CloudTrail's rule, not a cross-account resource policy.
            target = AuthorizationTarget(
                resource: first, resourceAccount: scope.principal.account.value, additionalResources: Array(resources.dropFirst()))
        }
        return try await runner.run(operation, parameters: parameters, target: target) { tx, facts in
            do {
                return try await body(tx, facts)
            } catch let violation as TrailRuleViolation {
                throw ServiceError(violation)
            }
        }
    }

    /// The ARN a trail argument names, for authorization: an ARN as sent, a name in the caller's account and
    /// region. nil when the argument is malformed; the operation then refuses it inside the runner.
    func resourceARN(_ raw: String?) -> String? {
        guard let raw, let scope = RequestScope.current else { return nil }
        switch try? TrailReference.parse(raw) {
        case .arn(let arn): return arn.description
        case .name(let name):
            return TrailARN(partition: partition, region: scope.region, accountId: scope.principal.account.value, name: name).description
        case nil: return nil
        }
    }

    /// Who is looking and the trails it could see, in one round trip: what every trail call that names a trail
    /// starts with.
    func view(_ tx: Transaction, _ facts: CallFacts) async throws -> (viewer: TrailViewer, candidates: [TrailRecord]) {
        let view = try await tx.trails.view(account: facts.principal.account.value, servicePrincipal: Self.servicePrincipal)
        let viewer = TrailViewer(
            partition: partition, accountId: facts.principal.account.value, region: facts.region,
            organizationId: view.organizationId, isDelegatedAdministrator: view.organizationId != nil && view.isDelegatedAdministrator)
        return (viewer, view.candidates)
    }

    /// The trail a `Name`/`TrailName` argument refers to, as the caller sees it, and the viewer. `scope` runs
    /// before the lookup, for a rule that must refuse first (a tag call's ARN outside the caller's account).
    func resolve(
        _ raw: String?, member: String, _ operation: TrailOperation, _ tx: Transaction, _ facts: CallFacts,
        checking scope: (TrailViewer) throws -> Void = { _ in }
    ) async throws -> (trail: TrailRecord, viewer: TrailViewer) {
        guard let raw else { throw ServiceError.missingParameter(member) }
        let reference = try TrailReference.parse(raw)
        let (viewer, candidates) = try await view(tx, facts)
        try scope(viewer)
        return (try TrailLookup.resolve(reference, among: candidates, footprint: \.footprint, viewer: viewer, operation: operation), viewer)
    }

    /// Resolves a trail for a change: checks the caller may change it from here, then locks its owner and its
    /// row so the change works on the current state.
    func resolveForWrite(
        _ raw: String?, member: String, _ operation: TrailOperation, _ tx: Transaction, _ facts: CallFacts,
        checking scope: (TrailViewer) throws -> Void = { _ in }
    ) async throws -> TrailRecord {
        let (found, viewer) = try await resolve(raw, member: member, operation, tx, facts, checking: scope)
        try TrailWriteCheck.check(operation, on: found.footprint, by: viewer)
        try await tx.trails.lockOwner(found.arn.accountId)
        guard let current = try await tx.trails.lock(found.id) else {
            throw ServiceError(TrailLookup.notFound(try TrailReference.parse(raw ?? ""), viewer: viewer, operation: operation))
        }
        return current
    }

    /// What an event records about the trail a call touched.
    static func eventResources(_ trail: TrailRecord) -> [EventRecord.Resource] {
        [EventRecord.Resource(ARN: trail.arn.description, accountId: trail.arn.accountId, type: resourceType)]
    }

    /// The response as CloudTrail's JSON, for the event's responseElements.
    static func elements<T: Encodable>(_ value: T) -> JSONValue? {
        guard let data = try? CloudTrailJSON.encoder.encode(value) else { return nil }
        return JSONValue.parse(data)
    }
}
