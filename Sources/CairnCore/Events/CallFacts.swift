package import CairnPolicy
package import Foundation

/// What the pipeline knows about a call before it runs, whichever front door it came through: enough to
/// authorize it and to write its event.
package struct CallFacts: Sendable {
    package let operation: CatalogueOperation
    package let principal: Principal
    /// The credential scope's region.
    package let region: String
    package let requestId: String
    package let sourceIP: String
    package let userAgent: String
    package let time: Date
    package var requestParameters: JSONValue?

    package init(
        operation: CatalogueOperation, principal: Principal, region: String, requestId: String, sourceIP: String,
        userAgent: String, time: Date, requestParameters: JSONValue? = nil
    ) {
        self.operation = operation
        self.principal = principal
        self.region = region
        self.requestId = requestId
        self.sourceIP = sourceIP
        self.userAgent = userAgent
        self.time = time
        self.requestParameters = requestParameters
    }

    /// Global services' events land in us-east-1, as AWS records them.
    package var eventRegion: String { operation.service.isGlobal ? "us-east-1" : region }

    /// The record of this call: its outcome is either a response or an error, never both.
    package func record(
        eventId: String = CallIdentifier.next(), response: JSONValue?, error: ServiceError?, resources: [EventRecord.Resource]? = nil
    ) -> EventRecord {
        var record = EventRecord(
            userIdentity: .init(principal), eventTime: EventRecord.timestamp(time),
            eventSource: operation.service.eventSource, eventName: operation.name, awsRegion: eventRegion,
            sourceIPAddress: sourceIP, userAgent: userAgent, errorCode: error?.code, errorMessage: error?.message,
            requestParameters: requestParameters, responseElements: error == nil ? response : nil,
            requestID: requestId, eventID: eventId, readOnly: operation.recordedReadOnly,
            resources: resources, recipientAccountId: principal.account.value)
        if principal.session?.fromConsole == true { record.sessionCredentialFromConsole = "true" }
        return record
    }
}
