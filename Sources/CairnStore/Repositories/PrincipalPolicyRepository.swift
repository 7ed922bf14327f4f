package import CairnCore
import Foundation
import PostgresNIO

/// The policy documents in force for one principal, as stored: what the authorizer compiles and caches.
package struct PrincipalPolicies: Sendable, Equatable {
    package var identity: [String] = []
    package var boundary: [String] = []
    package var session: [String] = []

    package init(identity: [String] = [], boundary: [String] = [], session: [String] = []) {
        self.identity = identity
        self.boundary = boundary
        self.session = session
    }
}

/// Loads a principal's documents in one query: its own inline and attached managed policies, those of its
/// groups (users) or its role (sessions), its permissions boundary, and a session's policies.
package struct PrincipalPolicyRepository: Sendable {
    let tx: Transaction

    package func policies(for principal: Principal) async throws -> PrincipalPolicies {
        switch principal.type {
        case .iamUser:
            return try await load(kind: "user", id: principal.principalId, sessionKey: nil)
        case .assumedRole:
            guard let session = principal.session else { return PrincipalPolicies() }
            return try await load(kind: "role", id: session.roleId, sessionKey: principal.accessKeyId)
        case .federatedUser:
            // The IAM user's permissions, narrowed by the session's policies (GetFederationToken).
            guard let session = principal.session else { return PrincipalPolicies() }
            return try await load(kind: "user", id: session.roleId, sessionKey: principal.accessKeyId)
        default:
            return PrincipalPolicies()
        }
    }

    /// A stored user's or role's policies by ARN, for simulating the live configuration; nil when no such
    /// principal exists in the account.
    package func policies(forArn arn: String, account: AccountId) async throws -> PrincipalPolicies? {
        if arn == IAMARN.root(partition: tx.partition, account: account).description { return PrincipalPolicies() }
        let rows = try await tx.query(
            """
            SELECT 'user', user_id FROM iam_users WHERE arn = \(arn) AND account_id = \(account.value)
            UNION ALL
            SELECT 'role', role_id FROM iam_roles WHERE arn = \(arn) AND account_id = \(account.value)
            """)
        for try await (kind, id) in rows.decode((String, String).self) {
            return try await load(kind: kind, id: id, sessionKey: nil)
        }
        return nil
    }

    private func load(kind: String, id: String, sessionKey: String?) async throws -> PrincipalPolicies {
        let rows = try await tx.query(
            """
            WITH holders AS (
                SELECT \(kind)::text AS kind, \(id)::text AS id
                UNION ALL
                SELECT 'group', m.group_id FROM iam_group_members m WHERE \(kind) = 'user' AND m.user_id = \(id)
            ),
            boundary AS (
                SELECT permissions_boundary_arn AS arn FROM iam_users WHERE \(kind) = 'user' AND user_id = \(id)
                UNION ALL
                SELECT permissions_boundary_arn FROM iam_roles WHERE \(kind) = 'role' AND role_id = \(id)
            ),
            session AS (
                SELECT session_policy, session_policy_arns FROM sts_sessions WHERE access_key_id = \(sessionKey)
            )
            SELECT 'identity', p.document FROM iam_inline_policies p JOIN holders h ON p.principal_kind = h.kind AND p.principal_id = h.id
            UNION ALL
            SELECT 'identity', v.document FROM iam_policy_attachments a
                JOIN holders h ON a.principal_kind = h.kind AND a.principal_id = h.id
                JOIN iam_managed_policies m ON m.arn = a.policy_arn
                JOIN iam_policy_versions v ON v.policy_arn = m.arn AND v.version_id = m.default_version
            UNION ALL
            SELECT 'boundary', v.document FROM boundary b
                JOIN iam_managed_policies m ON m.arn = b.arn
                JOIN iam_policy_versions v ON v.policy_arn = m.arn AND v.version_id = m.default_version
            UNION ALL
            SELECT 'session', session_policy FROM session WHERE session_policy IS NOT NULL
            UNION ALL
            SELECT 'session', v.document FROM session s
                JOIN iam_managed_policies m ON m.arn = ANY (s.session_policy_arns)
                JOIN iam_policy_versions v ON v.policy_arn = m.arn AND v.version_id = m.default_version
            """)
        var out = PrincipalPolicies()
        for try await (kind, document) in rows.decode((String, String).self) {
            switch kind {
            case "identity": out.identity.append(document)
            case "boundary": out.boundary.append(document)
            default:
                out.session.append(document)
            }
        }
        return out
    }

    /// The tags of a user or role named in a request, for aws:ResourceTag/* conditions; empty when neither
    /// exists (a create, or a name that is not there).
    package func entityTags(account: AccountId, userName: String?, roleName: String?) async throws -> [String: String] {
        let rows = try await tx.query(
            """
            SELECT tags::text FROM iam_users WHERE account_id = \(account.value) AND lower(name) = lower(\(userName ?? ""))
            UNION ALL
            SELECT tags::text FROM iam_roles WHERE account_id = \(account.value) AND lower(name) = lower(\(roleName ?? ""))
            LIMIT 1
            """)
        for try await text in rows.decode(String.self) { return Self.tagDictionary(text) }
        return [:]
    }

    /// Tags are stored either as an object or as a list of {Key, Value}; both read as a dictionary.
    static func tagDictionary(_ json: String) -> [String: String] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return [:] }
        if let object = value as? [String: String] { return object }
        var out: [String: String] = [:]
        for item in value as? [[String: Any]] ?? [] {
            if let k = (item["Key"] ?? item["key"]) as? String { out[k] = ((item["Value"] ?? item["value"]) as? String) ?? "" }
        }
        return out
    }

    /// A managed policy's default-version document, for session PolicyArns and boundaries.
    package func managedPolicyDocument(arn: String) async throws -> String? {
        let rows = try await tx.query(
            """
            SELECT v.document FROM iam_managed_policies m
            JOIN iam_policy_versions v ON v.policy_arn = m.arn AND v.version_id = m.default_version
            WHERE m.arn = \(arn)
            """)
        for try await d in rows.decode(String.self) { return d }
        return nil
    }
}
