import ArgumentParser

@main
struct Cairn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cairn",
        abstract: "Cairn: organizations, identities, policies and trails, with AWS's semantics.",
        subcommands: [Serve.self, Migrate.self, PolicyCommand.self, AccountCommand.self, RegionCommand.self, ValidateLogsCommand.self, DecryptCommand.self])
}
