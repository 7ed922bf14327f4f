import CairnCore
import CairnStore
import Foundation
import PostgresNIO

/// IAM fixtures written straight into the test database, so authorization can be tested independently of
/// the IAM management API.
extension TestServer {
    /// Creates an IAM user with an access key and the given inline policies; returns its credentials.
    package func createUser(
        _ name: String, account: AccountId? = nil, inline: [String] = []
    ) async throws -> (userId: String, arn: String, credentials: TestCredentials) {
        let account = account ?? operatorAccount
        var g = SystemRandomNumberGenerator()
        let userId = IAMIdentifier.new(.user, using: &g)
        let arn = "arn:aws:iam::\(account):user/\(name)"
        let keyId = AccessKeyFormat.newId(using: &g)
        let secret = AccessKeyFormat.newSecret(using: &g)
        let sealed = try store.secrets.seal(secret)
        try await store.client.query(
            "INSERT INTO iam_users (user_id, account_id, name, arn) VALUES (\(userId), \(account.value), \(name), \(arn))")
        try await store.client.query(
            """
            INSERT INTO access_keys (access_key_id, account_id, principal_type, principal_arn, principal_id, user_name, user_id, secret_sealed)
            VALUES (\(keyId), \(account.value), 'IAMUser', \(arn), \(userId), \(name), \(userId), \(sealed))
            """)
        for (i, doc) in inline.enumerated() { try await putUserPolicy(userId: userId, account: account, name: "p\(i)", document: doc) }
        try await settle()
        return (userId, arn, TestCredentials(accessKeyId: keyId, secret: secret))
    }

    package func putUserPolicy(userId: String, account: AccountId? = nil, name: String, document: String) async throws {
        let account = account ?? operatorAccount
        try await store.client.query(
            """
            INSERT INTO iam_inline_policies (account_id, principal_kind, principal_id, name, document)
            VALUES (\(account.value), 'user', \(userId), \(name), \(document))
            ON CONFLICT (principal_kind, principal_id, name) DO UPDATE SET document = EXCLUDED.document
            """)
        try await settle()
    }

    /// A customer-managed policy (version v1) in the operator account; returns its ARN.
    package func createManagedPolicy(_ name: String, document: String) async throws -> String {
        var g = SystemRandomNumberGenerator()
        let arn = "arn:aws:iam::\(operatorAccount):policy/\(name)"
        try await store.client.query(
            """
            INSERT INTO iam_managed_policies (arn, policy_id, account_id, name) VALUES (\(arn), \(IAMIdentifier.new(.policy, using: &g)), \(operatorAccount.value), \(name))
            """)
        try await store.client.query("INSERT INTO iam_policy_versions (policy_arn, version_id, document) VALUES (\(arn), 'v1', \(document))")
        try await settle()
        return arn
    }
}

/// A one-statement policy document.
package func policy(_ effect: String, _ action: String, resource: String = "*", condition: String? = nil) -> String {
    let cond = condition.map { ", \"Condition\": \($0)" } ?? ""
    return #"{"Version": "2012-10-17", "Statement": [{"Effect": "\#(effect)", "Action": "\#(action)", "Resource": "\#(resource)"\#(cond)}]}"#
}
