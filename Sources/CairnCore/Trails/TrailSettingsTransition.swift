/// What an UpdateTrail changes that other rules care about: becoming multi-Region needs the trail limit
/// checked in every other Region; changing organization scope needs the management account.
package struct TrailSettingsTransition: Hashable, Sendable {
    package let before: TrailSettings
    package let after: TrailSettings

    package init(from before: TrailSettings, to after: TrailSettings) {
        self.before = before
        self.after = after
    }

    package var becomesMultiRegion: Bool { !before.isMultiRegionTrail && after.isMultiRegionTrail }
    package var becomesSingleRegion: Bool { before.isMultiRegionTrail && !after.isMultiRegionTrail }
    package var becomesOrganizationTrail: Bool { !before.isOrganizationTrail && after.isOrganizationTrail }
    package var becomesAccountTrail: Bool { before.isOrganizationTrail && !after.isOrganizationTrail }
}
