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
        let c = try await administer(
            config, logger: logger, TenancyOperations.createAccount, TenancyModel.CreateAccountInput(name: name, email: email))
        return CreatedAccount(
            accountId: c.account.id, name: c.account.name, email: c.account.email, accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey)
    }

    package struct OrganizationAccountLimit: Sendable {
        package var organizationId: String
        package var accountLimit: Int
        package var accountCount: Int
    }

    /// One organization's account quota, set through the runner like `PUT /v1/organizations/{id}/account-limit`.
    package static func setOrganizationAccountLimit(
        _ config: CairnConfiguration, organizationId: String, limit: Int, logger: Logger
    ) async throws -> OrganizationAccountLimit {
        let set = try await administer(
            config, logger: logger, TenancyOperations.updateOrganizationAccountLimit,
            TenancyModel.OrganizationAccountLimitInput(organizationId: organizationId, accountLimit: limit))
        return OrganizationAccountLimit(organizationId: set.organizationId, accountLimit: set.accountLimit, accountCount: set.accountCount)
    }

    /// True when the region is new.
    package static func addRegion(_ config: CairnConfiguration, name: String, logger: Logger) async throws -> Bool {
        try await administer(config, logger: logger, TenancyOperations.addRegion, TenancyModel.RegionInput(name: name)).isNew
    }

    /// `cairn insights evaluate`: one Insights pass now (after a backfill of the baseline's counts when asked),
    /// and how long each took.
    package static func evaluateInsights(
        _ config: CairnConfiguration, backfill: Bool, logger: Logger
    ) async throws -> (report: InsightEvaluator.Report, backfilledDays: Int, backfillSeconds: Double, passSeconds: Double) {
        try await withStore(config, logger: logger) { store in
            let evaluator = InsightEvaluator(
                store: store, baselineSeconds: config.insights.baselineSeconds, intervalSeconds: max(1, config.insights.intervalSeconds),
                logger: logger)
            let clock = ContinuousClock()
            var days = 0
            let backfillTime = try await clock.measure { if backfill { days = try await evaluator.backfill() } }
            var report = InsightEvaluator.Report()
            let passTime = try await clock.measure { report = try await evaluator.evaluate() }
            return (report, days, backfillTime.seconds, passTime.seconds)
        }
    }

    /// Runs one operation as the operator account's root user, through the runner like any call.
    private static func administer<Input, Output>(
        _ config: CairnConfiguration, logger: Logger, _ operation: Operation<Input, Output>, _ input: Input
    ) async throws -> Output {
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
            do throws(OperationFailure) {
                return try await runner.run(operation, in: scope) { input }
            } catch {
                throw error.error
            }
        }
    }
}
