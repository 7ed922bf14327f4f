import CairnCore
import CairnStore
import Foundation

/// AddTags, RemoveTags, ListTags. A tag call names its trail by ARN only, and the ARN's account and region
/// must be the caller's before anything is looked up (TrailWriteCheck.checkTagScope).
extension TrailOperations {
    /// The trail a tag call's ResourceId names, locked for the change.
    private func taggedTrail(_ raw: String?, _ operation: TrailOperation, _ tx: Transaction, _ facts: CallFacts) async throws -> TrailRecord {
        guard let raw else { throw ServiceError.missingParameter("ResourceId") }
        let arn = try TrailARN.parse(raw)
        return try await resolveForWrite(arn.description, member: "ResourceId", operation, tx, facts) { viewer in
            try TrailWriteCheck.checkTagScope(arn, viewer: viewer)
        }
    }

    func addTags(_ input: CloudTrailJSON.TagsInput, parameters: JSONValue?) async throws {
        try await run(OperationCatalogue.Trails.addTags, parameters: parameters, naming: input.ResourceId) { tx, facts in
            var trail = try await taggedTrail(input.ResourceId, .addTags, tx, facts)
            guard let tags = input.TagsList else { throw ServiceError.missingParameter("TagsList") }
            trail.tags = try TrailTags.adding(tags, to: trail.tags)
            try await tx.trails.save(trail)
            return .init((), resources: Self.eventResources(trail))
        }
    }

    func removeTags(_ input: CloudTrailJSON.TagsInput, parameters: JSONValue?) async throws {
        try await run(OperationCatalogue.Trails.removeTags, parameters: parameters, naming: input.ResourceId) { tx, facts in
            var trail = try await taggedTrail(input.ResourceId, .removeTags, tx, facts)
            guard let tags = input.TagsList else { throw ServiceError.missingParameter("TagsList") }
            trail.tags = try TrailTags.removing(tags, from: trail.tags)
            try await tx.trails.save(trail)
            return .init((), resources: Self.eventResources(trail))
        }
    }

    /// Authorized against every ARN listed: a caller allowed on one trail cannot read another's tags by
    /// listing both.
    func listTags(_ input: CloudTrailJSON.ListTagsInput, parameters: JSONValue?) async throws -> [(TrailARN, [TrailTag])] {
        let arns = (input.ResourceIdList ?? []).compactMap { resourceARN($0) }
        return try await run(OperationCatalogue.Trails.listTags, parameters: parameters, resources: arns) { tx, facts in
            guard let raw = input.ResourceIdList else { throw ServiceError.missingParameter("ResourceIdList") }
            let (viewer, candidates) = try await view(tx, facts)
            let arns = try TrailWriteCheck.checkListTags(raw, viewer: viewer)
            var out: [(TrailARN, [TrailTag])] = []
            for arn in arns {
                let trail = try TrailLookup.resolve(.arn(arn), among: candidates, footprint: \.footprint, viewer: viewer, operation: .listTags)
                out.append((trail.arn, trail.tags))
            }
            return .init(out)
        }
    }
}
