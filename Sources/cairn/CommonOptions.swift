import ArgumentParser
import CairnCore
import CairnServer
import Foundation
import Logging

/// The settings every command shares; each flag defaults to its environment variable.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory (CAIRN_DATA_DIR); holds the embedded PostgreSQL, credentials and master key.")
    var dataDir: String = env("CAIRN_DATA_DIR") ?? ".cairn"

    @Option(name: .customLong("database-url"), help: "postgres://user:password@host:5432/db (DATABASE_URL). Unset: embedded PostgreSQL.")
    var databaseURL: String = env("DATABASE_URL") ?? ""

    @Option(name: .customLong("regions"), help: "Comma-separated regions (CAIRN_REGIONS).")
    var regions: String = env("CAIRN_REGIONS") ?? "us-east-1,us-east-2,us-west-1,us-west-2,eu-west-1,eu-central-1,ap-southeast-1,ap-northeast-1"

    @Option(name: .customLong("partition"), help: "ARN partition (CAIRN_PARTITION).")
    var partition: String = env("CAIRN_PARTITION") ?? "aws"

    @Option(
        name: .customLong("master-key-file"),
        help: "File with the base64 AES-256 key sealing stored secrets (CAIRN_MASTER_KEY_FILE). Unset: DATA_DIR/master.key, created if missing.")
    var masterKeyFile: String = env("CAIRN_MASTER_KEY_FILE") ?? ""

    @Option(
        name: .customLong("migrations-dir"),
        help: "Directory of NNNN_name.sql migrations (CAIRN_MIGRATIONS_DIR). Unset: ./migrations or beside the executable's checkout.")
    var migrationsDir: String = env("CAIRN_MIGRATIONS_DIR") ?? ""

    @Option(name: .customLong("log-format"), help: "text or json (CAIRN_LOG_FORMAT).")
    var logFormat: String = env("CAIRN_LOG_FORMAT") ?? "text"

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error (CAIRN_LOG_LEVEL).")
    var logLevel: String = env("CAIRN_LOG_LEVEL") ?? "info"

    func validate() throws {
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level '\(logLevel)' is not a log level") }
    }

    func configuration(listen: String = "127.0.0.1:8080", applyMigrations: Bool = true) throws -> CairnConfiguration {
        var config = try CairnConfiguration(
            dataDirectory: dataDir, databaseURL: databaseURL, listen: listen, regions: regions, partition: partition,
            rootAccessKeyId: env("CAIRN_ROOT_ACCESS_KEY_ID"), rootSecretAccessKey: env("CAIRN_ROOT_SECRET_ACCESS_KEY"),
            masterKeyFile: masterKeyFile, migrationsDirectory: migrationsDir, applyMigrations: applyMigrations)
        config.delivery = try DeliverySettings.fromEnvironment(ProcessInfo.processInfo.environment)
        config.insights = try InsightSettings.fromEnvironment(ProcessInfo.processInfo.environment)
        config.lake = try LakeSettings.fromEnvironment(ProcessInfo.processInfo.environment)
        if let url = ProcessInfo.processInfo.environment["DATABASE_READ_URL"], !url.isEmpty {
            try config.readFrom(url)
        }
        if let role = ProcessInfo.processInfo.environment["CAIRN_SERVICE_ROLE"] {
            guard role.isEmpty || role.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ValidationError("CAIRN_SERVICE_ROLE must be a role name of letters, digits and _ (or empty)")
            }
            config.serviceRole = role.isEmpty ? nil : role
        }
        if let text = ProcessInfo.processInfo.environment["CAIRN_ORGANIZATION_ACCOUNT_LIMIT"] {
            guard let limit = Int(text), (1...OrganizationLimits.maximumAccountLimit).contains(limit) else {
                throw ValidationError("CAIRN_ORGANIZATION_ACCOUNT_LIMIT must be a whole number from 1 to \(OrganizationLimits.maximumAccountLimit)")
            }
            config.organizationAccountLimit = limit
        }
        if let text = ProcessInfo.processInfo.environment["CAIRN_ACCOUNT_CLOSURE_SECONDS"] {
            guard let seconds = Int(text), (0...86_400).contains(seconds) else {
                throw ValidationError("CAIRN_ACCOUNT_CLOSURE_SECONDS must be a whole number of seconds from 0 to 86400")
            }
            config.accountClosureSeconds = seconds
        }
        if let text = ProcessInfo.processInfo.environment["CAIRN_EVENT_RETENTION_DAYS"] {
            guard let days = Int(text), (EventRetention.minimumDays...EventRetention.maximumDays).contains(days) else {
                throw ValidationError(
                    "CAIRN_EVENT_RETENTION_DAYS must be a whole number of days from \(EventRetention.minimumDays) to \(EventRetention.maximumDays)")
            }
            config.eventRetention = EventRetention(configuredDays: days)
        }
        if let path = ProcessInfo.processInfo.environment["CAIRN_OIDC_CA_FILE"], !path.isEmpty {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ValidationError("CAIRN_OIDC_CA_FILE names \(path), which cannot be read")
            }
            config.oidcCAFile = path
        }
        if let text = ProcessInfo.processInfo.environment["CAIRN_OIDC_ALLOW_PRIVATE_NETWORKS"] {
            guard ["true", "false"].contains(text) else { throw ValidationError("CAIRN_OIDC_ALLOW_PRIVATE_NETWORKS must be true or false") }
            config.oidcAllowsPrivateNetworks = text == "true"
        }
        if let text = ProcessInfo.processInfo.environment["CAIRN_DRAIN_TIMEOUT_SECONDS"] {
            guard let seconds = Int(text), (1...3_600).contains(seconds) else {
                throw ValidationError("CAIRN_DRAIN_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 3600")
            }
            config.drainTimeoutSeconds = seconds
        }
        return config
    }

    /// Bootstraps swift-log once for the process.
    func makeLogger() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let json = logFormat == "json"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : TextLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "cairn")
    }
}

func env(_ name: String) -> String? {
    guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { return nil }
    return v
}
