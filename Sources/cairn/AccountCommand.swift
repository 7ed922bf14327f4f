import ArgumentParser
import CairnServer
import Foundation

/// `cairn account create`: a standalone tenant account and its root credentials, shown once.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Administer tenant accounts (operator).", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a standalone account; prints its id and its root user's access key (shown once).")

        @OptionGroup var common: CommonOptions

        @Option(help: "Account name (1–50 printable ASCII characters).")
        var name: String

        @Option(help: "Account email (unique, case-insensitively).")
        var email: String

        @Flag(help: "Print the result as one JSON object.")
        var json = false

        func run() async throws {
            let logger = common.makeLogger()
            try await FailureReport.exitOnFailure {
                let c = try await CairnRuntime.createAccount(try common.configuration(), name: name, email: email, logger: logger)
                if json {
                    let object = [
                        "accountId": c.accountId, "name": c.name, "email": c.email, "accessKeyId": c.accessKeyId,
                        "secretAccessKey": c.secretAccessKey,
                    ]
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                    print(String(decoding: data, as: UTF8.self))
                } else {
                    print(
                        """
                        Created account \(c.accountId) (\(c.name), \(c.email)). Its root credentials (shown once):
                          aws_access_key_id     = \(c.accessKeyId)
                          aws_secret_access_key = \(c.secretAccessKey)
                        """)
                }
            }
        }
    }
}

/// `cairn region add`: a region, effective at once in every running process.
struct RegionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region", abstract: "Administer the service's regions (operator).", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a region; running servers serve it at once.")

        @OptionGroup var common: CommonOptions

        @Argument(help: "Region name, e.g. eu-south-2.")
        var name: String

        func run() async throws {
            let logger = common.makeLogger()
            try await FailureReport.exitOnFailure {
                let added = try await CairnRuntime.addRegion(try common.configuration(), name: name, logger: logger)
                print(added ? "Added region \(name)." : "Region \(name) already exists.")
            }
        }
    }
}
