import PostgresNIO

/// The trails an account could see anywhere: its own, and its organization's organization trails. Every
/// trail read starts here, so it is prepared once per connection.
struct TrailCandidatesLookup: RowStatement {
    static let sql = """
        SELECT \(TrailRepository.columns) FROM trails
        WHERE owner_account_id = $1::text OR ($2::text IS NOT NULL AND organization_id = $2::text)
        ORDER BY id
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text]

    let account: String
    let organizationId: String?

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(account)
        bindings.append(organizationId)
        return bindings
    }
}
