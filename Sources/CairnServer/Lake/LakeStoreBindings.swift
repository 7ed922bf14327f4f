import CairnCore
import CairnStore
import Foundation

/// The stores a Lake statement names, found in the caller's account and region and bound for the compiler.
/// StartQuery binds them to refuse a bad statement at once; the worker binds them again when the query runs,
/// so a store deleted in between fails the query instead of being read.
struct LakeStoreBindings: Sendable {
    var bindings: [String: LakeStoreBinding] = [:]
    var stores: [EventDataStoreRecord] = []
    /// Every account any named store reads: the accounts the query's transaction may see.
    var accounts: Set<String> = []

    static func find(_ ids: [String], account: String, region: String, now: Date, tx: Transaction) async throws -> LakeStoreBindings {
        var out = LakeStoreBindings()
        for raw in ids {
            guard let id = UUID(uuidString: raw),
                let store = try await tx.eventDataStores.find(id, account: account, region: region)
            else { throw EventDataStoreRules.notFound(raw) }
            try EventDataStoreRules.checkActive(store)
            let accounts = store.organizationEnabled ? try await tx.eventDataStores.organizationAccounts(of: account) : [account]
            let channels = store.category == .activityAuditLog ? try await tx.eventDataStores.channelsSendingTo(store) : []
            let relation = EventDataStoreRelation(
                store: store, accounts: accounts, windows: try await tx.eventDataStores.ingestionWindows(id), channels: channels, now: now)
            out.bindings[raw] = relation.binding
            out.stores.append(store)
            out.accounts.formUnion(accounts)
        }
        return out
    }
}
