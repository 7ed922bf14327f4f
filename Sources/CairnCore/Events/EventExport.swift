/// A range of event history as a file: JSON lines (each line a CloudTrail record, as stored) or CSV (one row per
/// event with the lookup attributes and what an auditor filters on).
package enum EventExport {
    package enum Format: String, Sendable, CaseIterable {
        case jsonLines = "jsonl"
        case csv

        package var contentType: String { self == .csv ? "text/csv; charset=utf-8" : "application/x-ndjson" }
    }

    package static let csvColumns = [
        "eventTime", "eventID", "eventSource", "eventName", "awsRegion", "readOnly", "username", "accessKeyId", "sourceIPAddress",
        "errorCode", "resources",
    ]

    package static func jsonLines(_ events: [(record: EventRecord, json: String)]) -> String {
        events.map { $0.json.replacingOccurrences(of: "\n", with: " ") + "\n" }.joined()
    }

    /// RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break.
    /// Resources are their ARNs joined with spaces.
    package static func csv(_ events: [(record: EventRecord, json: String)]) -> String {
        var out = csvColumns.joined(separator: ",") + "\r\n"
        for (r, _) in events {
            let fields: [String?] = [
                r.eventTime, r.eventID, r.eventSource, r.eventName, r.awsRegion, r.readOnly ? "true" : "false", r.historyUsername,
                r.userIdentity.accessKeyId, r.sourceIPAddress, r.errorCode, r.resources.map { $0.map(\.ARN).joined(separator: " ") },
            ]
            out += fields.map { quoted($0 ?? "") }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension EventExport {
    /// CloudTrail's log-file document, `{"Records":[…]}`: what AWS's console downloads as JSON, and what
    /// `aws cloudtrail validate-logs` and every log reader already parse. Each record is written as stored.
    package static func recordsDocument(_ events: [(record: EventRecord, json: String)]) -> String {
        var out = #"{"Records":["#
        for (i, event) in events.enumerated() {
            if i > 0 { out += "," }
            out += event.json
        }
        return out + "]}"
    }
}
