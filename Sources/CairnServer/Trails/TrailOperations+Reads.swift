import CairnCore
import CairnStore
import Foundation

/// GetTrail, DescribeTrails, ListTrails, GetTrailStatus: any trail the caller can see from its region,
/// shadows included, the same ARN and home region as the original.
extension TrailOperations {
    /// ListTrails' page size; AWS does not document one.
    static let listTrailsPageSize = 50

    func getTrail(_ raw: String?, parameters: JSONValue?) async throws -> TrailRecord {
        try await run(OperationCatalogue.Trails.getTrail, parameters: parameters, naming: raw) { tx, facts in
            let trail = try await resolve(raw, member: "Name", .getTrail, tx, facts).trail
            return .init(trail, resources: Self.eventResources(trail))
        }
    }

    func describeTrails(_ input: CloudTrailJSON.DescribeTrailsInput, parameters: JSONValue?) async throws -> [TrailRecord] {
        try await run(OperationCatalogue.Trails.describeTrails, parameters: parameters) { tx, facts in
            let (viewer, candidates) = try await view(tx, facts)
            return .init(
                try DescribeTrailsFilter.select(
                    candidates, footprint: \.footprint, viewer: viewer, trailNameList: input.trailNameList,
                    includeShadowTrails: input.includeShadowTrails))
        }
    }

    /// Every trail the account owns, in any region, and the organization trails reaching it, by ARN; the
    /// token is the last ARN of the previous page, so a page is stable while trails come and go.
    func listTrails(nextToken: String?, parameters: JSONValue?) async throws -> (trails: [TrailRecord], nextToken: String?) {
        try await run(OperationCatalogue.Trails.listTrails, parameters: parameters) { tx, facts in
            var after: String? = nil
            if let nextToken {
                guard let data = Data(base64Encoded: nextToken), let text = String(data: data, encoding: .utf8), text.hasPrefix("arn:") else {
                    throw ServiceError(code: "InvalidTokenException", status: 400, message: "Reset the token and try again.")
                }
                after = text
            }
            let (viewer, candidates) = try await view(tx, facts)
            let listed = candidates
                .filter { TrailVisibility.isListed($0.footprint, for: viewer) }
                .sorted { $0.arn < $1.arn }
                .filter { after == nil || $0.arn.description > after! }
            let page = Array(listed.prefix(Self.listTrailsPageSize))
            let token = listed.count > page.count ? page.last.map { Data($0.arn.description.utf8).base64EncodedString() } : nil
            return .init((page, token))
        }
    }

    /// Status in the calling region. A member account's view of an organization trail omits the management
    /// side's delivery errors.
    func getTrailStatus(_ raw: String?, parameters: JSONValue?) async throws -> TrailStatus {
        try await run(OperationCatalogue.Trails.getTrailStatus, parameters: parameters, naming: raw) { tx, facts in
            let (trail, viewer) = try await resolve(raw, member: "Name", .getTrailStatus, tx, facts)
            let outside = TrailVisibility.of(trail.footprint, seenBy: viewer)?.isOutsideOwnerAccount ?? true
            let status = try await tx.trails.status(of: trail, in: facts.region)
            return .init(outside ? status.withoutDeliveryErrors : status, resources: Self.eventResources(trail))
        }
    }
}
