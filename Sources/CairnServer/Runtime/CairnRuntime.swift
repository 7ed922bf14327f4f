import CairnCore
import CairnStore
import Foundation
import Hummingbird
package import Logging
import NIOCore
import PostgresNIO
package import Prometheus
import ServiceLifecycle

/// The long-running and one-shot commands of the `cairn` executable, kept here so the executable only
/// parses flags.
package enum CairnRuntime {
    /// `cairn serve`: database, migrations, bootstrap, then HTTP until SIGINT/SIGTERM.
    package static func serve(_ config: CairnConfiguration, registry: PrometheusCollectorRegistry?, logger: Logger) async throws {
        let session = try await DatabaseSession.open(config, logger: logger)
        defer { stopEmbedded(session, logger: logger) }
        ExitWatchdog.armOnTermination(after: config.drainTimeoutSeconds + 10) { stopEmbedded(session, logger: logger) }
        let secrets = SecretBox(key: try SecretBox.loadKey(at: config.resolvedMasterKeyFile, create: config.masterKeyFile == nil))
        let migrations = try loadMigrations(config)
        // Migrations run as the database owner; everything else as the service role (migration 0012), which may
        // insert and read events but never update or delete them.
        let owner = session.pool(logger: logger)
        let role = config.serviceRole
        let asService: (inout PostgresClient.Configuration) -> Void = { configuration in
            configuration = configuration.servicePool()
            if let role { configuration.options.additionalStartupParameters.append(("options", "-c role=\(role)")) }
        }
        let pool = session.pool(logger: logger, asService)
        let store = Store(pool: pool, secrets: secrets, partition: config.partition)
        // The group commit's connections, on an event loop of their own (EventLane).
        let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let eventPool = session.pool(logger: logger, on: eventLoops) { configuration in
            asService(&configuration)
            configuration.options.minimumConnections = 1
            configuration.options.maximumConnections = 2
        }
        let eventLane = EventLane(store: Store(pool: eventPool, secrets: secrets, partition: config.partition), loop: eventLoops.next())
        // Lake queries run on connections of their own, so a long query never holds one the API needs.
        let asLake: (inout PostgresClient.Configuration) -> Void = { configuration in
            asService(&configuration)
            configuration.options.minimumConnections = 0
            configuration.options.maximumConnections = config.lake.poolConnections
        }
        // A streaming replica (DATABASE_READ_URL) serves Lake queries and event-history reads on pools of its own.
        let readURL = try config.databaseReadURL.map { try DatabaseURL($0) }
        func replicaPool(_ shape: (inout PostgresClient.Configuration) -> Void) throws -> DatabasePool? {
            guard let readURL else { return nil }
            let endpoints = try readURL.endpoints().map { endpoint in
                var shaped = endpoint
                shape(&shaped.pool)
                return shaped
            }
            return DatabasePool(endpoints: endpoints, attributes: readURL.targetSessionAttributes, logger: logger)
        }
        let lakePool = try replicaPool(asLake) ?? session.pool(logger: logger, asLake)
        let eventReads = try replicaPool { configuration in
            asService(&configuration)
            configuration.options.minimumConnections = 2
            configuration.options.maximumConnections = 16
        }
        let replicaStore = eventReads.map { Store(pool: $0, secrets: secrets, partition: config.partition) }
        let lakeStore = Store(pool: lakePool, secrets: secrets, partition: config.partition)
        // The service role exists once the migrations ran: its pools open then.
        let servicePool = GatedService(pool)
        let eventGate = GatedService(eventPool)
        let lakeGate = GatedService(lakePool)
        let replicaGate = eventReads.map { GatedService($0) }
        // The pools come first and stop last; the server (HTTP and the background work) stops first.
        let server = CairnService(
            config: config, store: store, lakeStore: lakeStore, replicaStore: replicaStore, eventLane: eventLane, owner: owner,
            servicePool: servicePool, eventPool: eventGate, lakePool: lakeGate, replicaPool: replicaGate, migrations: migrations, session: session,
            registry: registry, logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [
                .init(service: owner), .init(service: servicePool), .init(service: eventGate), .init(service: lakeGate),
            ] + (replicaGate.map { [.init(service: $0)] } ?? []) + [
                .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup)
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // SIGTERM ends the process within the drain timeout whatever the database does: calls still running when
        // it passes are cancelled, and a process whose tasks ignore even that ends a few seconds later.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(config.drainTimeoutSeconds)
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: groupConfiguration).run()
        try? await eventLoops.shutdownGracefully()
    }

    /// What `cairn serve` runs once the pools do: migrations and bootstrap, then the HTTP application with
    /// delivery, the webhook outbox and maintenance as its services.
    struct CairnService: ServiceLifecycle.Service {
        let config: CairnConfiguration
        let store: Store
        let lakeStore: Store
        let replicaStore: Store?
        let eventLane: EventLane
        let owner: DatabasePool
        let servicePool: GatedService<DatabasePool>
        let eventPool: GatedService<DatabasePool>
        let lakePool: GatedService<DatabasePool>
        let replicaPool: GatedService<DatabasePool>?
        let migrations: [Migration]
        let session: DatabaseSession
        let registry: PrometheusCollectorRegistry?
        let logger: Logger

        func run() async throws {
            do {
                try await serve()
            } catch {
                // The group's cancellation can hang (ExitWatchdog): the failure still ends the process.
                ExitWatchdog.arm(after: 10, status: 1, message: FailureReport.line(for: error)) { [session, logger] in
                    stopEmbedded(session, logger: logger)
                }
                throw error
            }
        }

        private func serve() async throws {
            try await ListenAddressCheck.ensureFree(host: config.listenHost, port: config.listenPort)
            if let pg = session.embedded {
                say(
                    pg.isPlacedAway
                        ? "The embedded PostgreSQL keeps its data in \(pg.clusterPath): its user, \(pg.serverUser ?? ""), may not reach the data directory \(config.dataDirectory.path)."
                        : "The embedded PostgreSQL keeps its data in \(pg.clusterPath).")
            }
            let outcome = try await prepare(
                config, store: store, owner: owner, migrations: migrations, session: session, logger: logger,
                migrated: {
                    await servicePool.open()
                    await eventPool.open()
                    await lakePool.open()
                    await replicaPool?.open()
                })
            try await eventLane.store.pool.waitUntilServing(timeout: .seconds(30))
            var settings = ServerSettings(
                host: config.listenHost, port: config.listenPort, partition: config.partition,
                operatorAccount: outcome.operatorAccount, migrationCount: migrations.count)
            settings.organizationAccountLimit = config.organizationAccountLimit
            settings.oidcCAFile = config.oidcCAFile
            settings.oidcAllowsPrivateNetworks = config.oidcAllowsPrivateNetworks
            let app = try ApplicationBuilder.build(
                settings: settings, store: store, replica: replicaStore, eventLane: eventLane, logger: logger, registry: registry,
                services: background(config, store: store, lakeStore: lakeStore, logger: logger),
                onServerRunning: { [config] channel in announce(config, outcome: outcome, address: channel.localAddress) })
            try await app.run()
        }
    }

    /// Trail delivery every interval (one pass at a time holds the progress row; other processes skip their
    /// turn), the webhook outbox every second (notifications and stream batches go out soon after their pass
    /// commits), and hourly upkeep: the coming days' event partitions, the days past retention (EventRetention), and
    /// sessions that expired more than a day ago (they can no longer authenticate).
    static func background(_ config: CairnConfiguration, store: Store, lakeStore: Store, logger: Logger) -> [any ServiceLifecycle.Service] {
        var worker = LakeQueryWorker(store: store, lakeStore: lakeStore, timeoutSeconds: config.lake.queryTimeoutSeconds, logger: logger)
        worker.buckets = config.delivery.buckets(dataDirectory: config.dataDirectory)
        let lake = worker
        let dashboards = LakeDashboardScheduler(store: store, logger: logger)
        let imports = LakeImportWorker(store: store, buckets: config.delivery.buckets(dataDirectory: config.dataDirectory), logger: logger)
        let delivery = TrailDelivery(
            store: store, buckets: config.delivery.buckets(dataDirectory: config.dataDirectory),
            digestInterval: config.delivery.digestInterval, webhooks: config.delivery.webhooks,
            streamsDirectory: config.delivery.streamsDirectory ?? config.dataDirectory.appendingPathComponent("streams"), logger: logger)
        let sender = WebhookSender(store: store, targets: config.delivery.webhooks, logger: logger)
        let insights = InsightEvaluator(
            store: store, baselineSeconds: config.insights.baselineSeconds, intervalSeconds: config.insights.intervalSeconds, logger: logger)
        let insightWork = RecurringWork(name: "insights", interval: .seconds(max(1, config.insights.intervalSeconds)), logger: logger) {
            let report = try await insights.evaluate()
            if report.started + report.ended > 0 {
                logger.info("insights", metadata: ["started": "\(report.started)", "ended": "\(report.ended)"])
            }
        }
        return (config.insights.isOn ? [insightWork] : []) + [
            RecurringWork(name: "delivery", interval: .seconds(config.delivery.interval), logger: logger) {
                if let report = try await delivery.deliverPending(), report != DeliveryReport() {
                    logger.info(
                        "delivered trail logs",
                        metadata: [
                            "events": "\(report.eventsDelivered)", "files": "\(report.logFiles)", "digests": "\(report.digests)",
                            "failures": "\(report.failures)",
                        ])
                }
            },
            RecurringWork(name: "webhook", interval: .seconds(1), logger: logger) { try await sender.sendDue() },
            // CloseAccount's closures complete here, a few seconds after they are due.
            RecurringWork(name: "account-closure", interval: .seconds(5), logger: logger) { [closure = config.accountClosureSeconds] in
                let closed = try await store.transaction(logger: logger) { tx in
                    try await tx.organizations.completeClosures(requestedBefore: Date().addingTimeInterval(-Double(closure)))
                }
                if closed > 0 { logger.info("closed accounts", metadata: ["accounts": "\(closed)"]) }
            },
            // Queued Lake queries are picked up within a second of their StartQuery.
            RecurringWork(name: "lake", interval: .milliseconds(500), logger: logger) { try await lake.runQueued() },
            RecurringWork(name: "lake-import", interval: .seconds(1), logger: logger) { try await imports.runQueued() },
            // Dashboards with an ENABLED RefreshSchedule, refreshed by CloudTrail itself when due.
            RecurringWork(name: "lake-dashboards", interval: .seconds(60), logger: logger) { [dashboards] in try await dashboards.refreshDue() },
            RecurringWork(name: "maintenance", interval: .seconds(3600), logger: logger) {
                try await store.transaction(logger: logger) { tx in
                    try await tx.events.ensurePartitions()
                    try await tx.sessions.purgeExpired(before: Date().addingTimeInterval(-86_400))
                    try await tx.insights.purgeCounts(before: Date().addingTimeInterval(-90 * 86_400))
                    try await tx.lakeQueries.purge(startedBefore: Date().addingTimeInterval(-Double(LakeQueryLimits.keptDays) * 86_400))
                    _ = try await tx.eventDataStores.purge(
                        deletedBefore: Date().addingTimeInterval(-Double(EventDataStoreRules.pendingDeletionDays) * 86_400))
                }
                try await lake.failAbandoned()
                // Apart from the rest: a day that cannot be locked at once must not undo the upkeep above.
                let dropped = try await store.transaction(logger: logger) { tx in
                    let longest = try await tx.eventDataStores.longestRetentionDays()
                    let firstKept = config.eventRetention.firstKeptDay(now: Date(), longestStoreDays: longest)
                    return try await tx.events.dropExpiredPartitions(before: firstKept)
                }
                if !dropped.isEmpty { logger.info("dropped event days past retention", metadata: ["partitions": "\(dropped)"]) }
            },
        ]
    }

    /// `cairn migrate`: apply pending migrations and exit.
    package static func migrate(_ config: CairnConfiguration, logger: Logger) async throws -> [String] {
        let session = try await DatabaseSession.open(config, logger: logger)
        let migrations = try loadMigrations(config)
        let owner = session.pool(logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await owner.run() }
            defer { group.cancelAll() }
            return try await withDatabaseDeadline(session) {
                try await owner.waitUntilServing(timeout: .seconds(30))
                return try await MigrationRunner(migrations: migrations, logger: logger).run(on: owner)
            }
        }
    }

    fileprivate static func prepare(
        _ config: CairnConfiguration, store: Store, owner: DatabasePool, migrations: [Migration], session: DatabaseSession, logger: Logger,
        migrated: @escaping @Sendable () async -> Void = {}
    ) async throws -> Bootstrap.Outcome {
        try await withDatabaseDeadline(session) {
            let runner = MigrationRunner(migrations: migrations, logger: logger)
            try await owner.waitUntilServing(timeout: .seconds(30))
            if config.applyMigrations {
                try await runner.run(on: owner)
            } else if try await !runner.isCurrent(on: owner) {
                throw ConfigurationError("the database is missing migrations and --skip-migrations was given: run `cairn migrate` first")
            }
            await migrated()
            try await store.pool.waitUntilServing(timeout: .seconds(30))
            try await store.transaction(logger: logger) { tx in try await tx.events.ensurePartitions() }
            let credentials = config.rootAccessKeyId.map { ($0, config.rootSecretAccessKey!) }
            let outcome = try await Bootstrap(regions: config.regions, rootCredentials: credentials).run(on: store, logger: logger)
            if let secret = outcome.generatedSecret, let id = outcome.accessKeyId {
                try writeCredentials(id: id, secret: secret, to: config.credentialsFile)
            }
            return outcome
        }
    }

    /// The first database call gets a deadline, so an unreachable server is one clear line, not a hang.
    private static func withDatabaseDeadline<R: Sendable>(
        _ session: DatabaseSession, _ body: @escaping @Sendable () async throws -> R
    ) async throws -> R {
        try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw ConfigurationError("could not reach the database (\(session.description)) within 30 seconds")
            }
            return value
        }
    }

    private static func loadMigrations(_ config: CairnConfiguration) throws -> [Migration] {
        let executable = CommandLine.arguments.first ?? "cairn"
        guard let dir = Migration.locateDirectory(explicit: config.migrationsDirectory, executablePath: executable) else {
            throw ConfigurationError("cannot find the migrations directory: run cairn from its checkout or set CAIRN_MIGRATIONS_DIR")
        }
        do { return try Migration.load(from: dir) } catch let e as MigrationError { throw e } catch {
            throw ConfigurationError("cannot read migrations in \(dir.path): \(error.localizedDescription)")
        }
    }

    private static func writeCredentials(id: String, secret: String, to file: URL) throws {
        let text = "[default]\naws_access_key_id = \(id)\naws_secret_access_key = \(secret)\n"
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationError("cannot write \(file.path)")
        }
        say(
            """
            Generated root credentials for the operator account (shown once; saved to \(file.path), mode 0600):
              aws_access_key_id     = \(id)
              aws_secret_access_key = \(secret)
            """)
    }

    fileprivate static func announce(_ config: CairnConfiguration, outcome: Bootstrap.Outcome, address: SocketAddress?) {
        let port = address?.port ?? config.listenPort
        let host = config.listenHost == "0.0.0.0" || config.listenHost.isEmpty ? "127.0.0.1" : config.listenHost
        let endpoint = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        let region = config.regions[0]
        let credentials =
            FileManager.default.fileExists(atPath: config.credentialsFile.path)
            ? "AWS_SHARED_CREDENTIALS_FILE=\(config.credentialsFile.path) " : ""
        say(
            """
            Cairn is listening on \(endpoint) (operator account \(outcome.operatorAccount)).
            Try:
              \(credentials)aws sts get-caller-identity --endpoint-url \(endpoint) --region \(region)
              curl --aws-sigv4 "aws:amz:\(region):cairn" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \(endpoint)/v1/regions
            """)
    }

    /// Unbuffered, so a supervisor or test reading stdout sees each line as it is written.
    fileprivate static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    fileprivate static func stopEmbedded(_ session: DatabaseSession, logger: Logger) {
        guard let pg = session.embedded else { return }
        do { try pg.stop() } catch { logger.warning("could not stop the embedded PostgreSQL", metadata: ["error": "\(error)"]) }
    }
}
