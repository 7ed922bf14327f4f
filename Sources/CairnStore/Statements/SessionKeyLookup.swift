import Foundation
import PostgresNIO

/// Authentication's one round trip for a temporary key (a role, user or federated user's session): the session,
/// its role's or user's existence, the account's state and policy epochs, and whether the request's region exists.
struct SessionKeyLookup: PostgresPreparedStatement {
    static let sql = """
        SELECT s.account_id, s.role_id, s.role_arn, s.session_name, s.assumed_role_arn, s.secret_sealed,
               s.session_token_sha256, s.session_tags::text, s.source_identity, s.created_at, s.expires_at,
               a.status, a.policy_epoch,
               CASE s.kind WHEN 'role' THEN r.role_id IS NOT NULL ELSE s.user_id IS NULL OR u.user_id IS NOT NULL END,
               EXISTS (SELECT 1 FROM regions WHERE name = $2::text),
               coalesce((SELECT o.policy_epoch FROM organization_members om JOIN organizations o ON o.id = om.organization_id
                         WHERE om.account_id = a.id), -1),
               s.federated_provider, s.kind, s.user_id, u.name, u.arn, coalesce(u.tags, '{}'::jsonb)::text,
               s.mfa_authenticated_at
        FROM sts_sessions s JOIN accounts a ON a.id = s.account_id
        LEFT JOIN iam_roles r ON r.role_id = s.role_id
        LEFT JOIN iam_users u ON u.user_id = s.user_id
        WHERE s.access_key_id = $1::text
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text]
    typealias Row = (
        String, String?, String?, String, String, Data, String, String, String?, Date, Date, String, Int64, Bool, Bool, Int64, String?,
        String, String?, String?, String?, String, Date?
    )

    let accessKeyId: String
    let region: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(accessKeyId)
        bindings.append(region)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
