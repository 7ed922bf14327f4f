import PostgresNIO

extension Transaction {
    /// Runs a named statement: PostgreSQL parses and plans it once per connection instead of once per call,
    /// which is most of a short lookup's cost. Used for the statements every signed call runs.
    func execute<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row] {
        try await connection().guardedExecute(statement, logger: logger)
    }
}

/// A statement whose rows are decoded by the repository that runs it, column by column.
protocol RowStatement: PostgresPreparedStatement where Row == PostgresRow {}

extension RowStatement {
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
