import CairnCore
import CairnStore
import Foundation

/// AddTags, RemoveTags, ListTags. A tag call names its trail by ARN only, and the ARN's account and region
/// must be the caller's before anything is looked up (TrailWriteCheck.checkTagScope).
extension TrailOperations {
    static let addTags = Operation<CloudTrailModel.TagsInput, NoOutput>(
        Entry.addTags, target: { input, t in target(naming: input.ResourceId, t) }
    ) { input, ctx in
        guard let tags = input.TagsList else { throw ServiceError.missingParameter("TagsList") }
        if let raw = input.ResourceId, EventDataStoreRules.isStoreARN(raw) {
            try await EventDataStoreOperations.retag(raw, ctx) { try TrailTags.adding(tags, to: $0) }
            return NoOutput()
        }
        var trail = try await taggedTrail(input.ResourceId, .addTags, ctx)
        trail.tags = try TrailTags.adding(tags, to: trail.tags)
        try await ctx.tx.trails.save(trail)
        return NoOutput()
    }

    static let removeTags = Operation<CloudTrailModel.TagsInput, NoOutput>(
        Entry.removeTags, target: { input, t in target(naming: input.ResourceId, t) }
    ) { input, ctx in
        guard let tags = input.TagsList else { throw ServiceError.missingParameter("TagsList") }
        if let raw = input.ResourceId, EventDataStoreRules.isStoreARN(raw) {
            try await EventDataStoreOperations.retag(raw, ctx) { try TrailTags.removing(tags, from: $0) }
            return NoOutput()
        }
        var trail = try await taggedTrail(input.ResourceId, .removeTags, ctx)
        trail.tags = try TrailTags.removing(tags, from: trail.tags)
        try await ctx.tx.trails.save(trail)
        return NoOutput()
    }

    /// Authorized against every ARN listed: a caller allowed on one trail cannot read another's tags by
    /// listing both.
    static let listTags = Operation<CloudTrailModel.ListTagsInput, CloudTrailModel.ListTagsOutput>(
        Entry.listTags, target: { input, t in target(resources: (input.ResourceIdList ?? []).compactMap { resourceARN($0, t) }, t) }
    ) { input, ctx in
        guard let raw = input.ResourceIdList else { throw ServiceError.missingParameter("ResourceIdList") }
        // Event data stores are looked up one by one; the trails among the ARNs are checked together, as before.
        let trailIds = raw.filter { !EventDataStoreRules.isStoreARN($0) }
        var byTrail: [String: CloudTrailModel.ResourceTag] = [:]
        if !trailIds.isEmpty || raw.isEmpty {
            let (viewer, candidates) = try await view(ctx)
            for arn in try TrailWriteCheck.checkListTags(trailIds, viewer: viewer) {
                let trail = try TrailLookup.resolve(.arn(arn), among: candidates, footprint: \.footprint, viewer: viewer, operation: .listTags)
                byTrail[arn.description] = .init(ResourceId: trail.arn.description, TagsList: trail.tags)
            }
        }
        guard raw.count <= TrailWriteCheck.maximumListTagsResources else {
            throw ServiceError(
                code: "InvalidParameterException", status: 400,
                message: "ResourceIdList can contain at most \(TrailWriteCheck.maximumListTagsResources) ARNs; \(raw.count) were given.")
        }
        var tagged: [CloudTrailModel.ResourceTag] = []
        for id in raw {
            if EventDataStoreRules.isStoreARN(id) {
                let store = try await EventDataStoreOperations.store(id, ctx)
                tagged.append(.init(ResourceId: store.arn, TagsList: store.tags))
            } else if let found = byTrail[(try? TrailARN.parse(id))?.description ?? id] {
                tagged.append(found)
            }
        }
        return CloudTrailModel.ListTagsOutput(ResourceTagList: tagged)
    }

    /// The trail a tag call's ResourceId names, locked for the change.
    private static func taggedTrail(_ raw: String?, _ operation: TrailOperation, _ ctx: OperationContext) async throws -> TrailRecord {
        guard let raw else { throw ServiceError.missingParameter("ResourceId") }
        let arn = try TrailARN.parse(raw)
        return try await resolveForWrite(arn.description, member: "ResourceId", operation, ctx) { viewer in
            try TrailWriteCheck.checkTagScope(arn, viewer: viewer)
        }
    }
}
