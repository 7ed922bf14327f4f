package import Foundation

/// Which LogBucket a bucket name means: a directory under the buckets directory, unless configuration maps the
/// name (or `*`, every name) to an S3-compatible endpoint.
package struct LogBuckets: Sendable {
    /// Bucket names on S3-compatible endpoints, and the key that signs for them (configuration refuses
    /// endpoints without one).
    package struct S3Mapping: Sendable {
        package let endpoints: [String: URL]
        package let credentials: S3Credentials

        package init(endpoints: [String: URL], credentials: S3Credentials) {
            self.endpoints = endpoints
            self.credentials = credentials
        }
    }

    package let directory: URL
    package let s3: S3Mapping?

    package init(directory: URL, s3: S3Mapping? = nil) {
        self.directory = directory
        self.s3 = s3
    }

    package func bucket(_ name: String) -> any LogBucket {
        if let s3, let endpoint = s3.endpoints[name] ?? s3.endpoints["*"] {
            return S3Bucket(name: name, endpoint: endpoint, credentials: s3.credentials)
        }
        return DirectoryBucket(directory: directory.appendingPathComponent(name))
    }

    /// Parses `name=URL[,name=URL…]` (CAIRN_BUCKET_ENDPOINTS); nil with the offending entry when malformed.
    package static func parseEndpoints(_ raw: String) -> Result<[String: URL], BucketEndpointError> {
        var out: [String: URL] = [:]
        for entry in raw.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let eq = entry.firstIndex(of: "="), let url = URL(string: String(entry[entry.index(after: eq)...])),
                ["http", "https"].contains(url.scheme ?? ""), url.host != nil, !entry[..<eq].isEmpty
            else { return .failure(BucketEndpointError(entry: entry)) }
            out[String(entry[..<eq])] = url
        }
        return .success(out)
    }
}

package struct BucketEndpointError: Error {
    package let entry: String
}
