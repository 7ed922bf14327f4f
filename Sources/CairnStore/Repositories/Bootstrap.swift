package import CairnCore
import Foundation
package import Logging
import PostgresNIO

/// Makes an empty database usable: the configured regions and the operator's account with root credentials.
/// Runs in one transaction under an advisory lock, so processes starting together bootstrap once.
package struct Bootstrap: Sendable {
    package struct Outcome: Sendable {
        package let operatorAccount: AccountId
        package let accessKeyId: String?
        /// Present only when this call generated the credentials: they are shown once.
        package let generatedSecret: String?
        package let addedRegions: [String]
    }

    static let lockKey: Int64 = 0x6361_6972_6e01

    package let regions: [String]
    package let rootCredentials: (accessKeyId: String, secret: String)?

    package init(regions: [String], rootCredentials: (accessKeyId: String, secret: String)?) {
        self.regions = regions
        self.rootCredentials = rootCredentials
    }

    package func run(on store: Store, logger: Logger) async throws -> Outcome {
        try await store.transaction(logger: logger) { tx in
            try await tx.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            try await verifyMasterKey(tx)
            var added: [String] = []
            for region in regions {
                if try await tx.regions.add(region) { added.append(region) }
            }
            var generator = SystemRandomNumberGenerator()
            let account: AccountId
            var keyId: String?
            var generated: String?
            if let existing = try await tx.accounts.operatorAccount() {
                account = existing.id
            } else {
                account = AccountId.random(using: &generator)
                try await tx.accounts.insert(id: account, name: "operator", email: "operator@cairn.invalid", isOperator: true)
                if rootCredentials == nil {
                    let id = AccessKeyFormat.newId(using: &generator)
                    let secret = AccessKeyFormat.newSecret(using: &generator)
                    try await tx.accessKeys.putRootKey(account: account, accessKeyId: id, secret: secret)
                    keyId = id
                    generated = secret
                }
            }
            if let given = rootCredentials {
                try await tx.accessKeys.putRootKey(account: account, accessKeyId: given.accessKeyId, secret: given.secret)
                keyId = given.accessKeyId
            }
            return Outcome(operatorAccount: account, accessKeyId: keyId, generatedSecret: generated, addedRegions: added)
        }
    }

    static let keyCheckPlaintext = "cairn master key check"

    /// Seals a known value on first start; on every later start, the key in use must open it.
    private func verifyMasterKey(_ tx: Transaction) async throws {
        var sealed: Data?
        for try await value in try await tx.query("SELECT sealed FROM master_key_check WHERE id = 1").decode(Data.self) {
            sealed = value
        }
        guard let sealed else {
            let fresh = try tx.secrets.seal(Self.keyCheckPlaintext)
            try await tx.query("INSERT INTO master_key_check (id, sealed) VALUES (1, \(fresh))")
            return
        }
        guard (try? tx.secrets.open(sealed)) == Self.keyCheckPlaintext else { throw BootstrapError.masterKeyMismatch }
    }
}

package enum BootstrapError: Error, CustomStringConvertible {
    case masterKeyMismatch

    package var description: String {
        switch self {
        case .masterKeyMismatch:
            "the master key (CAIRN_MASTER_KEY_FILE) is not the one this database's secrets were sealed with; every process on one database needs the same key"
        }
    }
}
