package import Foundation

/// Where a trail's files go: a directory on this machine or an S3-compatible bucket.
package protocol LogBucket: Sendable {
    /// Stores an object; metadata keys are without the `x-amz-meta-` prefix.
    func put(key: String, body: Data, metadata: [String: String]) async throws
    /// The object and its metadata, or nil when there is no such object.
    func get(key: String) async throws -> (body: Data, metadata: [String: String])?
    /// Keys under a prefix, in lexicographic order.
    func list(prefix: String) async throws -> [String]
}

/// A bucket refused or failed a write; the message becomes the trail's LatestDeliveryError.
package struct LogBucketError: Error, CustomStringConvertible {
    package let code: String
    package let detail: String

    package init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }

    package var description: String { "\(code): \(detail)" }
}
