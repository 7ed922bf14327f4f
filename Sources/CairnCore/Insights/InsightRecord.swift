package import CairnPolicy
package import Foundation

/// An Insights event as CloudTrail writes it: no userIdentity, source or name at the top level; the API, the
/// state and the statistics under `insightDetails`; one `sharedEventID` (the Insight's id) on its Start and End.
package struct InsightRecord: Sendable {
    package enum State: String, Sendable { case start = "Start", end = "End" }

    package let eventId: UUID
    package let insightId: UUID
    package let state: State
    package let time: Date
    package let account: String
    package let region: String
    package let kind: InsightKind
    package let eventSource: String
    package let eventName: String
    /// Error-rate Insights only.
    package let errorCode: String?
    /// Calls per minute.
    package let baselineAverage: Double
    package let insightAverage: Double
    package let baselineMinutes: Int
    /// Minutes; on the End event (AWS's example omits it on Start).
    package let insightMinutes: Int?
    package let attributions: [InsightAttribution]

    package init(
        eventId: UUID, insightId: UUID, state: State, time: Date, account: String, region: String, kind: InsightKind, eventSource: String,
        eventName: String, errorCode: String?, baselineAverage: Double, insightAverage: Double, baselineMinutes: Int, insightMinutes: Int?,
        attributions: [InsightAttribution]
    ) {
        (self.eventId, self.insightId, self.state, self.time, self.account, self.region) = (eventId, insightId, state, time, account, region)
        (self.kind, self.eventSource, self.eventName, self.errorCode) = (kind, eventSource, eventName, errorCode)
        (self.baselineAverage, self.insightAverage, self.baselineMinutes, self.insightMinutes) =
            (baselineAverage, insightAverage, baselineMinutes, insightMinutes)
        self.attributions = attributions
    }

    /// The record as stored and delivered.
    package var json: JSONValue {
        func number(_ v: Double) -> JSONValue { .number((v * 1_000_000).rounded() / 1_000_000) }
        var statistics = JSONObject()
        statistics["baseline"] = .object(["average": number(baselineAverage)])
        statistics["insight"] = .object(["average": number(insightAverage)])
        if let insightMinutes { statistics["insightDuration"] = .number(insightMinutes) }
        statistics["baselineDuration"] = .number(baselineMinutes)
        let attributed: [JSONValue] = attributions.map { a in
            let shares = { (list: [InsightAttribution.Share]) in
                JSONValue.array(list.map { .object(["value": .string($0.value), "average": number($0.average)]) })
            }
            return .object(["attribute": .string(a.attribute), "insight": shares(a.insight), "baseline": shares(a.baseline)])
        }
        var details = JSONObject()
        details["state"] = .string(state.rawValue)
        details["eventSource"] = .string(eventSource)
        details["eventName"] = .string(eventName)
        details["insightType"] = .string(kind.rawValue)
        if let errorCode { details["errorCode"] = .string(errorCode) }
        details["insightContext"] = .object(["statistics": .object(statistics), "attributions": .array(attributed)])
        var record = JSONObject()
        record["eventVersion"] = .string("1.08")
        record["eventTime"] = .string(UTCTimestamp.iso8601(time))
        record["awsRegion"] = .string(region)
        record["eventID"] = .string(eventId.uuidString.lowercased())
        record["eventType"] = .string("AwsCloudTrailInsight")
        record["recipientAccountId"] = .string(account)
        record["sharedEventID"] = .string(insightId.uuidString.lowercased())
        record["insightDetails"] = .object(details)
        record["eventCategory"] = .string("Insight")
        return .object(record)
    }
}

extension EventRecord {
    /// An Insights event read back as event history lists it: its API's source and name (from `insightDetails`),
    /// no identity, no resources. Only the summary fields are meaningful; the record itself travels as its text.
    package static func summary(ofInsight text: String) -> EventRecord? {
        guard let record = JSONValue.parse(text), let details = record["insightDetails"], let id = record["eventID"]?.stringValue,
            let time = record["eventTime"]?.stringValue, let region = record["awsRegion"]?.stringValue,
            let account = record["recipientAccountId"]?.stringValue
        else { return nil }
        return EventRecord(
            userIdentity: UserIdentity(type: "", principalId: "", arn: nil, accountId: account, accessKeyId: nil, userName: nil, sessionContext: nil),
            eventTime: time, eventSource: details["eventSource"]?.stringValue ?? "", eventName: details["eventName"]?.stringValue ?? "",
            awsRegion: region, sourceIPAddress: "", userAgent: "", errorCode: details["errorCode"]?.stringValue, errorMessage: nil,
            requestParameters: nil, responseElements: nil, requestID: "", eventID: id, readOnly: false, resources: [],
            eventType: "AwsCloudTrailInsight", managementEvent: false, recipientAccountId: account,
            sharedEventID: record["sharedEventID"]?.stringValue, eventCategory: "Insight")
    }
}
