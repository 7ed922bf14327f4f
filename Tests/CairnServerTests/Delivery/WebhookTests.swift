import CairnServer
import CairnStore
import CairnTestSupport
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Testing

/// Notifications (SNS's HTTP message shape) and streams (EventBridge's shape, and JSON lines on disk) leave
/// through the outbox: signed, retried with backoff, and reported by GetTrailStatus.
@Suite struct WebhookTests {
    /// An HTTP endpoint that keeps what it is sent, and answers 500 while told to fail.
    actor Receiver {
        var posts: [(path: String, body: String, signature: String?)] = []
        var failing = false

        func record(_ path: String, _ body: String, _ signature: String?) -> Bool {
            posts.append((path, body, signature))
            return !failing
        }

        func fail(_ on: Bool) { failing = on }
        func bodies(_ path: String) -> [String] { posts.filter { $0.path == path }.map(\.body) }
        func all() -> [(path: String, body: String, signature: String?)] { posts }
    }

    func withReceiver(_ body: @escaping @Sendable (Receiver, URL) async throws -> Void) async throws {
        let receiver = Receiver()
        let router = Router()
        router.post("{kind}") { request, context -> Response in
            let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let ok = await receiver.record(request.uri.path, text, request.headers[HTTPField.Name("X-Cairn-Signature")!])
            return Response(status: ok ? .ok : .internalServerError)
        }
        let port = CairnProcess.freePort()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: Logger(label: "receiver"))
        let task = Task { try await app.runService() }
        defer { task.cancel() }
        for _ in 0..<100 where (try? await HTTPProbe.status(host: "127.0.0.1", port: port, path: "/")) == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await body(receiver, URL(string: "http://127.0.0.1:\(port)")!)
    }

    static func verify(_ signature: String?, body: String, secret: String) -> Bool {
        guard let signature, let t = signature.firstMatch(of: /t=(\d+),v1=([0-9a-f]{64})/) else { return false }
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(t.1).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined() == String(t.2)
    }

    @Test func deliveredFilesAreNotifiedAndEventsStreamedSignedAndRetried() async throws {
        try await withReceiver { receiver, base in
            try await withTestServer { server in
                let owner = try await server.createTenant("owner")
                let topic = "arn:aws:sns:us-east-1:\(owner.account):trail-topic"
                let group = "arn:aws:logs:us-east-1:\(owner.account):log-group:audit/app:*"
                let targets = WebhookTargets(
                    notifications: [topic: .init(url: base.appendingPathComponent("notify"), secret: "notify-secret")],
                    streams: [group: .init(url: base.appendingPathComponent("stream"), secret: "stream-secret")])
                let streams = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cairn-streams-\(UUID().uuidString.prefix(8))")
                let harness = DeliveryHarness(server)
                let delivery = TrailDelivery(
                    store: server.store, buckets: LogBuckets(directory: harness.root), digestInterval: 3600, webhooks: targets,
                    streamsDirectory: streams, logger: Logger(label: "t"))
                let sender = WebhookSender(store: server.store, targets: targets, logger: Logger(label: "t"))
                let arn = try #require(
                    try await server.trailOK(
                        "CreateTrail",
                        [
                            "Name": "announced", "S3BucketName": "announced-logs", "SnsTopicName": "trail-topic", "CloudWatchLogsLogGroupArn": group,
                            "CloudWatchLogsRoleArn": "arn:aws:iam::\(owner.account):role/CloudTrailToLogs",
                        ], as: owner)["TrailARN"] as? String)
                try await server.trailOK("StartLogging", ["Name": arn], as: owner)
                try await server.trailOK("DescribeTrails", [:], as: owner)
                let deadline = Date().addingTimeInterval(20)
                while try await harness.deliveredIds("announced-logs").isEmpty && Date() < deadline {
                    _ = try await delivery.deliverOnce(now: Date())
                    try await Task.sleep(for: .milliseconds(100))
                }
                let keys = try await harness.records(in: "announced-logs").keys.sorted()
                #expect(!keys.isEmpty)
                try await sender.sendDue()

                // The notification: SNS's envelope, CloudTrail's message inside, signed with the topic's secret.
                let posts = await receiver.all()
                let notify = try #require(posts.first { $0.path == "/notify" })
                #expect(Self.verify(notify.signature, body: notify.body, secret: "notify-secret"))
                #expect(!Self.verify(notify.signature, body: notify.body, secret: "stream-secret"))
                let envelope = try #require(try JSONSerialization.jsonObject(with: Data(notify.body.utf8)) as? [String: Any])
                #expect(envelope["Type"] as? String == "Notification" && envelope["TopicArn"] as? String == topic)
                let inner = try #require(envelope["Message"] as? String)
                let message = try #require(try JSONSerialization.jsonObject(with: Data(inner.utf8)) as? [String: Any])
                #expect(message["s3Bucket"] as? String == "announced-logs")
                let notified = Set(
                    await receiver.bodies("/notify").flatMap { body -> [String] in
                        let e = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
                        let m = (try? JSONSerialization.jsonObject(with: Data(((e?["Message"] as? String) ?? "{}").utf8))) as? [String: Any]
                        return m?["s3ObjectKey"] as? [String] ?? []
                    })
                #expect(notified == Set(keys))

                // The stream: EventBridge events whose detail is the delivered record; and the same records as JSON lines.
                let stream = try #require(posts.first { $0.path == "/stream" })
                #expect(Self.verify(stream.signature, body: stream.body, secret: "stream-secret"))
                let events = try #require(try JSONSerialization.jsonObject(with: Data(stream.body.utf8)) as? [[String: Any]])
                #expect(
                    events.allSatisfy { $0["detail-type"] as? String == "AWS API Call via CloudTrail" && $0["source"] as? String == "aws.cloudtrail" }
                )
                let streamed = Set(events.compactMap { ($0["detail"] as? [String: Any])?["eventID"] as? String })
                let delivered = try await harness.deliveredIds("announced-logs")
                #expect(streamed.isSubset(of: delivered) && !streamed.isEmpty)
                let lines = try String(contentsOf: streams.appendingPathComponent("\(owner.account)/us-east-1/audit_app.jsonl"), encoding: .utf8)
                    .split(separator: "\n")
                let lineIds = Set(
                    lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["eventID"] as? String })
                #expect(lineIds == delivered)
                var status = try await server.trailOK("GetTrailStatus", ["Name": arn], as: owner)
                #expect(status["LatestNotificationTime"] is Double && status["LatestNotificationError"] == nil)
                #expect(status["LatestCloudWatchLogsDeliveryTime"] is Double)

                // A failing endpoint: the message stays, the error is reported, and a later attempt delivers it.
                await receiver.fail(true)
                try await server.trailOK("GetTrail", ["Name": arn], as: owner)
                let before = await receiver.bodies("/notify").count
                let failDeadline = Date().addingTimeInterval(20)
                while await receiver.bodies("/notify").count == before && Date() < failDeadline {
                    _ = try await delivery.deliverOnce(now: Date())
                    try await sender.sendDue()
                    try await Task.sleep(for: .milliseconds(100))
                }
                status = try await server.trailOK("GetTrailStatus", ["Name": arn], as: owner)
                #expect(status["LatestNotificationError"] as? String == "HTTP 500")
                // The failed message waits for its backoff; once the endpoint recovers, it is delivered and leaves the outbox.
                let (waiting, backedOff) = try await server.store.read(logger: Logger(label: "t")) { tx in
                    (
                        try await tx.exists("SELECT 1 FROM webhook_outbox WHERE kind = 'notification' AND attempts > 0"),
                        try await tx.exists("SELECT 1 FROM webhook_outbox WHERE attempts > 0 AND next_attempt_at > created_at")
                    )
                }
                #expect(waiting && backedOff)
                await receiver.fail(false)
                var drained = 0
                for _ in 0..<5 { drained += try await sender.sendDue(now: Date().addingTimeInterval(7200)) }
                #expect(drained >= 1)
                let left = try await server.store.read(logger: Logger(label: "t")) { tx in try await tx.exists("SELECT 1 FROM webhook_outbox") }
                #expect(!left)
                status = try await server.trailOK("GetTrailStatus", ["Name": arn], as: owner)
                #expect(status["LatestNotificationError"] == nil)
            }
        }
    }
}
