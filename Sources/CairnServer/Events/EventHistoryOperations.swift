import CairnCore
import CairnStore
import Foundation

/// Event history: the caller's account's events in the calling region, newest first. LookupEvents on the
/// CloudTrail door, and REST's search and export, are one catalogue entry (cloudtrail:LookupEvents) with the
/// request rules of each rendering.
enum EventHistoryOperations {
    typealias Entry = OperationCatalogue.Events

    /// AWS's rules: at most one attribute honoured, 1–50 results.
    static let lookupEvents = Operation<EventHistoryModel.LookupEventsInput, EventHistoryModel.LookupEventsOutput>(Entry.lookupEvents) {
        input, ctx in
        let lookup = try EventLookup.forLookupEvents(
            attributes: (input.LookupAttributes ?? []).map { ($0.AttributeKey, $0.AttributeValue) }, startTime: input.StartTime,
            endTime: input.EndTime, eventCategory: input.EventCategory, maxResults: input.MaxResults, nextToken: input.NextToken,
            now: ctx.facts.time)
        return try await page(lookup, ctx)
    }
    .onReplica()

    /// REST's rules: several attributes at once, each at most once.
    static let searchEvents = Operation<EventHistoryModel.SearchEventsInput, EventHistoryModel.LookupEventsOutput>(Entry.lookupEvents) {
        input, ctx in
        let lookup = try EventLookup.forREST(
            filters: input.filters, startTime: input.StartTime, endTime: input.EndTime, eventCategory: input.EventCategory,
            limit: input.MaxResults, nextToken: input.NextToken, now: ctx.facts.time)
        return try await page(lookup, ctx)
    }
    .onReplica()

    /// Up to `MaxResults` events (10,000 at most), newest first, read a thousand at a time; the token continues
    /// after the last one when more match.
    static let exportEvents = Operation<EventHistoryModel.SearchEventsInput, EventHistoryModel.LookupEventsOutput>(Entry.lookupEvents) {
        input, ctx in
        let whole = try EventLookup.forExport(
            filters: input.filters, startTime: input.StartTime, endTime: input.EndTime, eventCategory: input.EventCategory,
            limit: input.MaxResults, nextToken: input.NextToken, now: ctx.facts.time)
        var events: [EventHistoryModel.Event] = []
        var page = whole
        var next: EventLookup.Cursor? = nil
        repeat {
            page.maxResults = min(1_000, whole.maxResults - events.count)
            let found = try await ctx.tx.events.lookup(account: ctx.facts.principal.account, region: ctx.facts.region, page)
            events += found.events.map { EventHistoryModel.Event($0.record, json: $0.json) }
            next = found.next
            page.after = next
        } while next != nil && events.count < whole.maxResults
        return EventHistoryModel.LookupEventsOutput(Events: events, NextToken: next.map { whole.token(after: $0) })
    }
    .onReplica()

    private static func page(_ lookup: EventLookup, _ ctx: OperationContext) async throws -> EventHistoryModel.LookupEventsOutput {
        let found = try await ctx.tx.events.lookup(account: ctx.facts.principal.account, region: ctx.facts.region, lookup)
        return EventHistoryModel.LookupEventsOutput(
            Events: found.events.map { EventHistoryModel.Event($0.record, json: $0.json) }, NextToken: found.next.map { lookup.token(after: $0) })
    }
}
