package import CairnCore
package import Foundation
import PostgresNIO

/// What authentication needs to know about a credential: who it belongs to, whether it may be used, its
/// secret (unsealed only here, only to check a signature), and the account's policy epoch, which tells the
/// authorizer whether its cached policies for this principal are still current.
package struct AccessKeyRecord: Sendable {
    package let principal: Principal
    package let active: Bool
    package let accountActive: Bool
    package let secret: String
    package let policyEpoch: Int64
    /// The epoch of the account's organization (SCPs, OU tree, membership); -1 for a standalone account.
    package let organizationEpoch: Int64
    /// Temporary credentials only: the session token's SHA-256 and when the credentials expire.
    package let sessionTokenSHA256: String?
    package let expiresAt: Date?
}

package struct AccessKeyRepository: Sendable {
    let tx: Transaction

    /// The account that owns a key, long-term or temporary, in any state.
    package func owner(of accessKeyId: String) async throws -> AccountId? {
        let rows = try await tx.query(
            """
            SELECT account_id FROM access_keys WHERE access_key_id = \(accessKeyId)
            UNION ALL SELECT account_id FROM sts_sessions WHERE access_key_id = \(accessKeyId) LIMIT 1
            """)
        for try await account in rows.decode(String.self) { return AccountId(account) }
        return nil
    }

    /// A credential alone, without the region check.
    package func lookup(_ accessKeyId: String) async throws -> AccessKeyRecord? {
        try await lookup(accessKeyId, region: "").0
    }

    /// Long-term keys (root and IAM users) and temporary ones (role sessions), and whether the request's
    /// region exists: authentication's one round trip. An unknown key says nothing about the region.
    package func lookup(_ accessKeyId: String, region: String) async throws -> (AccessKeyRecord?, Bool) {
        if accessKeyId.hasPrefix("ASIA") { return try await lookupSession(accessKeyId, region: region) }
        let rows = try await tx.execute(AccessKeyLookup(accessKeyId: accessKeyId, region: region))
        for (account, type, arn, pid, userName, status, sealed, accountStatus, epoch, tags, regionKnown, orgEpoch) in rows {
            guard let accountId = AccountId(account), let principalType = PrincipalType(rawValue: type) else { return (nil, false) }
            let principal = Principal(
                type: principalType, account: accountId, arn: arn, principalId: pid, accessKeyId: accessKeyId,
                userName: userName, tags: Self.decodeTags(tags))
            let record = AccessKeyRecord(
                principal: principal, active: status == "Active", accountActive: accountStatus == "ACTIVE",
                secret: try tx.secrets.open(sealed), policyEpoch: epoch, organizationEpoch: orgEpoch,
                sessionTokenSHA256: nil, expiresAt: nil)
            return (record, regionKnown)
        }
        return (nil, false)
    }

    private func lookupSession(_ accessKeyId: String, region: String) async throws -> (AccessKeyRecord?, Bool) {
        let rows = try await tx.execute(SessionKeyLookup(accessKeyId: accessKeyId, region: region))
        for (
            account, roleId, roleArn, sessionName, arn, sealed, tokenHash, tags, source, created, expires, accountStatus, epoch, holderExists,
            regionKnown, orgEpoch, provider, kind, userId, userName, userArn, userTags, mfaAt
        ) in rows {
            guard let accountId = AccountId(account) else { return (nil, false) }
            let principal: Principal
            switch (kind, roleId, roleArn, userId) {
            case ("role", let roleId?, let roleArn?, _):
                principal = Principal(
                    type: .assumedRole, account: accountId, arn: arn, principalId: "\(roleId):\(sessionName)",
                    accessKeyId: accessKeyId, tags: Self.decodeTags(tags),
                    session: .init(
                        roleArn: roleArn, roleId: roleId, roleName: String(roleArn.split(separator: "/").last ?? ""),
                        sessionName: sessionName, issuedAt: created, expiresAt: expires, sourceIdentity: source,
                        federatedProvider: provider, mfaAuthenticatedAt: mfaAt))
            case ("federated", _, _, let userId?):
                principal = Principal(
                    type: .federatedUser, account: accountId, arn: arn, principalId: "\(account):\(sessionName)",
                    accessKeyId: accessKeyId, tags: Self.decodeTags(tags),
                    session: .init(
                        roleArn: userArn ?? "", roleId: userId, roleName: userName ?? "", sessionName: sessionName, issuedAt: created,
                        expiresAt: expires, issuerType: "IAMUser"))
            case ("user", _, _, let userId?), ("console", _, _, let userId?):
                principal = Principal(
                    type: .iamUser, account: accountId, arn: arn, principalId: userId, accessKeyId: accessKeyId, userName: userName,
                    tags: Self.decodeTags(userTags),
                    session: .init(
                        roleArn: arn, roleId: userId, roleName: userName ?? "", sessionName: "", issuedAt: created, expiresAt: expires,
                        issuerType: nil, mfaAuthenticatedAt: mfaAt, fromConsole: kind == "console"))
            case ("user", _, _, nil), ("console", _, _, nil):
                principal = Principal(
                    type: .root, account: accountId, arn: arn, principalId: account, accessKeyId: accessKeyId,
                    session: .init(
                        roleArn: arn, roleId: account, roleName: "", sessionName: "", issuedAt: created, expiresAt: expires, issuerType: nil,
                        mfaAuthenticatedAt: mfaAt, fromConsole: kind == "console"))
            default:
                return (nil, false)
            }
            // A session of a deleted role or user is dead, as AWS's are.
            let record = AccessKeyRecord(
                principal: principal, active: holderExists, accountActive: accountStatus == "ACTIVE",
                secret: try tx.secrets.open(sealed), policyEpoch: epoch, organizationEpoch: orgEpoch,
                sessionTokenSHA256: tokenHash, expiresAt: expires)
            return (record, regionKnown)
        }
        return (nil, false)
    }

    /// Stores the root user's key of an account; an existing key id gets the given secret.
    package func putRootKey(account: AccountId, accessKeyId: String, secret: String) async throws {
        let sealed = try tx.secrets.seal(secret)
        let arn = IAMARN.root(partition: tx.partition, account: account).description
        try await tx.query(
            """
            INSERT INTO access_keys (access_key_id, account_id, principal_type, principal_arn, principal_id, secret_sealed)
            VALUES (\(accessKeyId), \(account.value), 'Root', \(arn), \(account.value), \(sealed))
            ON CONFLICT (access_key_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, status = 'Active'
            WHERE access_keys.account_id = EXCLUDED.account_id
            """)
    }

    static func decodeTags(_ json: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }
}
