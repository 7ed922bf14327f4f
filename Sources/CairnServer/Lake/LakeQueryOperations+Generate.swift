import CairnCore
import CairnStore
import Foundation

/// GenerateQuery: a prompt in English written as one statement over one store (LakeQueryGenerator), kept under an
/// alias StartQuery runs.
extension LakeQueryOperations {
    /// The store the request names and the account that owns it: an ARN names its owner, an id is the caller's.
    static func generationStore(_ input: LakeModel.GenerateQueryInput, partition: String, region: String, caller: String) throws -> (UUID, String) {
        guard let stores = input.EventDataStores else { throw ServiceError.missingParameter("EventDataStores") }
        guard stores.count == 1, let raw = stores.first else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "EventDataStores must name exactly one event data store.")
        }
        let parts = raw.split(separator: ":", omittingEmptySubsequences: false)
        let owner = raw.hasPrefix("arn:") && parts.count == 6 ? String(parts[4]) : caller
        return (try EventDataStoreRules.storeId(raw, partition: partition, region: region, account: owner), owner)
    }

    static let generateQuery = Operation<LakeModel.GenerateQueryInput, LakeModel.GenerateQueryOutput>(
        Entry.generateQuery,
        target: { input, t in
            guard
                let (id, owner) = try? generationStore(
                    input, partition: t.partition, region: t.facts.region, caller: t.facts.principal.account.value)
            else { return nil }
            return try await storeTarget(id, owner: owner, t)
        }
    ) { input, ctx in
        let caller = ctx.facts.principal.account.value
        let (id, owner) = try generationStore(input, partition: ctx.partition, region: ctx.facts.region, caller: caller)
        guard let prompt = input.Prompt else { throw ServiceError.missingParameter("Prompt") }
        guard (3...500).contains(prompt.count), prompt.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) || $0 == "\n" }) else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "Prompt must be 3 to 500 printable ASCII characters.")
        }
        guard let store = try await ctx.tx.eventDataStores.find(id, account: owner, region: ctx.facts.region) else {
            throw EventDataStoreRules.notFound(id.uuidString.lowercased())
        }
        try EventDataStoreRules.checkActive(store)
        ctx.recordResources(EventDataStoreOperations.eventResources(store))
        guard let statement = LakeQueryGenerator.statement(prompt: prompt, store: id.uuidString.lowercased()) else {
            throw ServiceError(
                code: "GenerateResponseException", status: 400,
                message: "No query could be generated from the prompt; ask about users, errors, services, API names, IP addresses or a time window.")
        }
        _ = try await compile(statement, owner: owner, ctx)
        let alias = "generated-" + UUID().uuidString.lowercased()
        try await ctx.tx.lakeQueries.saveGenerated(
            .init(alias: alias, region: ctx.facts.region, storeAccount: owner, statement: statement, prompt: prompt), account: caller,
            at: ctx.facts.time)
        return LakeModel.GenerateQueryOutput(QueryStatement: statement, QueryAlias: alias, EventDataStoreOwnerAccountId: owner)
    }
}
