package import Foundation

/// The content of a CloudTrail digest file, with every field AWS writes (null where AWS writes null).
///
/// Its own signature is not in it: it travels as object metadata (`x-amz-meta-signature`), and the next
/// digest repeats it as `previousDigestSignature`.
package struct DigestFile: Sendable, Equatable, Encodable {
    package struct LogFile: Sendable, Equatable, Encodable {
        package let s3Bucket: String
        package let s3Object: String
        package let hashValue: String
        package let hashAlgorithm = "SHA-256"
        package let newestEventTime: String
        package let oldestEventTime: String

        package init(s3Bucket: String, s3Object: String, hashValue: String, newestEventTime: Date, oldestEventTime: Date) {
            self.s3Bucket = s3Bucket
            self.s3Object = s3Object
            self.hashValue = hashValue
            self.newestEventTime = UTCTimestamp.iso8601(newestEventTime)
            self.oldestEventTime = UTCTimestamp.iso8601(oldestEventTime)
        }

        enum CodingKeys: String, CodingKey { case s3Bucket, s3Object, hashValue, hashAlgorithm, newestEventTime, oldestEventTime }
    }

    /// Where the previous digest of the chain is, and what it was; absent on a chain's first digest.
    package struct Previous: Sendable, Equatable {
        package let bucket: String
        package let key: String
        package let hash: String
        package let signature: String

        package init(bucket: String, key: String, hash: String, signature: String) {
            self.bucket = bucket
            self.key = key
            self.hash = hash
            self.signature = signature
        }
    }

    package let awsAccountId: String
    package let digestStartTime: Date
    package let digestEndTime: Date
    package let digestS3Bucket: String
    package let digestS3Object: String
    package let digestPublicKeyFingerprint: String
    package let previous: Previous?
    package let logFiles: [LogFile]
    package let newestEventTime: Date?
    package let oldestEventTime: Date?

    package init(
        awsAccountId: String, digestStartTime: Date, digestEndTime: Date, digestS3Bucket: String, digestS3Object: String,
        digestPublicKeyFingerprint: String, previous: Previous?, logFiles: [LogFile], newestEventTime: Date?, oldestEventTime: Date?
    ) {
        self.awsAccountId = awsAccountId
        self.digestStartTime = digestStartTime
        self.digestEndTime = digestEndTime
        self.digestS3Bucket = digestS3Bucket
        self.digestS3Object = digestS3Object
        self.digestPublicKeyFingerprint = digestPublicKeyFingerprint
        self.previous = previous
        self.logFiles = logFiles
        self.newestEventTime = newestEventTime
        self.oldestEventTime = oldestEventTime
    }

    package static let signatureAlgorithm = "SHA256withRSA"

    enum CodingKeys: String, CodingKey {
        case awsAccountId, digestStartTime, digestEndTime, digestS3Bucket, digestS3Object, digestPublicKeyFingerprint
        case digestSignatureAlgorithm, newestEventTime, oldestEventTime, previousDigestS3Bucket, previousDigestS3Object
        case previousDigestHashValue, previousDigestHashAlgorithm, previousDigestSignature, logFiles
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(awsAccountId, forKey: .awsAccountId)
        try c.encode(UTCTimestamp.iso8601(digestStartTime), forKey: .digestStartTime)
        try c.encode(UTCTimestamp.iso8601(digestEndTime), forKey: .digestEndTime)
        try c.encode(digestS3Bucket, forKey: .digestS3Bucket)
        try c.encode(digestS3Object, forKey: .digestS3Object)
        try c.encode(digestPublicKeyFingerprint, forKey: .digestPublicKeyFingerprint)
        try c.encode(Self.signatureAlgorithm, forKey: .digestSignatureAlgorithm)
        try c.encode(newestEventTime.map(UTCTimestamp.iso8601), forKey: .newestEventTime)
        try c.encode(oldestEventTime.map(UTCTimestamp.iso8601), forKey: .oldestEventTime)
        try c.encode(previous?.bucket, forKey: .previousDigestS3Bucket)
        try c.encode(previous?.key, forKey: .previousDigestS3Object)
        try c.encode(previous?.hash, forKey: .previousDigestHashValue)
        try c.encode(previous.map { _ in "SHA-256" }, forKey: .previousDigestHashAlgorithm)
        try c.encode(previous?.signature, forKey: .previousDigestSignature)
        try c.encode(logFiles, forKey: .logFiles)
    }

    /// What the signature covers, exactly as aws cloudtrail validate-logs rebuilds it: the end time, the
    /// digest's own location, the hex SHA-256 of its uncompressed bytes, and the previous signature (or the
    /// word null).
    package static func stringToSign(endTime: Date, bucket: String, key: String, contentSHA256: String, previousSignature: String?) -> String {
        stringToSign(
            endTimeText: UTCTimestamp.iso8601(endTime), bucket: bucket, key: key, contentSHA256: contentSHA256, previousSignature: previousSignature)
    }

    /// The same, from the end time as a digest file spells it (what a validator has).
    package static func stringToSign(endTimeText: String, bucket: String, key: String, contentSHA256: String, previousSignature: String?) -> String {
        "\(endTimeText)\n\(bucket)/\(key)\n\(contentSHA256)\n\(previousSignature ?? "null")"
    }
}
