package import CairnCore

/// What the HTTP application needs to know that it cannot ask the database for on every request.
package struct ServerSettings: Sendable {
    package var host: String
    package var port: Int
    package var partition: String
    /// The bootstrap account: the only one whose principals may ever be allowed `cairn:` operator actions.
    package var operatorAccount: AccountId
    /// How many migrations this build knows: /readyz is ready only when the database has them all.
    package var migrationCount: Int
    /// The account quota a new organization starts with (`CAIRN_ORGANIZATION_ACCOUNT_LIMIT`).
    package var organizationAccountLimit = OrganizationLimits.defaultAccountLimit
    /// The PEM file of authorities an OpenID Connect provider without thumbprints must chain to
    /// (`CAIRN_OIDC_CA_FILE`); nil: the system's trust store.
    package var oidcCAFile: String? = nil
    /// Whether an OpenID Connect provider may be on a loopback or private network (`CAIRN_OIDC_ALLOW_PRIVATE_NETWORKS`).
    package var oidcAllowsPrivateNetworks = false

    /// AWS's largest request bodies (cloudtrail-data PutAuditEvents) stay under 1 MiB.
    static let maxBodyBytes = 2 * 1024 * 1024

    package init(host: String, port: Int, partition: String, operatorAccount: AccountId, migrationCount: Int) {
        self.host = host
        self.port = port
        self.partition = partition
        self.operatorAccount = operatorAccount
        self.migrationCount = migrationCount
    }
}
