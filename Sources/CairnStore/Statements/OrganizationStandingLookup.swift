import Foundation
import PostgresNIO

/// An account's organization and whether it is a delegated administrator: read by every organization and
/// trail call, so it is prepared once per connection. (The locking variant, for writes, is not.)
struct OrganizationStandingLookup: PostgresPreparedStatement {
    static let sql = """
        SELECT \(OrganizationRepository.organizationColumns),
               EXISTS (SELECT 1 FROM organization_delegated_administrators d WHERE d.account_id = m.account_id)
        FROM organization_members m JOIN organizations o ON o.id = m.organization_id
        JOIN accounts ma ON ma.id = o.management_account_id
        WHERE m.account_id = $1::text
        """
    static let bindingDataTypes: [PostgresDataType] = [.text]
    typealias Row = (String, String, String, String, String, String, [String], Int, Int64, Date, Bool)

    let account: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(account)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
