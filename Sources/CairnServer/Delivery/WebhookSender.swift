import AsyncHTTPClient
import CairnCore
import CairnPolicy
package import CairnStore
import Crypto
package import Foundation
package import Logging
import NIOCore
import NIOHTTP1

/// Posts the outbox: each message to its target's URL, signed with the target's secret, deleted on a 2xx
/// answer and retried with exponential backoff (1 s, 2 s, 4 s, … at most an hour) otherwise.
///
/// The signature header is `X-Cairn-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`;
/// a receiver recomputes it and may refuse old timestamps to stop replays.
package struct WebhookSender: Sendable {
    package let store: Store
    package let targets: WebhookTargets
    package let logger: Logger
    static let batch = 50

    package init(store: Store, targets: WebhookTargets, logger: Logger) {
        self.store = store
        self.targets = targets
        self.logger = logger
    }

    /// Sends what is due; returns how many were delivered.
    @discardableResult
    package func sendDue(now: Date = Date()) async throws -> Int {
        try await store.transaction(logger: logger) { tx in
            var sent = 0
            for message in try await tx.outbox.claimDue(at: now, limit: Self.batch) {
                let error = await post(message, at: now)
                if let error {
                    let delay = min(pow(2, Double(message.attempts)), 3600)
                    try await tx.outbox.failed(message.id, error: error, retryAt: now.addingTimeInterval(delay))
                    logger.warning(
                        "webhook delivery failed; retrying",
                        metadata: ["target": "\(message.target)", "error": "\(error)", "attempt": "\(message.attempts + 1)"])
                } else {
                    try await tx.outbox.delivered(message.id)
                    sent += 1
                }
                try await tx.outbox.recordOutcome(trailId: message.trailId, region: message.region, kind: message.kind, at: now, error: error)
            }
            return sent
        }
    }

    /// nil on success; otherwise the error GetTrailStatus reports.
    private func post(_ message: WebhookOutbox.Message, at now: Date) async -> String? {
        guard let endpoint = targets.endpoint(kind: message.kind, target: message.target) else {
            return "NoWebhookConfigured"
        }
        let stamp = String(Int(now.timeIntervalSince1970))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(stamp).\(message.body)".utf8), using: SymmetricKey(data: Data(endpoint.secret.utf8)))
        var request = HTTPClientRequest(url: endpoint.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "X-Cairn-Signature", value: "t=\(stamp),v1=\(Hexadecimal.string(mac))")
        if message.kind == "notification" {
            request.headers.add(name: "Content-Type", value: "text/plain; charset=UTF-8")
            request.headers.add(name: "x-amz-sns-message-type", value: "Notification")
            request.headers.add(name: "x-amz-sns-topic-arn", value: message.target)
        } else {
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        request.body = .bytes(ByteBuffer(string: message.body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(Int(response.status.code)) ? nil : "HTTP \(response.status.code)"
        } catch {
            return "Unreachable"
        }
    }
}
