import PostgresNIO
package import CairnCore

package struct AccountRecord: Sendable, Equatable {
    package let id: AccountId
    package let name: String
    package let email: String
    package let status: String
    package let isOperator: Bool
}

package struct AccountRepository: Sendable {
    let tx: Transaction

    package func operatorAccount() async throws -> AccountRecord? {
        try await first("SELECT id, name, email, status, is_operator FROM accounts WHERE is_operator")
    }

    package func find(_ id: AccountId) async throws -> AccountRecord? {
        try await first("SELECT id, name, email, status, is_operator FROM accounts WHERE id = \(id.value)")
    }

    package func insert(id: AccountId, name: String, email: String, isOperator: Bool) async throws {
        try await tx.query(
            "INSERT INTO accounts (id, name, email, is_operator) VALUES (\(id.value), \(name), \(email), \(isOperator))")
    }

    private func first(_ q: PostgresQuery) async throws -> AccountRecord? {
        for try await (id, name, email, status, op) in try await tx.query(q).decode((String, String, String, String, Bool).self) {
            guard let accountId = AccountId(id) else { continue }
            return AccountRecord(id: accountId, name: name, email: email, status: status, isOperator: op)
        }
        return nil
    }
}
