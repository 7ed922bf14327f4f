import CairnCore
import CairnStore
package import Foundation
package import Logging
import PostgresNIO

/// `cairn validate-logs`: checks a trail's delivered files offline, straight from its bucket (a directory, or
/// a mapped S3-compatible endpoint), with the public keys from the database; no running server is needed.
extension CairnRuntime {
    package struct ValidationRequest: Sendable {
        package var trailARN: String
        package var start: Date
        package var end: Date
        package var bucket: String?
        package var prefix: String?

        package init(trailARN: String, start: Date, end: Date, bucket: String?, prefix: String?) {
            self.trailARN = trailARN
            self.start = start
            self.end = end
            self.bucket = bucket
            self.prefix = prefix
        }
    }

    /// `cairn decrypt`: the plaintext (gzip) of an encrypted log or digest file, with the keys from the database.
    package static func decrypt(_ config: CairnConfiguration, _ sealed: Data, logger: Logger) async throws -> Data {
        guard FileEnvelope.isSealed(sealed) else { throw ConfigurationError("the file is not encrypted by Cairn (no CAIRN-ENVELOPE-1 header)") }
        let keys = try await withStore(config, logger: logger) { store in
            try await store.read(logger: logger) { tx in try await tx.kmsKeys.all() }
        }
        do { return try FileEnvelope.open(sealed, keys: keys) } catch FileEnvelopeError.unknownKey(let arn) {
            throw ConfigurationError("this database keeps no key for \(arn)")
        } catch {
            throw ConfigurationError("the file cannot be decrypted: it has been modified or is not a Cairn envelope")
        }
    }

    package static func validateLogs(
        _ config: CairnConfiguration, _ request: ValidationRequest, logger: Logger,
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> [LogFileValidator.Finding] {
        let arn: TrailARN
        do { arn = try TrailARN.parse(request.trailARN) } catch { throw ConfigurationError("--trail-arn: \(request.trailARN) is not a trail ARN") }
        guard request.start <= request.end else { throw ConfigurationError("--start-time must not be after --end-time") }
        return try await withStore(config, reading: true, logger: logger) { store in
            let (trail, keys, decryption) = try await store.read(logger: logger) { tx in
                (
                    try await tx.trails.owned(by: arn.accountId).first { $0.arn == arn }, try await tx.digests.allPublicKeys(),
                    try await tx.kmsKeys.all()
                )
            }
            guard let bucketName = request.bucket ?? trail?.settings.s3BucketName else {
                throw ConfigurationError("trail \(arn) does not exist (any more): name its bucket with --s3-bucket")
            }
            let scope = LogFileValidator.Scope(
                bucketName: bucketName, keyPrefix: request.prefix ?? trail?.settings.s3KeyPrefix, organizationId: trail?.organizationId,
                trailName: arn.name.value, homeRegion: arn.region, start: request.start, end: request.end)
            let buckets = config.delivery.buckets(dataDirectory: config.dataDirectory)
            return try await LogFileValidator(bucket: buckets.bucket(bucketName), publicKeys: keys, decryptionKeys: decryption).validate(
                scope, progress: progress)
        }
    }
}
