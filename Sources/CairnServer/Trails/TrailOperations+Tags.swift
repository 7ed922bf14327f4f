import CairnCore
import CairnStore
import Foundation

/// AddTags, RemoveTags, ListTags. A tag call names its trail by ARN only, and the ARN's account and region
/// must be the caller's before anything is looked up (TrailWriteCheck.checkTagScope).
extension TrailOperations {
    static let addTags = Operation<CloudTrailModel.TagsInput, NoOutput>(
        Entry.addTags, target: { input, t in target(naming: input.ResourceId, t) }
    ) { input, ctx in
        var trail = try await taggedTrail(input.ResourceId, .addTags, ctx)
        guard let tags = input.TagsList else { throw ServiceError.missingParameter("TagsList") }
        trail.tags = try TrailTags.adding(tags, to: trail.tags)
        try await ctx.tx.trails.save(trail)
        return NoOutput()
    }

    static let removeTags = Operation<CloudTrailModel.TagsInput, NoOutput>(
        Entry.removeTags, target: { input, t in target(naming: input.ResourceId, t) }
    ) { input, ctx in
        var trail = try await taggedTrail(input.ResourceId, .removeTags, ctx)
        guard let tags = input.TagsList else { throw ServiceError.missingParameter("TagsList") }
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
        let (viewer, candidates) = try await view(ctx)
        let arns = try TrailWriteCheck.checkListTags(raw, viewer: viewer)
        var tagged: [CloudTrailModel.ResourceTag] = []
        for arn in arns {
            let trail = try TrailLookup.resolve(.arn(arn), among: candidates, footprint: \.footprint, viewer: viewer, operation: .listTags)
            tagged.append(.init(ResourceId: trail.arn.description, TagsList: trail.tags))
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
