import PostgresNIO

extension Transaction {
    /// Runs a `SELECT … FOR UPDATE/SHARE` and reads its rows to the end, so the locks are certainly held when
    /// it returns; true when a row was locked.
    @discardableResult
    func lockRows(_ q: PostgresQuery) async throws -> Bool {
        var any = false
        for try await _ in try await query(q).decode(Int.self) { any = true }
        return any
    }
}
