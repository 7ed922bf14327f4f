package import Foundation

/// Where notifications and streams go, set by the operator (CAIRN_WEBHOOKS_FILE): an SNS topic ARN a trail
/// names (SnsTopicName) maps to a notification webhook, a log group ARN (CloudWatchLogsLogGroupArn) to a
/// stream webhook. Tenants configure their trails with AWS's own fields; only the operator chooses URLs and
/// secrets, so no tenant can make Cairn post to an address of its choosing.
package struct WebhookTargets: Sendable {
    package struct Endpoint: Sendable, Decodable {
        package let url: URL
        /// The HMAC-SHA256 key for the X-Cairn-Signature header.
        package let secret: String

        package init(url: URL, secret: String) {
            self.url = url
            self.secret = secret
        }
    }

    package var notifications: [String: Endpoint] = [:]
    package var streams: [String: Endpoint] = [:]

    package init(notifications: [String: Endpoint] = [:], streams: [String: Endpoint] = [:]) {
        self.notifications = notifications
        self.streams = Dictionary(uniqueKeysWithValues: streams.map { (Self.logGroupKey($0.key), $0.value) })
    }

    package func endpoint(kind: String, target: String) -> Endpoint? {
        kind == "notification" ? notifications[target] : streams[Self.logGroupKey(target)]
    }

    /// A log group ARN with or without its `:*` suffix names the same group.
    package static func logGroupKey(_ arn: String) -> String { arn.hasSuffix(":*") ? String(arn.dropLast(2)) : arn }

    /// `{"notifications": {ARN: {"url": …, "secret": …}}, "streams": {ARN: {…}}}`.
    package static func load(from file: URL) throws(ConfigurationError) -> WebhookTargets {
        struct File: Decodable {
            var notifications: [String: Endpoint]?
            var streams: [String: Endpoint]?
        }
        let parsed: File
        do {
            parsed = try JSONDecoder().decode(File.self, from: try Data(contentsOf: file))
        } catch {
            throw ConfigurationError(
                "CAIRN_WEBHOOKS_FILE \(file.path) is not {\"notifications\": {ARN: {\"url\", \"secret\"}}, \"streams\": {…}}: \(error)")
        }
        for endpoint in Array((parsed.notifications ?? [:]).values) + Array((parsed.streams ?? [:]).values) {
            guard ["http", "https"].contains(endpoint.url.scheme ?? ""), endpoint.url.host != nil, !endpoint.secret.isEmpty else {
                throw ConfigurationError("CAIRN_WEBHOOKS_FILE: every webhook needs an http(s) url and a non-empty secret")
            }
        }
        return WebhookTargets(notifications: parsed.notifications ?? [:], streams: parsed.streams ?? [:])
    }
}
