import ArgumentParser
import CairnServer
import Foundation

/// The entry point: Swift concurrency is moved onto NIO's event loops before the first task starts, then the
/// command runs.
@main
enum CairnMain {
    static func main() {
        // CAIRN_EXECUTOR_HOOK=cairn: Cairn's own hook even where NIO's would take (ServeProcessTests runs both).
        EventLoopExecutor.install(tryingNIOFirst: ProcessInfo.processInfo.environment["CAIRN_EXECUTOR_HOOK"] != "cairn")
        Task {
            await Cairn.main()
            exit(0)
        }
        dispatchMain()
    }
}

struct Cairn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cairn",
        abstract: "Cairn: organizations, identities, policies and trails, with AWS's semantics.",
        subcommands: [
            Serve.self, Migrate.self, PolicyCommand.self, AccountCommand.self, RegionCommand.self, OrganizationCommand.self,
            ValidateLogsCommand.self, DecryptCommand.self, InsightsCommand.self,
        ])
}
