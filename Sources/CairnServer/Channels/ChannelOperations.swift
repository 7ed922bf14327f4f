import CairnCore
import CairnStore
import Foundation

/// Channels: one account's, in one region; every operation finds a channel there or not at all.
enum ChannelOperations {
    typealias Entry = OperationCatalogue.Events

    /// The channel ARN a request names, for authorization; nil when it names none the caller could own.
    static func resourceARN(_ raw: String?, _ t: TargetContext) -> String? {
        let account = t.facts.principal.account.value, region = t.facts.region
        guard let raw, let id = ChannelRules.channelId(raw, partition: t.partition, region: region, account: account) else { return nil }
        return ChannelRules.arn(partition: t.partition, region: region, account: account, id: id)
    }

    static func target(_ raw: String?, _ t: TargetContext) -> AuthorizationTarget? {
        resourceARN(raw, t).map { AuthorizationTarget(resource: $0) }
    }

    /// What an event records about the channel a call touched.
    static func eventResources(_ channel: ChannelRecord) -> [EventRecord.Resource] {
        [EventRecord.Resource(ARN: channel.arn, accountId: channel.account, type: "AWS::CloudTrail::Channel")]
    }

    /// The caller's channel `raw` names (ARN or id) in the calling region.
    static func channel(_ raw: String?, _ ctx: OperationContext, lock: ChannelRepository.Lock = .none) async throws -> ChannelRecord {
        guard let raw else { throw ServiceError.missingParameter("Channel") }
        let account = ctx.facts.principal.account.value
        guard raw.count >= 3, let id = ChannelRules.channelId(raw, partition: ctx.partition, region: ctx.facts.region, account: account) else {
            throw ServiceError(code: "ChannelARNInvalidException", status: 400, message: "The channel ARN \(raw) is not valid.")
        }
        guard let found = try await ctx.tx.channels.find(id, account: account, region: ctx.facts.region, lock: lock) else {
            throw ServiceError(code: "ChannelNotFoundException", status: 400, message: "Channel \(raw) was not found.")
        }
        ctx.recordResources(eventResources(found))
        return found
    }

    /// Each destination must be an event data store of the caller's that takes channel events (ActivityAuditLog) and
    /// is not pending deletion. The stores are locked, so DeleteEventDataStore, which refuses a store a channel sends
    /// to, cannot slip in between; in one order (by ARN), so two calls naming the same stores cannot deadlock.
    static func checkStores(_ destinations: [ChannelDestination], _ ctx: OperationContext) async throws {
        let account = ctx.facts.principal.account.value
        for d in destinations.sorted(by: { $0.location < $1.location }) {
            guard let id = try? EventDataStoreRules.storeId(d.location, partition: ctx.partition, region: ctx.facts.region, account: account),
                let store = try await ctx.tx.eventDataStores.find(id, account: account, region: ctx.facts.region, lock: true)
            else { throw EventDataStoreRules.notFound(d.location) }
            try EventDataStoreRules.checkActive(store)
            guard store.category == .activityAuditLog else {
                throw ServiceError(
                    code: "InvalidEventDataStoreCategoryException", status: 400,
                    message:
                        "Event data store \(store.arn) holds \(store.category.rawValue) events; a channel sends to a store of ActivityAuditLog events."
                )
            }
        }
    }

    static let createChannel = Operation<ChannelModel.CreateChannelInput, ChannelModel.Channel>(Entry.createChannel) { input, ctx in
        let name = try ChannelRules.validateName(input.Name)
        let source = try ChannelRules.validateSource(input.Source)
        let account = ctx.facts.principal.account.value
        let destinations = try ChannelRules.validateDestinations(
            input.Destinations, partition: ctx.partition, region: ctx.facts.region, account: account)
        try await checkStores(destinations, ctx)
        let tags = try TrailTags.forCreate(input.Tags ?? [])
        let created = try await ctx.tx.channels.create(
            account: account, region: ctx.facts.region, name: name, source: source, destinations: destinations, tags: tags)
        ctx.recordResources(eventResources(created))
        return ChannelModel.Channel(created, full: true, tags: true, status: false)
    }

    static let getChannel = Operation<ChannelModel.ChannelInput, ChannelModel.Channel>(
        Entry.getChannel, target: { input, t in target(input.Channel, t) }
    ) { input, ctx in
        ChannelModel.Channel(try await channel(input.Channel, ctx), full: true)
    }

    /// By name, `MaxResults` 1–1000 (default 1000); the token continues after the last name of the previous page.
    static let listChannels = Operation<ChannelModel.ListChannelsInput, ChannelModel.ListChannelsOutput>(Entry.listChannels) { input, ctx in
        let size = input.MaxResults ?? 1000
        guard (1...1000).contains(size) else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "MaxResults must be between 1 and 1000.")
        }
        let after = try input.NextToken.map { token throws(ServiceError) in
            guard let name = PageToken.key(token, for: "ListChannels") else {
                throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "The NextToken is not valid.")
            }
            return name
        }
        let all = try await ctx.tx.channels.list(account: ctx.facts.principal.account.value, region: ctx.facts.region)
            .filter { after == nil || $0.name > after! }
        let page = Array(all.prefix(size))
        let next = all.count > page.count ? page.last.map { PageToken.after($0.name, for: "ListChannels") } : nil
        return ChannelModel.ListChannelsOutput(Channels: page.map { .init($0, full: false) }, NextToken: next)
    }

    static let updateChannel = Operation<ChannelModel.UpdateChannelInput, ChannelModel.Channel>(
        Entry.updateChannel, target: { input, t in target(input.Channel, t) }
    ) { input, ctx in
        var found = try await channel(input.Channel, ctx, lock: .update)
        if let name = input.Name { found.name = try ChannelRules.validateName(name) }
        if let destinations = input.Destinations {
            found.destinations = try ChannelRules.validateDestinations(
                destinations, partition: ctx.partition, region: ctx.facts.region, account: ctx.facts.principal.account.value)
            try await checkStores(found.destinations, ctx)
        }
        try await ctx.tx.channels.update(found)
        return ChannelModel.Channel(found, full: true, status: false)
    }

    static let deleteChannel = Operation<ChannelModel.ChannelInput, NoOutput>(
        Entry.deleteChannel, target: { input, t in target(input.Channel, t) }
    ) { input, ctx in
        try await ctx.tx.channels.delete(try await channel(input.Channel, ctx, lock: .update).id)
        return NoOutput()
    }
}
