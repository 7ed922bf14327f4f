/// DescribeTrails as a pure selection over candidate trails.
///
/// - `includeShadowTrails` absent means true.
/// - No names: every trail visible in the Region, or only the non-shadow ones (own trails homed here)
///   when `includeShadowTrails` is false.
/// - Names and ARNs: each entry resolves like any other `Name` argument (names: own trails homed here;
///   ARNs: any visible trail). Unknown entries are skipped, not errors, because the model lists no
///   TrailNotFoundException for DescribeTrails; malformed entries are errors. A shadow reached by ARN is
///   still dropped when `includeShadowTrails` is false.
/// - Order: with names, the order of the request (each trail once); without, sorted by trail ARN, so
///   pagination-free responses are stable.
package enum DescribeTrailsFilter {
    package static func select<Candidate>(
        _ candidates: [Candidate],
        footprint: (Candidate) -> TrailFootprint,
        viewer: TrailViewer,
        trailNameList: [String]?,
        includeShadowTrails: Bool?
    ) throws(TrailRuleViolation) -> [Candidate] {
        let withShadows = includeShadowTrails ?? true
        let visible: [(candidate: Candidate, trail: TrailFootprint)] = candidates.compactMap { candidate in
            let trail = footprint(candidate)
            guard let visibility = TrailVisibility.of(trail, seenBy: viewer) else { return nil }
            guard withShadows || !visibility.isShadow else { return nil }
            return (candidate, trail)
        }
        let names = trailNameList ?? []
        guard !names.isEmpty else {
            // A closure, not `\.candidate`: a key path into a generic tuple is built anew on every call.
            return visible.sorted { $0.trail.arn < $1.trail.arn }.map { $0.candidate }
        }
        var references: [TrailReference] = []
        for raw in names { references.append(try TrailReference.parse(raw)) }
        var chosen: [Candidate] = []
        var seen: Set<TrailARN> = []
        for reference in references {
            guard
                let match = visible.first(where: { entry in
                    switch reference {
                    case .name(let name):
                        entry.trail.name == name && entry.trail.ownerAccountId == viewer.accountId
                            && entry.trail.homeRegion == viewer.region
                    case .arn(let arn):
                        entry.trail.arn == arn
                    }
                }),
                seen.insert(match.trail.arn).inserted
            else { continue }
            chosen.append(match.candidate)
        }
        return chosen
    }
}
