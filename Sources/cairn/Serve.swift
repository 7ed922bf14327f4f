import ArgumentParser
import CairnServer
import Metrics
import Prometheus

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the service (HTTP on CAIRN_LISTEN) until SIGINT or SIGTERM.")

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("listen"), help: "HOST:PORT to listen on (CAIRN_LISTEN).")
    var listen: String = env("CAIRN_LISTEN") ?? "127.0.0.1:8080"

    @Flag(name: .customLong("skip-migrations"), help: "Do not apply pending migrations; refuse to start if any are pending.")
    var skipMigrations = false

    func run() async throws {
        let logger = common.makeLogger()
        if !EventLoopExecutor.isInstalled {
            // Still correct, only slower: every request and query hops between Dispatch's threads and NIO's.
            logger.warning("Swift's tasks run on Dispatch's threads: the runtime's enqueue hook could not be set")
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        try await FailureReport.exitOnFailure {
            let config = try common.configuration(listen: listen, applyMigrations: !skipMigrations)
            try await CairnRuntime.serve(config, registry: registry, logger: logger)
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let logger = common.makeLogger()
        try await FailureReport.exitOnFailure {
            let applied = try await CairnRuntime.migrate(try common.configuration(), logger: logger)
            print(applied.isEmpty ? "The database is up to date." : "Applied \(applied.count) migration(s): \(applied.joined(separator: ", "))")
        }
    }
}
