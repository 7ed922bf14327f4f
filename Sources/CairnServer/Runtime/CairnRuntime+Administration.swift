import CairnCore
import CairnStore
import Foundation
package import Logging
import PostgresNIO

/// `cairn account …` and `cairn region …`: the operator's administration straight on the database, run
/// through the same catalogue operations as the REST API as the operator account's root user, so the
/// change is authorized and recorded as an event like any call.
extension CairnRuntime {
    package struct CreatedAccount: Sendable {
        package let accountId: String
        package let name: String
        package let email: String
        package let accessKeyId: String
        package let secretAccessKey: String
    }

    package static func createAccount(_ config: CairnConfiguration, name: String, email: String, logger: Logger) async throws -> CreatedAccount {
        try await administer(config, logger: logger) { admin in
            let c = try await admin.createAccount(name: name, email: email)
            return CreatedAccount(
                accountId: c.account.id.value, name: c.account.name, email: c.account.email, accessKeyId: c.accessKeyId,
                secretAccessKey: c.secretAccessKey)
        }
    }

    /// True when the region is new.
    package static func addRegion(_ config: CairnConfiguration, name: String, logger: Logger) async throws -> Bool {
        try await administer(config, logger: logger) { admin in try await admin.addRegion(name) }
    }

    private static func administer<R: Sendable>(
        _ config: CairnConfiguration, logger: Logger, _ body: @escaping @Sendable (AccountAdministration) async throws -> R
    ) async throws -> R {
        try await withStore(config, logger: logger) { store in
            let operatorAccount = try await store.read(logger: logger) { tx -> AccountId? in
                guard try await tx.appliedMigrationCount() > 0 else { return nil }
                return try await tx.accounts.operatorAccount()?.id
            }
            guard let operatorAccount else {
                throw ConfigurationError("the database has no operator account yet: start `cairn serve` once first")
            }
            let runner = OperationRunner(
                store: store, authorizer: Authorizer(operatorAccount: operatorAccount, partition: config.partition, store: store))
            let scope = RequestScope(
                requestId: UUID().uuidString.lowercased(),
                principal: .root(of: operatorAccount, partition: config.partition, accessKeyId: ""),
                region: config.regions.first ?? "us-east-1", sourceIP: "127.0.0.1", userAgent: "cairn-cli", logger: logger, received: Date(),
                policyEpoch: -1)
            return try await RequestScope.$current.withValue(scope) { try await body(AccountAdministration(runner: runner)) }
        }
    }
}
