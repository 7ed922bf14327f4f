package import Foundation

/// An invitation to join an organization, or one step of enabling all features in it, with a snapshot of who
/// sent it (AWS shows the management account's email and name in an invitation's resources).
package struct HandshakeRecord: Sendable, Equatable {
    package let id: String
    package let organizationId: String
    package let managementAccount: AccountId
    package let managementEmail: String
    package let managementName: String
    package let featureSet: String
    package let targetAccount: AccountId
    /// ACCOUNT or EMAIL: how the inviter named the target.
    package let targetType: String
    package let targetValue: String
    /// REQUESTED, OPEN, CANCELED, ACCEPTED, DECLINED or EXPIRED (an OPEN or REQUESTED one past its expiry reads
    /// as EXPIRED).
    package let state: String
    /// INVITE, ENABLE_ALL_FEATURES (the management account's request) or APPROVE_ALL_FEATURES (a member's part).
    package let action: String
    /// For APPROVE_ALL_FEATURES: the request it answers.
    package let parentHandshakeId: String?
    package let notes: String?
    package let requestedAt: Date
    package let expiresAt: Date

    package init(
        id: String, organizationId: String, managementAccount: AccountId, managementEmail: String, managementName: String,
        featureSet: String, targetAccount: AccountId, targetType: String, targetValue: String, state: String, notes: String?,
        requestedAt: Date, expiresAt: Date, action: String = "INVITE", parentHandshakeId: String? = nil
    ) {
        self.id = id
        self.organizationId = organizationId
        self.managementAccount = managementAccount
        self.managementEmail = managementEmail
        self.managementName = managementName
        self.featureSet = featureSet
        self.targetAccount = targetAccount
        self.targetType = targetType
        self.targetValue = targetValue
        self.state = state
        self.notes = notes
        self.requestedAt = requestedAt
        self.expiresAt = expiresAt
        self.action = action
        self.parentHandshakeId = parentHandshakeId
    }
}
