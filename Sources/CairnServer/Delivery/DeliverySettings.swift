package import Foundation

/// How trails deliver: how often, where buckets live, and which buckets are S3-compatible endpoints instead
/// of directories. Read from the environment by `cairn serve` (docs/delivery.md).
package struct DeliverySettings: Sendable {
    package var interval: TimeInterval = 300
    package var digestInterval: TimeInterval = 3600
    /// nil: `DATA_DIR/buckets`.
    package var bucketsDirectory: URL?
    package var endpoints: [String: URL] = [:]
    package var s3Credentials: S3Credentials?
    /// nil: `DATA_DIR/streams`.
    package var streamsDirectory: URL?
    package var webhooks = WebhookTargets()

    package init() {}

    /// Reads CAIRN_DELIVERY_INTERVAL_SECONDS, CAIRN_DIGEST_INTERVAL_SECONDS, CAIRN_BUCKETS_DIR,
    /// CAIRN_BUCKET_ENDPOINTS, CAIRN_S3_ACCESS_KEY_ID / CAIRN_S3_SECRET_ACCESS_KEY / CAIRN_S3_REGION,
    /// CAIRN_STREAMS_DIR and CAIRN_WEBHOOKS_FILE.
    package static func fromEnvironment(_ env: [String: String]) throws(ConfigurationError) -> DeliverySettings {
        var settings = DeliverySettings()
        func seconds(_ name: String, default value: TimeInterval) throws(ConfigurationError) -> TimeInterval {
            guard let raw = env[name], !raw.isEmpty else { return value }
            guard let v = Double(raw), v >= 1, v <= 86_400 else {
                throw ConfigurationError("\(name) must be a number of seconds from 1 to 86400 (got '\(raw)')")
            }
            return v
        }
        settings.interval = try seconds("CAIRN_DELIVERY_INTERVAL_SECONDS", default: 300)
        settings.digestInterval = try seconds("CAIRN_DIGEST_INTERVAL_SECONDS", default: 3600)
        if let dir = env["CAIRN_BUCKETS_DIR"], !dir.isEmpty { settings.bucketsDirectory = URL(fileURLWithPath: dir).standardizedFileURL }
        if let dir = env["CAIRN_STREAMS_DIR"], !dir.isEmpty { settings.streamsDirectory = URL(fileURLWithPath: dir).standardizedFileURL }
        if let file = env["CAIRN_WEBHOOKS_FILE"], !file.isEmpty { settings.webhooks = try WebhookTargets.load(from: URL(fileURLWithPath: file)) }
        if let raw = env["CAIRN_BUCKET_ENDPOINTS"], !raw.isEmpty {
            switch LogBuckets.parseEndpoints(raw) {
            case .success(let map): settings.endpoints = map
            case .failure(let e):
                throw ConfigurationError("CAIRN_BUCKET_ENDPOINTS: '\(e.entry)' is not BUCKET=http(s)://HOST[:PORT] (use * for every bucket)")
            }
        }
        switch (env["CAIRN_S3_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }, env["CAIRN_S3_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 })
        {
        case (let id?, let secret?):
            settings.s3Credentials = S3Credentials(accessKeyId: id, secretAccessKey: secret, region: env["CAIRN_S3_REGION"] ?? "us-east-1")
        case (nil, nil): break
        default: throw ConfigurationError("set both CAIRN_S3_ACCESS_KEY_ID and CAIRN_S3_SECRET_ACCESS_KEY, or neither")
        }
        if !settings.endpoints.isEmpty && settings.s3Credentials == nil {
            throw ConfigurationError("CAIRN_BUCKET_ENDPOINTS needs CAIRN_S3_ACCESS_KEY_ID and CAIRN_S3_SECRET_ACCESS_KEY to sign its requests")
        }
        return settings
    }

    package func buckets(dataDirectory: URL) -> LogBuckets {
        LogBuckets(
            directory: bucketsDirectory ?? dataDirectory.appendingPathComponent("buckets"),
            s3: s3Credentials.map { LogBuckets.S3Mapping(endpoints: endpoints, credentials: $0) })
    }
}
