package import CairnCore
import CairnPolicy
import Crypto
package import Foundation
import PostgresNIO

/// Temporary credentials issued by STS: AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken, GetFederationToken.
package struct IssuedSession: Sendable {
    package let accessKeyId: String
    package let secret: String
    package let sessionToken: String
    package let expiresAt: Date
    /// The session principal's ARN (assumed-role, the user's own, or federated-user).
    package let assumedRoleArn: String
    /// `<role id>:<session>` for a role session; `<account>:<name>` for a federated user; the user's id otherwise.
    package let assumedRoleId: String
}

/// Who a session of a user acts as: the user itself (GetSessionToken), a federated user it names
/// (GetFederationToken), or the user itself signed in to the console.
package enum UserSessionKind: String, Sendable {
    case user
    case federated
    case console
}

package struct SessionRepository: Sendable {
    let tx: Transaction

    /// A role session: the secret sealed, the token only as its SHA-256 (it is only ever compared).
    package func issue(
        role: RoleRecord, sessionName: String, duration: Int, sessionPolicy: String?, policyArns: [String],
        tags: [String: String], sourceIdentity: String?, issuedBy: String, federatedProvider: String? = nil, mfaAuthenticatedAt: Date? = nil,
        now: Date
    ) async throws -> IssuedSession {
        let arn = IAMARN.assumedRole(partition: tx.partition, account: role.account, role: role.name, session: sessionName).description
        return try await insert(
            kind: "role", account: role.account, roleId: role.roleId, roleArn: role.arn, userId: nil, sessionName: sessionName, arn: arn,
            principalId: "\(role.roleId):\(sessionName)", duration: duration, sessionPolicy: sessionPolicy, policyArns: policyArns,
            tags: tags, sourceIdentity: sourceIdentity, issuedBy: issuedBy, federatedProvider: federatedProvider,
            mfaAuthenticatedAt: mfaAuthenticatedAt, now: now)
    }

    /// A session of a user (`userId` nil: the root user). A federated user's session is named `name` and its ARN is
    /// `arn:aws:sts::A:federated-user/<name>`; a user's own session carries the user's ARN.
    package func issue(
        _ kind: UserSessionKind, account: AccountId, userId: String?, userArn: String, name: String, duration: Int, sessionPolicy: String?,
        policyArns: [String], tags: [String: String], mfaAuthenticatedAt: Date? = nil, now: Date
    ) async throws -> IssuedSession {
        let arn: String
        let principalId: String
        switch kind {
        case .user, .console:
            (arn, principalId) = (userArn, userId ?? account.value)
        case .federated:
            (arn, principalId) = ("arn:\(tx.partition):sts::\(account.value):federated-user/\(name)", "\(account.value):\(name)")
        }
        return try await insert(
            kind: kind.rawValue, account: account, roleId: nil, roleArn: nil, userId: userId, sessionName: name, arn: arn,
            principalId: principalId, duration: duration, sessionPolicy: sessionPolicy, policyArns: policyArns, tags: tags,
            sourceIdentity: nil, issuedBy: userArn, federatedProvider: nil, mfaAuthenticatedAt: mfaAuthenticatedAt, now: now)
    }

    /// How a session token is kept (`session_token_sha256`): its SHA-256 as lowercase hex, never the token. The
    /// authenticator compares a presented token in this same form, so both sides must make it here.
    package static func storedDigest(of token: String) -> String {
        Hexadecimal.string(SHA256.hash(data: Data(token.utf8)))
    }

    private func insert(
        kind: String, account: AccountId, roleId: String?, roleArn: String?, userId: String?, sessionName: String, arn: String,
        principalId: String, duration: Int, sessionPolicy: String?, policyArns: [String], tags: [String: String], sourceIdentity: String?,
        issuedBy: String, federatedProvider: String?, mfaAuthenticatedAt: Date?, now: Date
    ) async throws -> IssuedSession {
        var g = SystemRandomNumberGenerator()
        let keyId = AccessKeyFormat.newId(temporary: true, using: &g)
        let secret = AccessKeyFormat.newSecret(using: &g)
        var tokenBytes = [UInt8](repeating: 0, count: 96)
        for i in tokenBytes.indices { tokenBytes[i] = UInt8.random(in: 0...255, using: &g) }
        let token = "IQoJb3JpZ2luX2Vj" + Data(tokenBytes).base64EncodedString()
        let tokenHash = Self.storedDigest(of: token)
        let expires = now.addingTimeInterval(TimeInterval(duration))
        let tagsJSON = String(decoding: try JSONEncoder().encode(tags), as: UTF8.self)
        let sealed = try tx.secrets.seal(secret)
        try await tx.query(
            """
            INSERT INTO sts_sessions (access_key_id, account_id, kind, role_id, role_arn, user_id, session_name, assumed_role_arn,
                secret_sealed, session_token_sha256, session_policy, session_policy_arns, session_tags, source_identity,
                issued_by_arn, federated_provider, mfa_authenticated_at, expires_at, created_at)
            VALUES (\(keyId), \(account.value), \(kind), \(roleId), \(roleArn), \(userId), \(sessionName), \(arn), \(sealed),
                \(tokenHash), \(sessionPolicy), \(policyArns), \(tagsJSON)::jsonb, \(sourceIdentity), \(issuedBy), \(federatedProvider),
                \(mfaAuthenticatedAt), \(expires), \(now))
            """)
        return IssuedSession(
            accessKeyId: keyId, secret: secret, sessionToken: token, expiresAt: expires, assumedRoleArn: arn, assumedRoleId: principalId)
    }

    /// Ends a console session at sign-out: its credentials stop authenticating at once. Only a console session
    /// can be ended this way, so a cookie can never end a session STS issued.
    package func endConsoleSession(accessKeyId: String) async throws {
        try await tx.query("DELETE FROM sts_sessions WHERE access_key_id = \(accessKeyId) AND kind = 'console'")
    }

    /// Drops sessions that expired more than a day ago; they can no longer authenticate anyway.
    package func purgeExpired(before: Date) async throws {
        try await tx.query("DELETE FROM sts_sessions WHERE expires_at < \(before)")
    }
}
