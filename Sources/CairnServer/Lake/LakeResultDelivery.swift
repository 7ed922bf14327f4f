import CairnCore
import CairnPolicy
import Crypto
import Foundation

/// Writes a finished query's results where StartQuery's DeliveryS3Uri says, in CloudTrail Lake's layout:
/// `<prefix>/AWSLogs/<account>/CloudTrail-Lake/Query/<yyyy>/<mm>/<dd>/<query-id>/result_1.csv.gz` and a
/// `result_sign.json` beside it, whose `hashSignature` signs the files' SHA-256 hashes (hex, joined by spaces)
/// with the region's digest key (SHA256withRSA), so a reader can check nothing was changed, with the key
/// ListPublicKeys gives for `queryCompleteTime`.
struct LakeResultDelivery: Sendable {
    let buckets: LogBuckets

    /// `s3://bucket[/prefix]`, as AWS's model allows it: a bucket name of 3–63 lowercase letters, digits, `.` and `-`.
    static func target(_ uri: String) throws(ServiceError) -> (bucket: String, prefix: String) {
        guard uri.count <= 1024, uri.hasPrefix("s3://") else {
            throw ServiceError(code: "InvalidS3PrefixException", status: 400, message: "DeliveryS3Uri must look like s3://bucket/prefix.")
        }
        let rest = uri.dropFirst(5)
        let bucket = String(rest.prefix { $0 != "/" })
        let prefix = rest.dropFirst(bucket.count).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let allowed = bucket.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
        guard (3...63).contains(bucket.count), allowed, bucket.first != "." && bucket.first != "-", bucket.last != "." && bucket.last != "-" else {
            throw ServiceError(code: "InvalidS3BucketNameException", status: 400, message: "\(bucket) is not a valid S3 bucket name.")
        }
        return (bucket, prefix)
    }

    /// Writes the result file and its sign file; returns the sign file's key.
    @discardableResult
    func deliver(
        _ query: LakeQueryRecord, columns: [String], rows: [[String?]], completed: Date, signer: DigestSigner
    ) async throws -> String {
        guard let uri = query.deliveryS3Uri else { return "" }
        let (bucketName, prefix) = try Self.target(uri)
        let day = UTCTimestamp.iso8601(completed).prefix(10).replacingOccurrences(of: "-", with: "/")
        let folder =
            (prefix.isEmpty ? "" : prefix + "/")
            + "AWSLogs/\(query.account)/CloudTrail-Lake/Query/\(day)/\(query.id.uuidString.lowercased())/"
        let file = try Gzip.compress(Self.csv(columns: columns, rows: rows))
        let hash = Hexadecimal.string(SHA256.hash(data: file))
        let bucket = buckets.bucket(bucketName)
        try await bucket.put(key: folder + "result_1.csv.gz", body: file, metadata: [:])
        let sign: [String: Any] = [
            "version": "1.0", "region": query.region, "files": [["fileHashValue": hash, "fileName": "result_1.csv.gz"]],
            "hashAlgorithm": "SHA-256", "signatureAlgorithm": "SHA256withRSA", "queryCompleteTime": UTCTimestamp.iso8601(completed),
            "hashSignature": try signer.sign(hash), "publicKeyFingerprint": signer.fingerprint,
        ]
        let key = folder + "result_sign.json"
        try await bucket.put(key: key, body: try JSONSerialization.data(withJSONObject: sign, options: [.sortedKeys]), metadata: [:])
        return key
    }

    /// RFC 4180 CSV with a header row; NULL is an empty field.
    static func csv(columns: [String], rows: [[String?]]) -> Data {
        func field(_ value: String?) -> String {
            guard let value else { return "" }
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var text = columns.map(field).joined(separator: ",") + "\r\n"
        for row in rows { text += row.map(field).joined(separator: ",") + "\r\n" }
        return Data(text.utf8)
    }
}
