package import Foundation

/// What leaves Cairn besides log files: the notification of delivered files, in SNS's HTTP message shape, and
/// streamed events, in EventBridge's shape (CloudTrail's event-bus form) or as JSON lines.
package enum DeliveryMessages {
    /// An SNS HTTP notification whose `Message` is CloudTrail's `{"s3Bucket": …, "s3ObjectKey": [...]}`.
    package static func notification(topicArn: String, bucket: String, keys: [String], messageId: UUID, at time: Date) throws -> String {
        struct Inner: Encodable {
            let s3Bucket: String
            let s3ObjectKey: [String]
        }
        struct Outer: Encodable {
            let `Type` = "Notification"
            let MessageId: String
            let TopicArn: String
            let Message: String
            let Timestamp: String
            let SignatureVersion = "1"
            enum CodingKeys: String, CodingKey { case `Type`, MessageId, TopicArn, Message, Timestamp, SignatureVersion }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let message = String(decoding: try encoder.encode(Inner(s3Bucket: bucket, s3ObjectKey: keys)), as: UTF8.self)
        let millis = UTCTimestamp.iso8601(time).dropLast() + ".\(String(format: "%03d", Int(time.timeIntervalSince1970 * 1000) % 1000))Z"
        return String(
            decoding: try encoder.encode(
                Outer(MessageId: messageId.uuidString.lowercased(), TopicArn: topicArn, Message: message, Timestamp: String(millis))),
            as: UTF8.self)
    }

    /// One event as EventBridge carries CloudTrail events: `detail` is the record as stored.
    package static func eventBridgeEvent(_ event: PendingEvent, id: UUID) -> String {
        let service = event.facts.eventSource.split(separator: ".").first.map(String.init) ?? event.facts.eventSource
        let detailType = event.facts.eventCategory == "ActivityAuditLog" ? "Activity Audit Log via CloudTrail" : "AWS API Call via CloudTrail"
        return "{\"version\":\"0\",\"id\":\(quoted(id.uuidString.lowercased())),\"detail-type\":\(quoted(detailType)),"
            + "\"source\":\(quoted("aws." + service)),\"account\":\(quoted(event.accountId)),"
            + "\"time\":\(quoted(UTCTimestamp.iso8601(event.time))),\"region\":\(quoted(event.region)),\"resources\":[],"
            + "\"detail\":\(event.recordJSON)}"
    }

    /// A JSON array of EventBridge events: one stream webhook post.
    package static func streamBatch(_ events: some Sequence<PendingEvent>) -> String {
        "[" + events.map { eventBridgeEvent($0, id: UUID()) }.joined(separator: ",") + "]"
    }

    /// The stream file's lines: each record as stored, one per line.
    package static func jsonLines(_ events: some Sequence<PendingEvent>) -> String {
        events.map { $0.recordJSON.replacingOccurrences(of: "\n", with: " ") + "\n" }.joined()
    }

    private static func quoted(_ s: String) -> String {
        String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
