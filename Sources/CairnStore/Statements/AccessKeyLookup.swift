import Foundation
import PostgresNIO

/// Authentication's one round trip for a long-term key (root or IAM user): the key, its principal, the
/// account's state and policy epochs, and whether the request's region exists.
struct AccessKeyLookup: PostgresPreparedStatement {
    static let sql = """
        SELECT k.account_id, k.principal_type, k.principal_arn, k.principal_id, k.user_name, k.status,
               k.secret_sealed, a.status, a.policy_epoch, coalesce(u.tags, '{}'::jsonb)::text,
               EXISTS (SELECT 1 FROM regions WHERE name = $2::text),
               coalesce((SELECT o.policy_epoch FROM organization_members om JOIN organizations o ON o.id = om.organization_id
                         WHERE om.account_id = a.id), -1)
        FROM access_keys k JOIN accounts a ON a.id = k.account_id
        LEFT JOIN iam_users u ON u.user_id = k.user_id
        WHERE k.access_key_id = $1::text
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text]
    typealias Row = (String, String, String, String, String?, String, Data, String, Int64, String, Bool, Int64)

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
