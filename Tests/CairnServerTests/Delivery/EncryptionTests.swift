import CairnServer
import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

/// A trail that names a KMS key stores its log and digest files sealed (AES-256-GCM envelopes under keys Cairn
/// keeps): unreadable without the key, validated with it, and any change to the ciphertext is found.
@Suite struct EncryptionTests {
    @Test func aTrailWithAKmsKeyEncryptsItsFilesAndTheyStillValidate() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server, digestInterval: 0.2)
            let owner = try await server.createTenant("owner")
            let started = Date()
            let arn = try #require(
                try await server.trailOK(
                    "CreateTrail",
                    ["Name": "sealed", "S3BucketName": "sealed-logs", "EnableLogFileValidation": true, "KmsKeyId": "alias/trail-key"],
                    as: owner)["TrailARN"] as? String)
            try await server.trailOK("StartLogging", ["Name": arn], as: owner)
            let bucket = harness.bucket("sealed-logs")
            for round in 0..<2 {
                try await server.trailOK("GetTrail", ["Name": arn], as: owner)
                try await harness.deliver { try await bucket.list(prefix: "").filter { $0.contains("/CloudTrail-Digest/") }.count > round }
                try await Task.sleep(for: .milliseconds(1100))
            }
            let keys = try await bucket.list(prefix: "")
            #expect(keys.contains { $0.contains("/CloudTrail/") } && keys.contains { $0.contains("/CloudTrail-Digest/") })
            for key in keys {
                let body = try #require(try await bucket.get(key: key)).body
                #expect(FileEnvelope.isSealed(body), "\(key) is sealed")
                #expect(FileEnvelope.keyArn(of: body) == "arn:aws:kms:us-east-1:\(owner.account):alias/trail-key")
                #expect((try? Gzip.decompress(body)) == nil, "not readable as gzip")
            }
            let (publicKeys, kms) = try await server.store.read(logger: Logger(label: "t")) { tx in
                (try await tx.digests.allPublicKeys(), try await tx.kmsKeys.all())
            }
            let scope = LogFileValidator.Scope(
                bucketName: "sealed-logs", keyPrefix: nil, organizationId: nil, trailName: "sealed", homeRegion: "us-east-1",
                start: started.addingTimeInterval(-60), end: Date().addingTimeInterval(60))
            let findings = try await LogFileValidator(bucket: bucket, publicKeys: publicKeys, decryptionKeys: kms).validate(scope)
            #expect(!findings.isEmpty && findings.allSatisfy { $0.problem == nil }, "\(findings.map(\.line))")
            // Without the key nothing can be checked.
            let blind = try await LogFileValidator(bucket: bucket, publicKeys: publicKeys).validate(scope)
            #expect(blind.filter { $0.kind == .digest }.allSatisfy { $0.problem?.hasPrefix("cannot be decrypted") == true })
            // One flipped byte of ciphertext in a log file: its content cannot be opened, and validation says so.
            let log = try #require(keys.first { $0.contains("/CloudTrail/") })
            var body = try #require(try await bucket.get(key: log)).body
            body[body.count - 5] ^= 0x01
            try await bucket.put(key: log, body: body, metadata: [:])
            #expect(throws: FileEnvelopeError.tampered) { try FileEnvelope.open(body, keys: kms) }
            let bad = try await LogFileValidator(bucket: bucket, publicKeys: publicKeys, decryptionKeys: kms).validate(scope).filter {
                $0.problem != nil
            }
            #expect(bad.map(\.location) == ["sealed-logs/\(log)"], "\(bad.map(\.line))")
        }
    }
}
