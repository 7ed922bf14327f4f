package import CairnCore
import CairnStore
package import Foundation

/// Everything `cairn` reads from its environment and flags, resolved once at start.
package struct CairnConfiguration: Sendable {
    package var dataDirectory: URL
    package var databaseURL: String?
    /// A streaming replica (`DATABASE_READ_URL`, libpq's form, one host or several): it serves event history,
    /// its export, Lake queries and log validation; writes and what they depend on stay on DATABASE_URL.
    package var databaseReadURL: String?
    package var listenHost: String
    package var listenPort: Int
    package var regions: [String]
    package var partition: String
    package var rootAccessKeyId: String?
    package var rootSecretAccessKey: String?
    package var masterKeyFile: String?
    package var migrationsDirectory: String?
    package var applyMigrations: Bool
    package var delivery = DeliverySettings()
    package var insights = InsightSettings()
    package var lake = LakeSettings()
    /// The role `cairn serve` switches to for its work (migration 0012); nil keeps the connecting user's own
    /// rights (CAIRN_SERVICE_ROLE set to empty).
    package var serviceRole: String? = "cairn_service"
    /// The account quota a new organization starts with: AWS's 10 unless `CAIRN_ORGANIZATION_ACCOUNT_LIMIT` says otherwise.
    package var organizationAccountLimit = OrganizationLimits.defaultAccountLimit
    /// How long SIGTERM waits for calls under way before cancelling them (`CAIRN_DRAIN_TIMEOUT_SECONDS`): a load
    /// balancer's deregistration delay usually covers it.
    package var drainTimeoutSeconds = 15
    /// How long after CloseAccount an account's closure completes (`CAIRN_ACCOUNT_CLOSURE_SECONDS`): AWS says "a
    /// few minutes"; the default is one.
    package var accountClosureSeconds = 60
    /// How long the event log keeps events (`CAIRN_EVENT_RETENTION_DAYS`, at least event history's 90 days; event
    /// data stores with a longer retention keep theirs).
    package var eventRetention = EventRetention()
    /// `CAIRN_OIDC_CA_FILE`: the authorities an OpenID Connect provider without thumbprints must chain to.
    package var oidcCAFile: String? = nil
    /// `CAIRN_OIDC_ALLOW_PRIVATE_NETWORKS`: OpenID Connect providers may be on loopback or private networks.
    package var oidcAllowsPrivateNetworks = false

    package init(
        dataDirectory: String, databaseURL: String?, listen: String, regions: String, partition: String,
        rootAccessKeyId: String?, rootSecretAccessKey: String?, masterKeyFile: String?, migrationsDirectory: String?,
        applyMigrations: Bool
    ) throws(ConfigurationError) {
        self.dataDirectory = URL(fileURLWithPath: dataDirectory).standardizedFileURL
        self.databaseURL = databaseURL.flatMap { $0.isEmpty ? nil : $0 }
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw ConfigurationError("CAIRN_LISTEN must be HOST:PORT, e.g. 127.0.0.1:8080 (got '\(listen)')") }
        listenHost = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        listenPort = port
        self.regions = regions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !self.regions.isEmpty else { throw ConfigurationError("CAIRN_REGIONS must name at least one region") }
        for r in self.regions where !RegionName.isValid(r) {
            throw ConfigurationError("CAIRN_REGIONS: '\(r)' is not a region name like us-east-1")
        }
        guard ["aws", "aws-cn", "aws-us-gov"].contains(partition) else {
            throw ConfigurationError("CAIRN_PARTITION must be aws, aws-cn or aws-us-gov (got '\(partition)')")
        }
        self.partition = partition
        switch (rootAccessKeyId?.isEmpty == false, rootSecretAccessKey?.isEmpty == false) {
        case (true, true):
            guard let id = rootAccessKeyId, id.count >= 16, id.count <= 128, id.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                throw ConfigurationError("CAIRN_ROOT_ACCESS_KEY_ID must be 16–128 letters and digits")
            }
            guard let secret = rootSecretAccessKey, secret.count >= 16 else {
                throw ConfigurationError("CAIRN_ROOT_SECRET_ACCESS_KEY must be at least 16 characters")
            }
            self.rootAccessKeyId = id
            self.rootSecretAccessKey = secret
        case (false, false):
            self.rootAccessKeyId = nil
            self.rootSecretAccessKey = nil
        default:
            throw ConfigurationError("set both CAIRN_ROOT_ACCESS_KEY_ID and CAIRN_ROOT_SECRET_ACCESS_KEY, or neither")
        }
        self.masterKeyFile = masterKeyFile.flatMap { $0.isEmpty ? nil : $0 }
        self.migrationsDirectory = migrationsDirectory.flatMap { $0.isEmpty ? nil : $0 }
        self.applyMigrations = applyMigrations
    }

    /// Sets `DATABASE_READ_URL` once it parses as libpq's URL.
    package mutating func readFrom(_ url: String) throws(ConfigurationError) {
        do { _ = try DatabaseURL(url) } catch { throw ConfigurationError("DATABASE_READ_URL: \(error.description)") }
        databaseReadURL = url
    }

    package var credentialsFile: URL { dataDirectory.appendingPathComponent("credentials") }
    package var resolvedMasterKeyFile: String { masterKeyFile ?? dataDirectory.appendingPathComponent("master.key").path }
}

/// A configuration mistake: reported as one line, and cairn exits 1.
package struct ConfigurationError: Error, CustomStringConvertible {
    package let description: String
    package init(_ d: String) { description = d }
}
