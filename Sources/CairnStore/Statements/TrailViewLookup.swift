import PostgresNIO

/// What every trail call that names a trail needs, in one round trip: the caller's organization, whether it
/// is a delegated administrator for a service, and the trails it could see anywhere (its own and its
/// organization's organization trails). Prepared once per connection. Always at least one row; with no trail,
/// its trail columns are NULL.
struct TrailViewLookup: RowStatement {
    static let sql = """
        SELECT v.viewer_organization_id, v.viewer_is_delegated, t.*
        FROM (SELECT (SELECT organization_id FROM organization_members WHERE account_id = $1::text) AS viewer_organization_id,
                     EXISTS (SELECT 1 FROM organization_delegated_administrators
                             WHERE account_id = $1::text AND service_principal = $2::text) AS viewer_is_delegated) v
        LEFT JOIN LATERAL (
            SELECT \(TrailRepository.columns) FROM trails
            WHERE owner_account_id = $1::text OR (v.viewer_organization_id IS NOT NULL AND organization_id = v.viewer_organization_id)
        ) t ON true
        ORDER BY t.id
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text]

    let account: String
    let servicePrincipal: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(account)
        bindings.append(servicePrincipal)
        return bindings
    }
}
