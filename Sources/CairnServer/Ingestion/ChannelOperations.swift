import CairnCore
import CairnStore
import Crypto
import Foundation

/// Channels and PutAuditEvents, shared by the AWS doors and REST. A channel belongs to one account and
/// region; every operation finds it there or not at all.
struct ChannelOperations: Sendable {
    let runner: OperationRunner
    var partition: String { runner.store.partition }

    struct CreateInput: Decodable, Sendable {
        var Name: String?
        var Source: String?
        var Destinations: [ChannelDestination]?
        var Tags: [TrailTag]?
    }

    struct UpdateInput: Decodable, Sendable {
        var Channel: String?
        var Destinations: [ChannelDestination]?
        var Name: String?
    }

    struct ChannelInput: Decodable, Sendable {
        var Channel: String?
    }

    struct ListInput: Decodable, Sendable {
        var MaxResults: Int?
        var NextToken: String?
    }

    struct PutInput: Decodable, Sendable {
        var channelArn: String?
        var externalId: String?
        var auditEvents: [AuditEventRules.Input]?
    }

    struct PutResult: Sendable {
        let successful: [(id: String, eventID: String)]
        let failed: [AuditEventRules.Refused]
    }

    /// The channel ARN a request names, for authorization; nil when it names none the caller could own.
    func resourceARN(_ raw: String?) -> String? {
        guard let raw, let scope = RequestScope.current,
            let id = ChannelRules.channelId(raw, partition: partition, region: scope.region, account: scope.principal.account.value)
        else { return nil }
        return ChannelRules.arn(partition: partition, region: scope.region, account: scope.principal.account.value, id: id)
    }

    /// What an event records about the channel a call touched.
    static func eventResources(_ channel: ChannelRecord) -> [EventRecord.Resource] {
        [EventRecord.Resource(ARN: channel.arn, accountId: channel.account, type: "AWS::CloudTrail::Channel")]
    }

    func target(_ raw: String?) -> AuthorizationTarget? {
        resourceARN(raw).map { AuthorizationTarget(resource: $0) }
    }

    /// The caller's channel `raw` names (ARN or id) in the calling region.
    private func channel(_ raw: String?, _ tx: Transaction, _ facts: CallFacts, lock: ChannelRepository.Lock = .none) async throws -> ChannelRecord {
        guard let raw else { throw ServiceError.missingParameter("Channel") }
        let account = facts.principal.account.value
        guard raw.count >= 3, let id = ChannelRules.channelId(raw, partition: partition, region: facts.region, account: account) else {
            throw ServiceError(code: "ChannelARNInvalidException", status: 400, message: "The channel ARN \(raw) is not valid.")
        }
        guard let found = try await tx.channels.find(id, account: account, region: facts.region, lock: lock) else {
            throw ServiceError(code: "ChannelNotFoundException", status: 400, message: "Channel \(raw) was not found.")
        }
        return found
    }

    func create(_ input: CreateInput, parameters: JSONValue?) async throws -> ChannelRecord {
        try await runner.run(OperationCatalogue.Events.createChannel, parameters: parameters) { tx, facts in
            let name = try ChannelRules.validateName(input.Name)
            let source = try ChannelRules.validateSource(input.Source)
            let account = facts.principal.account.value
            let destinations = try ChannelRules.validateDestinations(input.Destinations, partition: partition, region: facts.region, account: account)
            let tags: [TrailTag]
            do throws(TrailRuleViolation) { tags = try TrailTags.forCreate(input.Tags ?? []) } catch { throw ServiceError(error) }
            let created = try await tx.channels.create(
                account: account, region: facts.region, name: name, source: source, destinations: destinations, tags: tags)
            return .init(created, resources: Self.eventResources(created))
        }
    }

    func get(_ raw: String?, parameters: JSONValue?) async throws -> ChannelRecord {
        try await runner.run(OperationCatalogue.Events.getChannel, parameters: parameters, target: target(raw)) { tx, facts in
            .init(try await channel(raw, tx, facts))
        }
    }

    /// By name, `MaxResults` 1–1000 (default 1000), the token the last name of the previous page.
    func list(_ input: ListInput, parameters: JSONValue?) async throws -> (channels: [ChannelRecord], nextToken: String?) {
        try await runner.run(OperationCatalogue.Events.listChannels, parameters: parameters) { tx, facts in
            let size = input.MaxResults ?? 1000
            guard (1...1000).contains(size) else {
                throw ServiceError(code: "InvalidParameterException", status: 400, message: "MaxResults must be between 1 and 1000.")
            }
            var after: String? = nil
            if let token = input.NextToken {
                guard let data = Data(base64Encoded: token), let name = String(data: data, encoding: .utf8) else {
                    throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "The NextToken is not valid.")
                }
                after = name
            }
            let all = try await tx.channels.list(account: facts.principal.account.value, region: facts.region)
                .filter { after == nil || $0.name > after! }
            let page = Array(all.prefix(size))
            let next = all.count > page.count ? page.last.map { Data($0.name.utf8).base64EncodedString() } : nil
            return .init((page, next))
        }
    }

    func update(_ input: UpdateInput, parameters: JSONValue?) async throws -> ChannelRecord {
        try await runner.run(OperationCatalogue.Events.updateChannel, parameters: parameters, target: target(input.Channel)) { tx, facts in
            var found = try await channel(input.Channel, tx, facts, lock: .update)
            if let name = input.Name { found.name = try ChannelRules.validateName(name) }
            if let destinations = input.Destinations {
                found.destinations = try ChannelRules.validateDestinations(
                    destinations, partition: partition, region: facts.region, account: facts.principal.account.value)
            }
            try await tx.channels.update(found)
            return .init(found, resources: Self.eventResources(found))
        }
    }

    func delete(_ raw: String?, parameters: JSONValue?) async throws {
        try await runner.run(OperationCatalogue.Events.deleteChannel, parameters: parameters, target: target(raw)) { tx, facts in
            let found = try await channel(raw, tx, facts, lock: .update)
            try await tx.channels.delete(found.id)
            return .init((), resources: Self.eventResources(found))
        }
    }

    /// Accepted events are stored in the channel owner's event log in the call's own transaction, with the
    /// call's event; refused ones are answered per event and stored nowhere.
    ///
    /// The call's own event records the channel and the events' ids, not their payloads, which are stored once,
    /// as the ingested events themselves.
    func putAuditEvents(_ input: PutInput) async throws -> PutResult {
        var recorded: [String: JSONValue] = [:]
        if let channel = input.channelArn { recorded["channelArn"] = .string(channel) }
        if let external = input.externalId { recorded["externalId"] = .string(external) }
        recorded["auditEvents"] = .array((input.auditEvents ?? []).map { .object(["id": $0.id.map(JSONValue.string) ?? .null]) })
        return try await runner.run(
            OperationCatalogue.Events.putAuditEvents, parameters: .object(recorded),
            resolvingTarget: { try await putTarget(input.channelArn, externalId: input.externalId) }
        ) { tx, facts in
            guard let raw = input.channelArn else { throw ServiceError.missingParameter("channelArn") }
            let caller = facts.principal.account.value
            guard let (account, id) = locate(raw, region: facts.region) else {
                throw ServiceError(code: "InvalidChannelARN", status: 400, message: "The channel ARN \(raw) is not valid.")
            }
            // Another account's channel is reachable only through its resource policy (already evaluated).
            let found = try await tx.channels.find(id, account: account, region: facts.region, lock: .keyShare)
            if account != caller {
                guard let found, try await tx.channels.resourcePolicy(found.id, account: account, region: facts.region) != nil else {
                    throw ServiceError(code: "ChannelInsufficientPermission", status: 400, message: "The caller is not allowed to put events on the channel \(raw).")
                }
            }
            guard let found else {
                throw ServiceError(code: "ChannelNotFound", status: 400, message: "Channel \(raw) was not found.")
            }
            let (accepted, refused) = try AuditEventRules.judge(input.auditEvents, channelAccount: account) { text in
                Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
            }
            let now = facts.time
            var rows: [EventRepository.EventRow] = []
            var successful: [(id: String, eventID: String)] = []
            for event in accepted {
                let eventId = UUID()
                // The envelope is built as text around eventData as sent: it was parsed once to judge it, and
                // re-encoding the tree would only cost time.
                let id = eventId.uuidString.lowercased(), at = UTCTimestamp.iso8601(now)
                let record = #"{"eventVersion":"1.0","eventCategory":"ActivityAuditLog","eventType":"ActivityLog","eventID":"\#(id)","eventTime":"\#(at)","awsRegion":"\#(facts.region)","recipientAccountId":"\#(account)","metadata":{"ingestionTime":"\#(at)","channelARN":"\#(found.arn)"},"eventData":\#(event.eventDataText)}"#
                rows.append(
                    EventRepository.EventRow(
                        id: eventId, time: now, account: account, region: facts.region, source: event.eventSource, name: event.eventName,
                        readOnly: false, username: event.principalId, accessKeyId: nil, category: "ActivityAuditLog", errorCode: nil,
                        resourceTypes: [], resourceNames: [], record: record))
                successful.append((event.id, id))
            }
            try await tx.events.insert(rows)
            try await tx.channels.recordIngestion(
                found.id, at: now, lastEventId: rows.last?.id, errorCode: refused.last?.errorCode)
            return .init(
                PutResult(successful: successful, failed: refused),
                resources: Self.eventResources(found))
        }
    }
}
