import CairnCore
import CairnStore
import Foundation

/// SAML providers: the identity providers whose signed assertions an account's roles may trust
/// (sts:AssumeRoleWithSAML). The metadata document is read when it is stored — its entityID and signing certificates
/// (RSA keys of at least 2,048 bits) must be there — so a provider that could never verify an assertion is refused at
/// once. Assertion encryption is not offered: `AssertionEncryptionMode` Required and private keys are refused.
extension IAMOperations {
    private typealias Rules = SAMLProviderRules

    static let createSAMLProvider = operation(Entry.createSAMLProvider) {
        (input: IAMModel.CreateSAMLProviderInput, ctx) -> IAMModel.CreateSAMLProviderOutput in
        let name = try Rules.name(input.Name)
        let (text, metadata) = try readMetadata(input.SAMLMetadataDocument)
        try refuseEncryption(input.AssertionEncryptionMode, privateKey: input.AddPrivateKey)
        let tags = try IAMTagRules.merge([], adding: try IAMInputChecks.tags(input.Tags))
        let account = ctx.facts.principal.account
        guard
            try await ctx.tx.samlProviders.create(
                account: account, name: name, metadata: text, entityID: metadata.entityID, validUntil: metadata.validUntil, tags: tags,
                quota: Rules.maximumPerAccount) != nil
        else { throw ServiceError.entityAlreadyExists("SAMLProvider with name \(name) already exists.") }
        return .init(
            SAMLProviderArn: Rules.arn(partition: ctx.partition, account: account, name: name), Tags: tags.isEmpty ? nil : tags.map(IAMModel.tag))
    }

    static let getSAMLProvider = operation(Entry.getSAMLProvider) { (input: IAMModel.SAMLProviderInput, ctx) -> IAMModel.SAMLProviderOutput in
        let p = try await samlProvider(input, ctx, locked: false)
        return .init(
            SAMLProviderUUID: p.uuid.uuidString.lowercased(), SAMLMetadataDocument: p.metadata, CreateDate: p.createdAt,
            ValidUntil: validUntil(p), Tags: p.tags.isEmpty ? nil : p.tags.map(IAMModel.tag), AssertionEncryptionMode: "Allowed")
    }

    static let listSAMLProviders = operation(Entry.listSAMLProviders) { (_: IAMModel.ListSAMLProvidersInput, ctx) -> IAMModel.SAMLProvidersOutput in
        let account = ctx.facts.principal.account
        return .init(
            SAMLProviderList: try await ctx.tx.samlProviders.list(account: account).map {
                .init(Arn: Rules.arn(partition: ctx.partition, account: account, name: $0.name), ValidUntil: validUntil($0), CreateDate: $0.createdAt)
            })
    }

    /// A new metadata document, read as CreateSAMLProvider reads one; the provider's other settings stay.
    static let updateSAMLProvider = operation(Entry.updateSAMLProvider) {
        (input: IAMModel.SAMLProviderInput, ctx) -> IAMModel.UpdateSAMLProviderOutput in
        try refuseEncryption(input.AssertionEncryptionMode, privateKey: input.AddPrivateKey ?? input.RemovePrivateKey)
        guard input.SAMLMetadataDocument != nil || input.AssertionEncryptionMode != nil else {
            throw ServiceError.invalidInput("UpdateSAMLProvider needs a SAMLMetadataDocument to change.")
        }
        let p = try await samlProvider(input, ctx, locked: true)
        if input.SAMLMetadataDocument != nil {
            let (text, metadata) = try readMetadata(input.SAMLMetadataDocument)
            try await ctx.tx.samlProviders.update(
                account: p.account, name: p.name, metadata: (text, metadata.entityID, metadata.validUntil))
        }
        return .init(SAMLProviderArn: Rules.arn(partition: ctx.partition, account: p.account, name: p.name))
    }

    static let deleteSAMLProvider = operation(Entry.deleteSAMLProvider) { (input: IAMModel.SAMLProviderInput, ctx) -> NoOutput in
        let (account, name) = try providerName(input, ctx)
        guard try await ctx.tx.samlProviders.delete(account: account, name: name) else { throw noSuchSAMLProvider(input.SAMLProviderArn ?? "") }
        return NoOutput()
    }

    static let tagSAMLProvider = operation(Entry.tagSAMLProvider) { (input: IAMModel.SAMLProviderInput, ctx) -> NoOutput in
        let adding = try IAMInputChecks.tags(input.Tags)
        if adding.isEmpty { throw ServiceError.missingParameter("tags") }
        let p = try await samlProvider(input, ctx, locked: true)
        try await ctx.tx.samlProviders.update(account: p.account, name: p.name, tags: try IAMTagRules.merge(p.tags, adding: adding))
        return NoOutput()
    }

    static let untagSAMLProvider = operation(Entry.untagSAMLProvider) { (input: IAMModel.SAMLProviderInput, ctx) -> NoOutput in
        let keys = input.TagKeys ?? []
        if keys.isEmpty { throw ServiceError.missingParameter("tagKeys") }
        for (i, key) in keys.enumerated() { try IAMInputRules.length(key, field: "tagKeys.\(i + 1).member", min: 1, max: 128) }
        let p = try await samlProvider(input, ctx, locked: true)
        try await ctx.tx.samlProviders.update(account: p.account, name: p.name, tags: IAMTagRules.remove(keys, from: p.tags))
        return NoOutput()
    }

    static let listSAMLProviderTags = operation(Entry.listSAMLProviderTags) { (input: IAMModel.SAMLProviderInput, ctx) -> IAMModel.TagsOutput in
        let page = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let p = try await samlProvider(input, ctx, locked: false)
        let found = IAMPaging.slice(p.tags, page: page) { $0.key }
        return IAMModel.TagsOutput(Tags: found.items.map(IAMModel.tag), IsTruncated: found.isTruncated, Marker: found.nextMarker)
    }

    /// The document, and what it says: an entityID and signing certificates whose RSA keys can verify assertions.
    private static func readMetadata(_ raw: String?) throws(ServiceError) -> (String, SAMLMetadata) {
        let text = try Rules.metadata(raw)
        let metadata: SAMLMetadata
        do { metadata = try SAMLMetadata(document: text) } catch { throw .invalidInput("Could not parse metadata: \(error)") }
        do { _ = try SAMLProviderKeys(metadata: metadata) } catch { throw .invalidInput("Could not parse metadata: \(error)") }
        return (text, metadata)
    }

    private static func refuseEncryption(_ mode: String?, privateKey: String?) throws(ServiceError) {
        if let mode, mode != "Allowed" && mode != "Required" {
            throw .invalidInput("AssertionEncryptionMode must be Allowed or Required: \(mode)")
        }
        guard mode != "Required", privateKey == nil else {
            throw ServiceError(
                code: "InvalidInput", status: 400,
                message: "Encrypted SAML assertions are not supported here: AssertionEncryptionMode stays Allowed and no private key is kept.")
        }
    }

    /// The metadata's validUntil, or IAM's default of a hundred years from creation.
    private static func validUntil(_ p: SAMLProviderRecord) -> Date {
        p.validUntil ?? p.createdAt.addingTimeInterval(Rules.defaultValidity)
    }

    /// The account and name the ARN names; a provider of another account is one the caller cannot see.
    private static func providerName(_ input: IAMModel.SAMLProviderInput, _ ctx: OperationContext) throws(ServiceError) -> (AccountId, String) {
        let (account, name) = try Rules.parse(arn: input.SAMLProviderArn)
        guard account == ctx.facts.principal.account else { throw noSuchSAMLProvider(input.SAMLProviderArn ?? "") }
        return (account, name)
    }

    private static func samlProvider(_ input: IAMModel.SAMLProviderInput, _ ctx: OperationContext, locked: Bool) async throws -> SAMLProviderRecord {
        let (account, name) = try providerName(input, ctx)
        guard let p = try await ctx.tx.samlProviders.find(account: account, name: name, locked: locked) else {
            throw noSuchSAMLProvider(input.SAMLProviderArn ?? "")
        }
        return p
    }

    private static func noSuchSAMLProvider(_ arn: String) -> ServiceError {
        .noSuchEntity("Manifest not found for arn \(arn)")
    }
}
