import CairnCore
import CairnStore

/// OpenID Connect providers: the identity providers whose tokens an account's roles may trust
/// (sts:AssumeRoleWithWebIdentity). IAM checks nothing with the provider when one is created; Cairn fetches its
/// keys when a token arrives (WebIdentityKeys).
extension IAMOperations {
    private typealias Rules = OpenIDConnectProviderRules

    static let createOpenIDConnectProvider = operation(Entry.createOpenIDConnectProvider) {
        (input: IAMModel.CreateOpenIDConnectProviderInput, ctx) -> IAMModel.CreateOpenIDConnectProviderOutput in
        let identifier = try Rules.identifier(url: input.Url)
        let clientIds = try Rules.clientIds(input.ClientIDList)
        let thumbprints = try Rules.thumbprints(input.ThumbprintList)
        let tags = try IAMTagRules.merge([], adding: try IAMInputChecks.tags(input.Tags))
        let account = ctx.facts.principal.account
        guard
            try await ctx.tx.oidcProviders.create(
                account: account, identifier: identifier, clientIds: clientIds, thumbprints: thumbprints, tags: tags,
                quota: Rules.maximumPerAccount) != nil
        else { throw ServiceError.entityAlreadyExists("Provider with url \(Rules.issuer(identifier)) already exists.") }
        return .init(
            OpenIDConnectProviderArn: Rules.arn(partition: ctx.partition, account: account, identifier: identifier),
            Tags: tags.isEmpty ? nil : tags.map(IAMModel.tag))
    }

    static let getOpenIDConnectProvider = operation(Entry.getOpenIDConnectProvider) {
        (input: IAMModel.OpenIDConnectProviderInput, ctx) -> IAMModel.OpenIDConnectProviderOutput in
        let provider = try await oidcProvider(input, ctx, locked: false)
        return .init(
            Url: provider.identifier, ClientIDList: provider.clientIds, ThumbprintList: provider.thumbprints,
            CreateDate: provider.createdAt, Tags: provider.tags.isEmpty ? nil : provider.tags.map(IAMModel.tag))
    }

    static let listOpenIDConnectProviders = operation(Entry.listOpenIDConnectProviders) {
        (_: IAMModel.ListOpenIDConnectProvidersInput, ctx) -> IAMModel.OpenIDConnectProvidersOutput in
        let account = ctx.facts.principal.account
        return .init(
            OpenIDConnectProviderList: try await ctx.tx.oidcProviders.list(account: account).map {
                .init(Arn: Rules.arn(partition: ctx.partition, account: account, identifier: $0.identifier))
            })
    }

    static let deleteOpenIDConnectProvider = operation(Entry.deleteOpenIDConnectProvider) {
        (input: IAMModel.OpenIDConnectProviderInput, ctx) -> NoOutput in
        let (account, identifier) = try providerName(input, ctx)
        guard try await ctx.tx.oidcProviders.delete(account: account, identifier: identifier) else {
            throw noSuchProvider(input.OpenIDConnectProviderArn ?? "")
        }
        return NoOutput()
    }

    static let updateOpenIDConnectProviderThumbprint = operation(Entry.updateOpenIDConnectProviderThumbprint) {
        (input: IAMModel.OpenIDConnectProviderInput, ctx) -> NoOutput in
        guard input.ThumbprintList != nil else { throw ServiceError.missingParameter("thumbprintList") }
        let thumbprints = try Rules.thumbprints(input.ThumbprintList)
        let provider = try await oidcProvider(input, ctx, locked: true)
        try await ctx.tx.oidcProviders.update(account: provider.account, identifier: provider.identifier, thumbprints: thumbprints)
        return NoOutput()
    }

    /// Adding a client id the provider already has changes nothing, as IAM's does.
    static let addClientIDToOpenIDConnectProvider = operation(Entry.addClientIDToOpenIDConnectProvider) {
        (input: IAMModel.OpenIDConnectProviderInput, ctx) -> NoOutput in
        let id = try Rules.clientId(input.ClientID, field: "clientID")
        let provider = try await oidcProvider(input, ctx, locked: true)
        guard !provider.clientIds.contains(id) else { return NoOutput() }
        let ids = try Rules.clientIds(provider.clientIds + [id])
        try await ctx.tx.oidcProviders.update(account: provider.account, identifier: provider.identifier, clientIds: ids)
        return NoOutput()
    }

    /// Removing a client id the provider does not have changes nothing, as IAM's does.
    static let removeClientIDFromOpenIDConnectProvider = operation(Entry.removeClientIDFromOpenIDConnectProvider) {
        (input: IAMModel.OpenIDConnectProviderInput, ctx) -> NoOutput in
        let id = try Rules.clientId(input.ClientID, field: "clientID")
        let provider = try await oidcProvider(input, ctx, locked: true)
        try await ctx.tx.oidcProviders.update(
            account: provider.account, identifier: provider.identifier, clientIds: provider.clientIds.filter { $0 != id })
        return NoOutput()
    }

    static let tagOpenIDConnectProvider = operation(Entry.tagOpenIDConnectProvider) {
        (input: IAMModel.OpenIDConnectProviderInput, ctx) -> NoOutput in
        let adding = try IAMInputChecks.tags(input.Tags)
        if adding.isEmpty { throw ServiceError.missingParameter("tags") }
        let provider = try await oidcProvider(input, ctx, locked: true)
        let merged = try IAMTagRules.merge(provider.tags, adding: adding)
        try await ctx.tx.oidcProviders.update(account: provider.account, identifier: provider.identifier, tags: merged)
        return NoOutput()
    }

    static let untagOpenIDConnectProvider = operation(Entry.untagOpenIDConnectProvider) {
        (input: IAMModel.OpenIDConnectProviderInput, ctx) -> NoOutput in
        let keys = input.TagKeys ?? []
        if keys.isEmpty { throw ServiceError.missingParameter("tagKeys") }
        for (i, key) in keys.enumerated() { try IAMInputRules.length(key, field: "tagKeys.\(i + 1).member", min: 1, max: 128) }
        let provider = try await oidcProvider(input, ctx, locked: true)
        try await ctx.tx.oidcProviders.update(
            account: provider.account, identifier: provider.identifier, tags: IAMTagRules.remove(keys, from: provider.tags))
        return NoOutput()
    }

    static let listOpenIDConnectProviderTags = operation(Entry.listOpenIDConnectProviderTags) {
        (input: IAMModel.OpenIDConnectProviderInput, ctx) -> IAMModel.TagsOutput in
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let provider = try await oidcProvider(input, ctx, locked: false)
        let found = IAMPaging.slice(provider.tags, page: page) { $0.key }
        return IAMModel.TagsOutput(Tags: found.items.map(IAMModel.tag), IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    /// The account and identifier the ARN names; a provider of another account is one the caller cannot see.
    private static func providerName(
        _ input: IAMModel.OpenIDConnectProviderInput, _ ctx: OperationContext
    ) throws(ServiceError) -> (
        AccountId, String
    ) {
        let (account, identifier) = try Rules.parse(arn: input.OpenIDConnectProviderArn)
        guard account == ctx.facts.principal.account else { throw noSuchProvider(input.OpenIDConnectProviderArn ?? "") }
        return (account, identifier)
    }

    private static func oidcProvider(
        _ input: IAMModel.OpenIDConnectProviderInput, _ ctx: OperationContext, locked: Bool
    ) async throws -> OpenIDConnectProviderRecord {
        let (account, identifier) = try providerName(input, ctx)
        guard let provider = try await ctx.tx.oidcProviders.find(account: account, identifier: identifier, locked: locked) else {
            throw noSuchProvider(input.OpenIDConnectProviderArn ?? "")
        }
        return provider
    }

    private static func noSuchProvider(_ arn: String) -> ServiceError {
        .noSuchEntity("OpenIDConnect Provider not found for arn \(arn)")
    }
}
