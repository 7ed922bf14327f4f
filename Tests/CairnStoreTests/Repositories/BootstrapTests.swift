import CairnCore
import CairnTestSupport
import Crypto
import Foundation
import Logging
import Testing

@testable import CairnStore

@Suite struct BootstrapTests {
    let logger = Logger(label: "test")

    @Test func firstRunCreatesRegionsAndTheOperatorWithGeneratedCredentialsShownOnce() async throws {
        try await withTestStore { store in
            let first = try await Bootstrap(regions: ["us-east-1", "eu-west-1"], rootCredentials: nil).run(on: store, logger: logger)
            let secret = try #require(first.generatedSecret)
            let keyId = try #require(first.accessKeyId)
            #expect(keyId.hasPrefix("AKIA") && keyId.count == 20)
            #expect(secret.count == 40)
            #expect(first.addedRegions.sorted() == ["eu-west-1", "us-east-1"])
            let second = try await Bootstrap(regions: ["us-east-1", "eu-west-1", "ap-south-1"], rootCredentials: nil).run(on: store, logger: logger)
            #expect(second.operatorAccount == first.operatorAccount)
            #expect(second.generatedSecret == nil)
            #expect(second.addedRegions == ["ap-south-1"])
            let key = try await store.read(logger: logger) { tx in try await tx.accessKeys.lookup(keyId) }
            #expect(key?.secret == secret)
            #expect(key?.principal.arn == "arn:aws:iam::\(first.operatorAccount):root")
        }
    }

    @Test func configuredCredentialsAreStoredSealedNotInClear() async throws {
        try await withTestStore { store in
            let secret = "configured-secret-value-123456"
            _ = try await Bootstrap(regions: ["us-east-1"], rootCredentials: ("AKIACONFIGURED000001", secret)).run(on: store, logger: logger)
            let rows = try await store.client.query("SELECT secret_sealed FROM access_keys WHERE access_key_id = 'AKIACONFIGURED000001'")
            var sealed: [Data] = []
            for try await d in rows.decode(Data.self) { sealed.append(d) }
            #expect(sealed.count == 1)
            #expect(!String(decoding: sealed[0], as: UTF8.self).contains(secret))
            #expect(try store.secrets.open(sealed[0]) == secret)
        }
    }

    @Test func aDifferentMasterKeyIsRefusedAtBootstrap() async throws {
        try await withTestStore { store in
            _ = try await Bootstrap(regions: ["us-east-1"], rootCredentials: nil).run(on: store, logger: logger)
            let other = Store(client: store.client, secrets: SecretBox(key: SymmetricKey(size: .bits256)), partition: "aws")
            await #expect(throws: BootstrapError.self) {
                _ = try await Bootstrap(regions: ["us-east-1"], rootCredentials: nil).run(on: other, logger: logger)
            }
            _ = try await Bootstrap(regions: ["us-east-1"], rootCredentials: nil).run(on: store, logger: logger)
        }
    }

    @Test func concurrentBootstrapsCreateOneOperator() async throws {
        try await withTestStore { store in
            let ids = try await withThrowingTaskGroup(of: AccountId.self) { group in
                for _ in 0..<5 {
                    group.addTask { try await Bootstrap(regions: ["us-east-1"], rootCredentials: nil).run(on: store, logger: logger).operatorAccount }
                }
                var all = Set<AccountId>()
                for try await id in group { all.insert(id) }
                return all
            }
            #expect(ids.count == 1)
        }
    }
}

@Suite struct SecretBoxTests {
    @Test func sealedSecretsOpenOnlyWithTheirKey() throws {
        let box = SecretBox(key: SymmetricKey(size: .bits256))
        let sealed = try box.seal("s3cret")
        #expect(try box.open(sealed) == "s3cret")
        #expect(try box.seal("s3cret") != sealed, "each seal uses a fresh nonce")
        #expect(throws: (any Error).self) { try SecretBox(key: SymmetricKey(size: .bits256)).open(sealed) }
    }

    @Test func keyFileIsCreatedPrivateAndReadBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID())/master.key").path
        let key = try SecretBox.loadKey(at: path, create: true)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try SecretBox.loadKey(at: path, create: false)
        #expect(key.withUnsafeBytes { Data($0) } == again.withUnsafeBytes { Data($0) })
        try "not a key".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: SecretBoxError.self) { try SecretBox.loadKey(at: path, create: false) }
        #expect(throws: SecretBoxError.self) { try SecretBox.loadKey(at: path + ".missing", create: false) }
    }
}
