import CairnCore
import Foundation
import OpenAPIRuntime

/// IAM's SAML providers over REST: the Query door's operations; a provider is named by its ARN as a query parameter.
extension RESTService {
    func listIamSamlProviders(_ input: Operations.ListIamSamlProviders.Input) async throws -> Operations.ListIamSamlProviders.Output {
        let listed = try await run(IAMOps.listSAMLProviders) { IAMModel.ListSAMLProvidersInput() }
        return .ok(
            .init(
                body: .json(
                    .init(providers: listed.SAMLProviderList.map { .init(arn: $0.Arn, validUntil: $0.ValidUntil, createDate: $0.CreateDate) }))))
    }

    func createIamSamlProvider(_ input: Operations.CreateIamSamlProvider.Input) async throws -> Operations.CreateIamSamlProvider.Output {
        let created = try await run(IAMOps.createSAMLProvider) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.CreateSAMLProviderInput(SAMLMetadataDocument: b.samlMetadataDocument, Name: b.name, Tags: b.tags?.map(Self.tag))
        }
        return .created(.init(body: .json(.init(providerArn: created.SAMLProviderArn, tags: Self.tags(created.Tags)))))
    }

    func getIamSamlProvider(_ input: Operations.GetIamSamlProvider.Input) async throws -> Operations.GetIamSamlProvider.Output {
        let p = try await run(IAMOps.getSAMLProvider) { IAMModel.SAMLProviderInput(SAMLProviderArn: input.query.providerArn) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        samlProviderUuid: p.SAMLProviderUUID, samlMetadataDocument: p.SAMLMetadataDocument, createDate: p.CreateDate,
                        validUntil: p.ValidUntil, assertionEncryptionMode: p.AssertionEncryptionMode, tags: Self.tags(p.Tags)))))
    }

    func updateIamSamlProvider(_ input: Operations.UpdateIamSamlProvider.Input) async throws -> Operations.UpdateIamSamlProvider.Output {
        let updated = try await run(IAMOps.updateSAMLProvider) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.SAMLProviderInput(SAMLProviderArn: input.query.providerArn, SAMLMetadataDocument: b.samlMetadataDocument)
        }
        return .ok(.init(body: .json(.init(providerArn: updated.SAMLProviderArn))))
    }

    func deleteIamSamlProvider(_ input: Operations.DeleteIamSamlProvider.Input) async throws -> Operations.DeleteIamSamlProvider.Output {
        _ = try await run(IAMOps.deleteSAMLProvider) { IAMModel.SAMLProviderInput(SAMLProviderArn: input.query.providerArn) }
        return .noContent(.init())
    }

    func listIamSamlProviderTags(_ input: Operations.ListIamSamlProviderTags.Input) async throws -> Operations.ListIamSamlProviderTags.Output {
        let page = try await run(IAMOps.listSAMLProviderTags) {
            IAMModel.SAMLProviderInput(SAMLProviderArn: input.query.providerArn, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(Self.tagList(page))))
    }

    func tagIamSamlProvider(_ input: Operations.TagIamSamlProvider.Input) async throws -> Operations.TagIamSamlProvider.Output {
        _ = try await run(IAMOps.tagSAMLProvider) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.SAMLProviderInput(SAMLProviderArn: input.query.providerArn, Tags: b.tags.map(Self.tag))
        }
        return .noContent(.init())
    }

    func untagIamSamlProvider(_ input: Operations.UntagIamSamlProvider.Input) async throws -> Operations.UntagIamSamlProvider.Output {
        _ = try await run(IAMOps.untagSAMLProvider) {
            IAMModel.SAMLProviderInput(SAMLProviderArn: input.query.providerArn, TagKeys: input.query.tagKeys)
        }
        return .noContent(.init())
    }
}
