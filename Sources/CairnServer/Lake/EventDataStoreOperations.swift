import CairnCore
import CairnStore
import Foundation

/// Event data stores: one account's, in one region; every operation finds a store there or not at all.
enum EventDataStoreOperations {
    typealias Entry = OperationCatalogue.Lake

    /// The store ARN a request names, for authorization; nil when it names none the caller could own.
    static func target(_ raw: String?, _ t: TargetContext) -> AuthorizationTarget? {
        let account = t.facts.principal.account.value, region = t.facts.region
        guard let id = try? EventDataStoreRules.storeId(raw, partition: t.partition, region: region, account: account) else { return nil }
        return AuthorizationTarget(resource: EventDataStoreRules.arn(partition: t.partition, region: region, account: account, id: id))
    }

    static func eventResources(_ store: EventDataStoreRecord) -> [EventRecord.Resource] {
        [EventRecord.Resource(ARN: store.arn, accountId: store.account, type: "AWS::CloudTrail::EventDataStore")]
    }

    /// The caller's store `raw` names (ARN or id) in the calling region.
    static func store(_ raw: String?, _ ctx: OperationContext, lock: Bool = false) async throws -> EventDataStoreRecord {
        let account = ctx.facts.principal.account.value
        let id = try EventDataStoreRules.storeId(raw, partition: ctx.partition, region: ctx.facts.region, account: account)
        guard let found = try await ctx.tx.eventDataStores.find(id, account: account, region: ctx.facts.region, lock: lock) else {
            throw EventDataStoreRules.notFound(raw ?? "")
        }
        ctx.recordResources(eventResources(found))
        return found
    }

    /// An organization store needs what an organization trail needs: the management account or CloudTrail's
    /// delegated administrator, all features, trusted access (TrailOperations' clearance).
    static func checkOrganization(_ enabled: Bool, _ ctx: OperationContext) async throws {
        guard enabled else { return }
        _ = try await TrailOperations.organizationClearance(.create, ctx)
    }

    static func kmsKey(_ raw: String?, _ ctx: OperationContext) throws -> String? {
        guard let raw else { return nil }
        guard (1...350).contains(raw.count) else {
            throw ServiceError(code: "InvalidKmsKeyIdException", status: 400, message: "KmsKeyId must be 1 to 350 characters long.")
        }
        let context = TrailSettingsContext(partition: ctx.partition, homeRegion: ctx.facts.region, ownerAccountId: ctx.facts.principal.account.value)
        return try TrailDeliveryTargets.kmsKeyARN(for: raw, context: context)
    }

    /// AddTags and RemoveTags on a store: the change `retag` makes to its tags, under AWS's tag rules.
    static func retag(_ raw: String, _ ctx: OperationContext, _ change: ([TrailTag]) throws -> [TrailTag]) async throws {
        var found = try await store(raw, ctx, lock: true)
        try EventDataStoreRules.checkActive(found)
        found.tags = try change(found.tags)
        try await ctx.tx.eventDataStores.update(found)
    }

    static let createEventDataStore = Operation<LakeModel.CreateEventDataStoreInput, LakeModel.EventDataStore>(Entry.createEventDataStore) {
        input, ctx in
        let name = try EventDataStoreRules.validateName(input.Name)
        let (selectors, category) = try EventDataStoreRules.validateSelectors(input.AdvancedEventSelectors)
        let mode = try EventDataStoreRules.billingMode(input.BillingMode) ?? .extendable
        let retention = try EventDataStoreRules.validateRetention(input.RetentionPeriod, mode: mode)
        let tags = try TrailTags.forCreate(input.TagsList ?? [])
        let kms = try kmsKey(input.KmsKeyId, ctx)
        let organization = input.OrganizationEnabled ?? false
        try await checkOrganization(organization, ctx)
        let account = ctx.facts.principal.account.value, region = ctx.facts.region
        let id = UUID()
        let starts = input.StartIngestion ?? true
        let record = EventDataStoreRecord(
            id: id, arn: EventDataStoreRules.arn(partition: ctx.partition, region: region, account: account, id: id), account: account,
            region: region, name: name, status: starts ? .enabled : .stoppedIngestion, category: category, selectors: selectors,
            multiRegion: input.MultiRegionEnabled ?? true, organizationEnabled: organization, retentionDays: retention,
            terminationProtection: input.TerminationProtectionEnabled ?? true, kmsKeyId: kms, billingMode: mode, tags: tags,
            created: ctx.facts.time, updated: ctx.facts.time)
        let created = try await ctx.tx.eventDataStores.create(record)
        ctx.recordResources(eventResources(created))
        return LakeModel.EventDataStore(created, .created)
    }

    static let getEventDataStore = Operation<LakeModel.EventDataStoreInput, LakeModel.EventDataStore>(
        Entry.getEventDataStore, target: { input, t in target(input.EventDataStore, t) }
    ) { input, ctx in
        LakeModel.EventDataStore(try await store(input.EventDataStore, ctx), .fetched)
    }

    /// In creation order, `MaxResults` 1–1000 (default 1000); the token continues after the last store's id.
    static let listEventDataStores = Operation<LakeModel.ListEventDataStoresInput, LakeModel.ListEventDataStoresOutput>(
        Entry.listEventDataStores
    ) { input, ctx in
        let size = input.MaxResults ?? 1000
        guard (1...1000).contains(size) else {
            throw ServiceError(code: "InvalidMaxResultsException", status: 400, message: "MaxResults must be between 1 and 1000.")
        }
        let all = try await ctx.tx.eventDataStores.list(account: ctx.facts.principal.account.value, region: ctx.facts.region)
        var start = 0
        if let token = input.NextToken {
            guard let after = PageToken.key(token, for: "ListEventDataStores"), let index = all.firstIndex(where: { $0.id.uuidString == after })
            else { throw ServiceError(code: "InvalidNextTokenException", status: 400, message: "The NextToken is not valid.") }
            start = index + 1
        }
        let page = Array(all[start...].prefix(size))
        let next = start + page.count < all.count ? page.last.map { PageToken.after($0.id.uuidString, for: "ListEventDataStores") } : nil
        return LakeModel.ListEventDataStoresOutput(EventDataStores: page.map(LakeModel.ListedEventDataStore.init), NextToken: next)
    }

    /// Changes what the request names and nothing else. The category of events cannot change; once set, the KMS
    /// key stays; EXTENDABLE pricing cannot go back to FIXED; lowering retention leaves fewer events visible.
    static let updateEventDataStore = Operation<LakeModel.UpdateEventDataStoreInput, LakeModel.EventDataStore>(
        Entry.updateEventDataStore, target: { input, t in target(input.EventDataStore, t) }
    ) { input, ctx in
        var found = try await store(input.EventDataStore, ctx, lock: true)
        try EventDataStoreRules.checkActive(found)
        let changes: [Any?] = [
            input.Name, input.AdvancedEventSelectors, input.MultiRegionEnabled, input.OrganizationEnabled, input.RetentionPeriod,
            input.TerminationProtectionEnabled, input.KmsKeyId, input.BillingMode,
        ]
        guard changes.contains(where: { $0 != nil }) else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "UpdateEventDataStore needs at least one setting to change.")
        }
        if let name = input.Name { found.name = try EventDataStoreRules.validateName(name) }
        if let raw = input.AdvancedEventSelectors {
            let (selectors, category) = try EventDataStoreRules.validateSelectors(raw)
            guard category == found.category else {
                throw ServiceError(
                    code: "InvalidEventSelectorsException", status: 400,
                    message: "An event data store of \(found.category.rawValue) events cannot be changed to hold \(category.rawValue) events.")
            }
            found.selectors = selectors
        }
        if let mode = try EventDataStoreRules.billingMode(input.BillingMode) {
            guard !(found.billingMode == .extendable && mode == .fixed) else {
                throw ServiceError(
                    code: "InvalidParameterException", status: 400,
                    message: "BillingMode cannot change from EXTENDABLE_RETENTION_PRICING to FIXED_RETENTION_PRICING.")
            }
            found.billingMode = mode
        }
        if let days = input.RetentionPeriod { found.retentionDays = try EventDataStoreRules.validateRetention(days, mode: found.billingMode) }
        guard found.billingMode.retention.contains(found.retentionDays) else {
            throw ServiceError(
                code: "InvalidParameterException", status: 400,
                message: "RetentionPeriod \(found.retentionDays) is not valid for \(found.billingMode.rawValue).")
        }
        if let key = try kmsKey(input.KmsKeyId, ctx) {
            guard found.kmsKeyId == nil || found.kmsKeyId == key else {
                throw ServiceError(code: "InvalidParameterException", status: 400, message: "The KMS key of an event data store cannot be changed.")
            }
            found.kmsKeyId = key
        }
        if let multi = input.MultiRegionEnabled { found.multiRegion = multi }
        if let organization = input.OrganizationEnabled, organization != found.organizationEnabled {
            try await checkOrganization(true, ctx)
            found.organizationEnabled = organization
        }
        if let protection = input.TerminationProtectionEnabled { found.terminationProtection = protection }
        found.updated = ctx.facts.time
        try await ctx.tx.eventDataStores.update(found)
        return LakeModel.EventDataStore(found, .updated)
    }

    /// Not at once: the store waits seven days in PENDING_DELETION, restorable, and is then purged.
    static let deleteEventDataStore = Operation<LakeModel.EventDataStoreInput, NoOutput>(
        Entry.deleteEventDataStore, target: { input, t in target(input.EventDataStore, t) }
    ) { input, ctx in
        var found = try await store(input.EventDataStore, ctx, lock: true)
        try EventDataStoreRules.checkActive(found)
        guard !found.terminationProtection else {
            throw ServiceError(
                code: "EventDataStoreTerminationProtectedException", status: 400,
                message: "Event data store \(found.arn) has termination protection enabled; disable it before deleting the store.")
        }
        guard found.federationRoleArn == nil else { throw EventDataStoreFederation.alreadyEnabled(found.arn) }
        guard try await !ctx.tx.eventDataStores.hasChannels(found) else {
            throw ServiceError(
                code: "ChannelExistsForEDSException", status: 400,
                message: "A channel still sends events to event data store \(found.arn); delete the channel or change its destinations first.")
        }
        found.statusBeforeDeletion = found.status
        found.status = .pendingDeletion
        found.deletionRequested = ctx.facts.time
        found.updated = ctx.facts.time
        try await ctx.tx.eventDataStores.closeIngestion(found.id, at: ctx.facts.time)
        try await ctx.tx.eventDataStores.update(found)
        return NoOutput()
    }

    static let restoreEventDataStore = Operation<LakeModel.EventDataStoreInput, LakeModel.EventDataStore>(
        Entry.restoreEventDataStore, target: { input, t in target(input.EventDataStore, t) }
    ) { input, ctx in
        var found = try await store(input.EventDataStore, ctx, lock: true)
        guard found.status == .pendingDeletion else {
            throw ServiceError(
                code: "InvalidEventDataStoreStatusException", status: 400,
                message: "Event data store \(found.arn) is \(found.status.rawValue); only a store pending deletion can be restored.")
        }
        found.status = found.statusBeforeDeletion ?? .enabled
        found.statusBeforeDeletion = nil
        found.deletionRequested = nil
        found.updated = ctx.facts.time
        if found.status == .enabled { try await ctx.tx.eventDataStores.openIngestion(found.id, at: ctx.facts.time) }
        try await ctx.tx.eventDataStores.update(found)
        return LakeModel.EventDataStore(found, .restored)
    }

    static let startEventDataStoreIngestion = Operation<LakeModel.EventDataStoreInput, NoOutput>(
        Entry.startEventDataStoreIngestion, target: { input, t in target(input.EventDataStore, t) }
    ) { input, ctx in
        var found = try await store(input.EventDataStore, ctx, lock: true)
        try EventDataStoreRules.checkIngestionChange(found, start: true)
        found.status = .enabled
        found.updated = ctx.facts.time
        try await ctx.tx.eventDataStores.openIngestion(found.id, at: ctx.facts.time)
        try await ctx.tx.eventDataStores.update(found)
        return NoOutput()
    }

    static let stopEventDataStoreIngestion = Operation<LakeModel.EventDataStoreInput, NoOutput>(
        Entry.stopEventDataStoreIngestion, target: { input, t in target(input.EventDataStore, t) }
    ) { input, ctx in
        var found = try await store(input.EventDataStore, ctx, lock: true)
        try EventDataStoreRules.checkIngestionChange(found, start: false)
        found.status = .stoppedIngestion
        found.updated = ctx.facts.time
        try await ctx.tx.eventDataStores.closeIngestion(found.id, at: ctx.facts.time)
        try await ctx.tx.eventDataStores.update(found)
        return NoOutput()
    }
}
