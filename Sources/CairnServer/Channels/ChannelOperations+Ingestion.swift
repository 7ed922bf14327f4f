import CairnCore
import CairnStore
import Crypto
import Foundation

/// cloudtrail-data's PutAuditEvents: events from outside, into a channel's owner's event log.
extension ChannelOperations {
    /// Accepted events are stored in the channel owner's event log in the call's own transaction, with the
    /// call's event; refused ones are answered per event and stored nowhere.
    static let putAuditEvents = Operation<ChannelModel.PutAuditEventsInput, ChannelModel.PutAuditEventsOutput>(
        Entry.putAuditEvents, target: { input, t in try await putTarget(input, t) }
    ) { input, ctx in
        let facts = ctx.facts
        guard let raw = input.channelArn else { throw ServiceError.missingParameter("channelArn") }
        let caller = facts.principal.account.value
        guard let (account, id) = locate(raw, caller: caller, partition: ctx.partition, region: facts.region) else {
            throw ServiceError(code: "InvalidChannelARN", status: 400, message: "The channel ARN \(raw) is not valid.")
        }
        // Another account's channel is reachable only through its resource policy (already evaluated).
        let found = try await ctx.tx.channels.find(id, account: account, region: facts.region, lock: .keyShare)
        if account != caller {
            guard let found, try await ctx.tx.channels.resourcePolicy(found.id, account: account, region: facts.region) != nil else {
                throw ServiceError(
                    code: "ChannelInsufficientPermission", status: 400, message: "The caller is not allowed to put events on the channel \(raw).")
            }
        }
        guard let found else { throw ServiceError(code: "ChannelNotFound", status: 400, message: "Channel \(raw) was not found.") }
        ctx.recordResources(eventResources(found))
        let (accepted, refused) = try AuditEventRules.judge(input.auditEvents, channelAccount: account) { text in
            Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
        }
        let now = facts.time
        var rows: [EventRepository.EventRow] = []
        var successful: [ChannelModel.PutAuditEventsOutput.Success] = []
        for event in accepted {
            let eventId = UUID()
            // The envelope is built as text around eventData as sent: it was parsed once to judge it, and
            // re-encoding the tree would only cost time.
            let id = eventId.uuidString.lowercased(), at = UTCTimestamp.iso8601(now)
            let record =
                #"{"eventVersion":"1.0","eventCategory":"ActivityAuditLog","eventType":"ActivityLog","eventID":"\#(id)","eventTime":"\#(at)","awsRegion":"\#(facts.region)","recipientAccountId":"\#(account)","metadata":{"ingestionTime":"\#(at)","channelARN":"\#(found.arn)"},"eventData":\#(event.eventDataText)}"#
            rows.append(
                EventRepository.EventRow(
                    id: eventId, time: now, account: account, region: facts.region, source: event.eventSource, name: event.eventName,
                    readOnly: false, username: event.principalId, accessKeyId: nil, category: "ActivityAuditLog", errorCode: nil,
                    resourceTypes: [], resourceNames: [], record: record))
            successful.append(.init(id: event.id, eventID: id))
        }
        try await ctx.tx.events.insert(rows)
        try await ctx.tx.channels.recordIngestion(found.id, at: now, lastEventId: rows.last?.id, errorCode: refused.last?.errorCode)
        return ChannelModel.PutAuditEventsOutput(
            successful: successful, failed: refused.map { .init(id: $0.id, errorCode: $0.errorCode, errorMessage: $0.errorMessage) })
    }
}
