package import Foundation

/// An invitation to join an organization, with a snapshot of who sent it (AWS shows the management
/// account's email and name in the handshake's resources).
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
    /// OPEN, CANCELED, ACCEPTED, DECLINED or EXPIRED (an OPEN one past its expiry reads as EXPIRED).
    package let state: String
    package let notes: String?
    package let requestedAt: Date
    package let expiresAt: Date

    package init(
        id: String, organizationId: String, managementAccount: AccountId, managementEmail: String, managementName: String,
        featureSet: String, targetAccount: AccountId, targetType: String, targetValue: String, state: String, notes: String?,
        requestedAt: Date, expiresAt: Date
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
    }
}
