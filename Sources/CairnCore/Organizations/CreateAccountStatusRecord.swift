package import Foundation

/// The record of one CreateAccount request.
package struct CreateAccountStatusRecord: Sendable, Equatable {
    package let id: String
    package let accountName: String
    /// IN_PROGRESS, SUCCEEDED or FAILED.
    package let state: String
    package let accountId: AccountId?
    package let failureReason: String?
    package let requestedAt: Date
    package let completedAt: Date?

    package init(
        id: String, accountName: String, state: String, accountId: AccountId?, failureReason: String?, requestedAt: Date,
        completedAt: Date?
    ) {
        self.id = id
        self.accountName = accountName
        self.state = state
        self.accountId = accountId
        self.failureReason = failureReason
        self.requestedAt = requestedAt
        self.completedAt = completedAt
    }
}
