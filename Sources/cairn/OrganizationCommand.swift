import ArgumentParser
import CairnServer
import Foundation

/// `cairn organization set-account-limit`: one organization's account quota, without SQL.
struct OrganizationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organization", abstract: "Administer tenants' organizations (operator).", subcommands: [SetAccountLimit.self])

    struct SetAccountLimit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-account-limit",
            abstract: "Set how many accounts (the management account included) an organization may hold; never below what it has.")

        @OptionGroup var common: CommonOptions

        @Option(name: .customLong("organization-id"), help: "The organization (o-…).")
        var organizationId: String

        @Option(help: "The new quota, 1 to 100000.")
        var limit: Int

        func run() async throws {
            let logger = common.makeLogger()
            try await FailureReport.exitOnFailure {
                let set = try await CairnRuntime.setOrganizationAccountLimit(
                    try common.configuration(), organizationId: organizationId, limit: limit, logger: logger)
                print("Organization \(set.organizationId) may now hold \(set.accountLimit) accounts (it has \(set.accountCount)).")
            }
        }
    }
}
