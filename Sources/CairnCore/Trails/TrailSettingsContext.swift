/// Where a trail lives: needed to turn short forms the caller may send (an SNS topic name, a KMS key id or
/// `alias/…`) into the full ARNs AWS returns.
package struct TrailSettingsContext: Hashable, Sendable {
    package let partition: String
    package let homeRegion: String
    package let ownerAccountId: String

    package init(partition: String, homeRegion: String, ownerAccountId: String) {
        self.partition = partition
        self.homeRegion = homeRegion
        self.ownerAccountId = ownerAccountId
    }
}
