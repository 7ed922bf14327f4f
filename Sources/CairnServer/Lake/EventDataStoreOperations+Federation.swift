import CairnCore
import CairnStore
import Foundation

/// Lake query federation: the store's recorded state (EventDataStoreFederation says why there is no Glue).
extension EventDataStoreOperations {
    /// The role must be one of the caller's account's roles now; a store already federated refuses a second role.
    static let enableFederation = Operation<LakeModel.EnableFederationInput, LakeModel.FederationOutput>(
        Entry.enableFederation, target: { input, t in target(input.EventDataStore, t) }
    ) { input, ctx in
        var found = try await store(input.EventDataStore, ctx, lock: true)
        try EventDataStoreRules.checkActive(found)
        let account = ctx.facts.principal.account
        let name = try EventDataStoreFederation.roleName(input.FederationRoleArn, partition: ctx.partition, account: account.value)
        guard let role = try await ctx.tx.roles.find(account: account, name: name), role.arn == input.FederationRoleArn else {
            throw ServiceError(
                code: "InvalidParameterException", status: 400,
                message: "FederationRoleArn \(input.FederationRoleArn ?? "") is not a role of account \(account.value).")
        }
        guard found.federationRoleArn == nil else { throw EventDataStoreFederation.alreadyEnabled(found.arn) }
        found.federationRoleArn = role.arn
        found.updated = ctx.facts.time
        try await ctx.tx.eventDataStores.update(found)
        return LakeModel.FederationOutput(EventDataStoreArn: found.arn, FederationStatus: "ENABLED", FederationRoleArn: role.arn)
    }

    /// Disabling a store that is not federated is not an error: the store ends DISABLED either way.
    static let disableFederation = Operation<LakeModel.EventDataStoreInput, LakeModel.FederationOutput>(
        Entry.disableFederation, target: { input, t in target(input.EventDataStore, t) }
    ) { input, ctx in
        var found = try await store(input.EventDataStore, ctx, lock: true)
        try EventDataStoreRules.checkActive(found)
        if found.federationRoleArn != nil {
            found.federationRoleArn = nil
            found.updated = ctx.facts.time
            try await ctx.tx.eventDataStores.update(found)
        }
        return LakeModel.FederationOutput(EventDataStoreArn: found.arn, FederationStatus: "DISABLED")
    }
}
