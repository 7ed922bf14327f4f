import Foundation
import PostgresNIO

/// Authentication's one round trip for a temporary key (a role session): the session, its role's
/// existence, the account's state and policy epochs, and whether the request's region exists.
struct SessionKeyLookup: PostgresPreparedStatement {
    static let sql = """
        SELECT s.account_id, s.role_id, s.role_arn, s.session_name, s.assumed_role_arn, s.secret_sealed,
               s.session_token_sha256, s.session_tags::text, s.source_identity, s.created_at, s.expires_at,
               a.status, a.policy_epoch, (r.role_id IS NOT NULL), EXISTS (SELECT 1 FROM regions WHERE name = $2::text),
               coalesce((SELECT o.policy_epoch FROM organization_members om JOIN organizations o ON o.id = om.organization_id
                         WHERE om.account_id = a.id), -1),
               s.federated_provider
        FROM sts_sessions s JOIN accounts a ON a.id = s.account_id
        LEFT JOIN iam_roles r ON r.role_id = s.role_id
        WHERE s.access_key_id = $1::text
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text]
    typealias Row = (String, String, String, String, String, Data, String, String, String?, Date, Date, String, Int64, Bool, Bool, Int64, String?)

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
