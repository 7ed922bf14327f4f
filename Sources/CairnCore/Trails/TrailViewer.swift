/// Who is looking, and from where: the facts about a caller that decide which trails it sees in a Region
/// and what it may do to them.
package struct TrailViewer: Hashable, Sendable {
    package let partition: String
    package let accountId: String
    package let region: String
    /// The organization the account belongs to (as management account or member), or nil if none.
    package let organizationId: String?
    /// Whether the account is a registered CloudTrail delegated administrator of `organizationId`.
    package let isDelegatedAdministrator: Bool

    package init(
        partition: String, accountId: String, region: String, organizationId: String? = nil,
        isDelegatedAdministrator: Bool = false
    ) {
        self.partition = partition
        self.accountId = accountId
        self.region = region
        self.organizationId = organizationId
        self.isDelegatedAdministrator = isDelegatedAdministrator && organizationId != nil
    }
}
