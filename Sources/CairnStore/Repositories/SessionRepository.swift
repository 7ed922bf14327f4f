import CairnCore
import Crypto
package import Foundation
import PostgresNIO

/// Temporary credentials issued by sts:AssumeRole or sts:AssumeRoleWithWebIdentity.
package struct IssuedSession: Sendable {
    package let accessKeyId: String
    package let secret: String
    package let sessionToken: String
    package let expiresAt: Date
    package let assumedRoleArn: String
    package let assumedRoleId: String
}

package struct SessionRepository: Sendable {
    let tx: Transaction

    /// Stores a new session: the secret sealed, the token only as its SHA-256 (it is only ever compared).
    package func issue(
        role: RoleRecord, sessionName: String, duration: Int, sessionPolicy: String?, policyArns: [String],
        tags: [String: String], sourceIdentity: String?, issuedBy: String, federatedProvider: String? = nil, now: Date
    ) async throws -> IssuedSession {
        var g = SystemRandomNumberGenerator()
        let keyId = AccessKeyFormat.newId(temporary: true, using: &g)
        let secret = AccessKeyFormat.newSecret(using: &g)
        var tokenBytes = [UInt8](repeating: 0, count: 96)
        for i in tokenBytes.indices { tokenBytes[i] = UInt8.random(in: 0...255, using: &g) }
        let token = "IQoJb3JpZ2luX2Vj" + Data(tokenBytes).base64EncodedString()
        let tokenHash = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
        let expires = now.addingTimeInterval(TimeInterval(duration))
        let assumedArn = IAMARN.assumedRole(partition: tx.partition, account: role.account, role: role.name, session: sessionName).description
        let tagsJSON = String(decoding: try JSONEncoder().encode(tags), as: UTF8.self)
        let sealed = try tx.secrets.seal(secret)
        try await tx.query(
            """
            INSERT INTO sts_sessions (access_key_id, account_id, role_id, role_arn, session_name, assumed_role_arn,
                secret_sealed, session_token_sha256, session_policy, session_policy_arns, session_tags, source_identity,
                issued_by_arn, federated_provider, expires_at, created_at)
            VALUES (\(keyId), \(role.account.value), \(role.roleId), \(role.arn), \(sessionName), \(assumedArn), \(sealed),
                \(tokenHash), \(sessionPolicy), \(policyArns), \(tagsJSON)::jsonb, \(sourceIdentity), \(issuedBy), \(federatedProvider), \(expires), \(now))
            """)
        return IssuedSession(
            accessKeyId: keyId, secret: secret, sessionToken: token, expiresAt: expires, assumedRoleArn: assumedArn,
            assumedRoleId: "\(role.roleId):\(sessionName)")
    }

    /// Drops sessions that expired more than a day ago; they can no longer authenticate anyway.
    package func purgeExpired(before: Date) async throws {
        try await tx.query("DELETE FROM sts_sessions WHERE expires_at < \(before)")
    }
}
