import CairnPolicy
import Foundation

/// PutAuditEvents' judgement of each event: a request-level refusal for what spoils the whole request
/// (no events, more than 100, an id twice), and a per-event error code for the rest, as AWS answers
/// (`FieldNotFound`, `FieldTooLong`, `InvalidData`, `InvalidChecksum`, `InvalidRecipient`).
package enum AuditEventRules {
    package static let maximumEvents = 100
    /// **Choice:** one event's eventData may hold at most 256 KiB (the request itself at most 1 MiB, AWS's limit).
    package static let maximumEventDataBytes = 256 * 1024
    /// The members the CloudTrail Lake integration schema requires.
    package static let requiredFields = ["version", "userIdentity", "eventSource", "eventName", "eventTime", "UID", "recipientAccountId"]

    package struct Input: Sendable, Equatable, Decodable {
        package var id: String?
        package var eventData: String?
        package var eventDataChecksum: String?

        package init(id: String?, eventData: String?, eventDataChecksum: String? = nil) {
            self.id = id
            self.eventData = eventData
            self.eventDataChecksum = eventDataChecksum
        }
    }

    /// An event accepted for ingestion: its source id and its parsed eventData.
    package struct Accepted: Sendable, Equatable {
        package let id: String
        /// eventData as sent: checked to be a JSON object, and stored verbatim.
        package let eventDataText: String
        package let eventSource: String
        package let eventName: String
        package let principalId: String
    }

    package struct Refused: Sendable, Equatable {
        package let id: String
        package let errorCode: String
        package let errorMessage: String
    }

    /// Refusals of the whole request come first; then every event is judged on its own.
    /// `checksum` computes base64(SHA-256(text)); it is passed in so that this module stays free of crypto code.
    package static func judge(
        _ events: [Input]?, channelAccount: String, checksum: (String) -> String
    ) throws(ServiceError) -> (accepted: [Accepted], refused: [Refused]) {
        guard let events, !events.isEmpty else { throw ServiceError.missingParameter("auditEvents") }
        guard events.count <= maximumEvents else {
            throw ServiceError(
                code: "ValidationException", status: 400, message: "auditEvents must list 1 to \(maximumEvents) events; got \(events.count).")
        }
        var ids: Set<String> = []
        for e in events {
            guard let id = e.id else { throw ServiceError.missingParameter("auditEvents.id") }
            guard (1...128).contains(id.utf8.count),
                id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
            else {
                throw ServiceError(
                    code: "ValidationException", status: 400, message: "Event id \(id) must be 1 to 128 letters, digits, hyphens or underscores.")
            }
            guard ids.insert(id).inserted else {
                throw ServiceError(code: "DuplicatedAuditEventId", status: 400, message: "Event id \(id) appears more than once in the request.")
            }
        }
        var accepted: [Accepted] = []
        var refused: [Refused] = []
        for e in events {
            let id = e.id ?? ""
            switch judge(e, channelAccount: channelAccount, checksum: checksum) {
            case .success(let a): accepted.append(a)
            case .failure(let r): refused.append(Refused(id: id, errorCode: r.code, errorMessage: r.message))
            }
        }
        return (accepted, refused)
    }

    struct EventError: Error {
        let code: String
        let message: String
    }

    static func judge(_ e: Input, channelAccount: String, checksum: (String) -> String) -> Result<Accepted, EventError> {
        let id = e.id ?? ""
        guard let text = e.eventData else { return .failure(EventError(code: "FieldNotFound", message: "eventData is required.")) }
        guard text.utf8.count <= maximumEventDataBytes else {
            return .failure(EventError(code: "FieldTooLong", message: "eventData is longer than \(maximumEventDataBytes) bytes."))
        }
        if let sent = e.eventDataChecksum {
            guard sent == checksum(text) else {
                return .failure(EventError(code: "InvalidChecksum", message: "eventDataChecksum does not match the SHA-256 of eventData."))
            }
        }
        guard let data = JSONValue.parse(text), case .object(let fields) = data else {
            return .failure(EventError(code: "InvalidData", message: "eventData must be a JSON object."))
        }
        for name in requiredFields where fields[name] == nil {
            return .failure(EventError(code: "FieldNotFound", message: "eventData lacks the required field \(name)."))
        }
        guard case .object(let identity) = fields["userIdentity"], case .string(let type) = identity["type"], !type.isEmpty,
            case .string(let principal) = identity["principalId"], !principal.isEmpty
        else {
            return .failure(EventError(code: "InvalidData", message: "eventData.userIdentity needs the strings type and principalId."))
        }
        for name in ["version", "eventSource", "eventName", "eventTime", "UID", "recipientAccountId"] {
            guard case .string(let value) = fields[name], !value.isEmpty else {
                return .failure(EventError(code: "InvalidData", message: "eventData.\(name) must be a non-empty string."))
            }
        }
        guard case .string(let recipient) = fields["recipientAccountId"], recipient == channelAccount else {
            return .failure(
                EventError(code: "InvalidRecipient", message: "eventData.recipientAccountId must be the channel's account, \(channelAccount)."))
        }
        guard case .string(let source) = fields["eventSource"], case .string(let name) = fields["eventName"] else {
            return .failure(EventError(code: "InvalidData", message: "eventData.eventSource and eventName must be strings."))
        }
        return .success(Accepted(id: id, eventDataText: text, eventSource: source, eventName: name, principalId: principal))
    }
}
