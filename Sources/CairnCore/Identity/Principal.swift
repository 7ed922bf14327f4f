/// An authenticated caller, as the authenticator resolved it from the request's credentials.
package struct Principal: Sendable, Equatable {
    package let type: PrincipalType
    package let account: AccountId
    /// The caller's ARN: `arn:aws:iam::A:root`, `arn:aws:iam::A:user/N`, `arn:aws:sts::A:assumed-role/R/S`.
    package let arn: String
    /// The unique id AWS reports as UserId / principalId (the account id for a root user).
    package let principalId: String
    package let accessKeyId: String
    package let userName: String?
    package let tags: [String: String]

    package init(
        type: PrincipalType, account: AccountId, arn: String, principalId: String, accessKeyId: String,
        userName: String? = nil, tags: [String: String] = [:]
    ) {
        self.type = type
        self.account = account
        self.arn = arn
        self.principalId = principalId
        self.accessKeyId = accessKeyId
        self.userName = userName
        self.tags = tags
    }

    package static func root(of account: AccountId, partition: String, accessKeyId: String) -> Principal {
        Principal(
            type: .root, account: account, arn: "arn:\(partition):iam::\(account):root",
            principalId: account.value, accessKeyId: accessKeyId)
    }
}
