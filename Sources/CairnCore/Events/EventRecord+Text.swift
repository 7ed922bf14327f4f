import CairnPolicy

/// The record as JSON text, written directly. Every call stores one, and Foundation's encoder (Codable's
/// keyed containers, a dictionary per object) cost more than the rest of recording; the text here decodes
/// to the same record (`EventRecordTextTests` compares them), members in CloudTrail's usual order.
extension EventRecord {
    package var jsonText: String {
        var out = ""
        out.reserveCapacity(1_024)
        out += #"{"eventVersion":"#
        JSONValue.writeString(eventVersion, into: &out)
        out += #","userIdentity":"#
        userIdentity.write(into: &out)
        Self.member("eventTime", eventTime, into: &out)
        Self.member("eventSource", eventSource, into: &out)
        Self.member("eventName", eventName, into: &out)
        Self.member("awsRegion", awsRegion, into: &out)
        Self.member("sourceIPAddress", sourceIPAddress, into: &out)
        Self.member("userAgent", userAgent, into: &out)
        Self.member("errorCode", errorCode, into: &out)
        Self.member("errorMessage", errorMessage, into: &out)
        // Both are always present, null when the call sent or answered nothing, as AWS writes them.
        out += #","requestParameters":"#
        if let requestParameters { requestParameters.write(into: &out) } else { out += "null" }
        out += #","responseElements":"#
        if let responseElements { responseElements.write(into: &out) } else { out += "null" }
        if let additionalEventData {
            out += #","additionalEventData":"#
            additionalEventData.write(into: &out)
        }
        Self.member("requestID", requestID, into: &out)
        Self.member("eventID", eventID, into: &out)
        out += readOnly ? #","readOnly":true"# : #","readOnly":false"#
        if let resources {
            out += #","resources":["#
            for (i, resource) in resources.enumerated() {
                out += i == 0 ? #"{"ARN":"# : #",{"ARN":"#
                JSONValue.writeString(resource.ARN, into: &out)
                Self.member("accountId", resource.accountId, into: &out)
                Self.member("type", resource.type, into: &out)
                out += "}"
            }
            out += "]"
        }
        Self.member("eventType", eventType, into: &out)
        out += managementEvent ? #","managementEvent":true"# : #","managementEvent":false"#
        Self.member("recipientAccountId", recipientAccountId, into: &out)
        Self.member("sharedEventID", sharedEventID, into: &out)
        Self.member("eventCategory", eventCategory, into: &out)
        Self.member("sessionCredentialFromConsole", sessionCredentialFromConsole, into: &out)
        out += "}"
        return out
    }

    /// `,"name":"value"`, or nothing for nil, as the synthesized encoder omits nil members.
    static func member(_ name: String, _ value: String?, into out: inout String) {
        guard let value else { return }
        out += ",\""
        out += name
        out += "\":"
        JSONValue.writeString(value, into: &out)
    }
}

extension EventRecord.UserIdentity {
    func write(into out: inout String) {
        out += #"{"type":"#
        JSONValue.writeString(type, into: &out)
        EventRecord.member("principalId", principalId, into: &out)
        EventRecord.member("arn", arn, into: &out)
        EventRecord.member("accountId", accountId, into: &out)
        EventRecord.member("accessKeyId", accessKeyId, into: &out)
        EventRecord.member("userName", userName, into: &out)
        if let sessionContext {
            out += #","sessionContext":{"sessionIssuer":{"#
            if let issuer = sessionContext.sessionIssuer {
                out += #""type":"#
                JSONValue.writeString(issuer.type, into: &out)
                EventRecord.member("principalId", issuer.principalId, into: &out)
                EventRecord.member("arn", issuer.arn, into: &out)
                EventRecord.member("accountId", issuer.accountId, into: &out)
                EventRecord.member("userName", issuer.userName, into: &out)
            }
            out += "}"
            if let federation = sessionContext.webIdFederationData {
                out += #","webIdFederationData":{"#
                if let provider = federation.federatedProvider {
                    out += #""federatedProvider":"#
                    JSONValue.writeString(provider, into: &out)
                }
                out += "}"
            }
            out += #","attributes":{"creationDate":"#
            JSONValue.writeString(sessionContext.attributes.creationDate, into: &out)
            EventRecord.member("mfaAuthenticated", sessionContext.attributes.mfaAuthenticated, into: &out)
            out += "}"
            EventRecord.member("sourceIdentity", sessionContext.sourceIdentity, into: &out)
            out += "}"
        }
        EventRecord.member("identityProvider", identityProvider, into: &out)
        out += "}"
    }
}
