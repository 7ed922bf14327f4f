import CairnCore
import Foundation
import OpenAPIRuntime

/// IAM's OpenID Connect providers over REST: the same operations as the Query door. A provider is named by its ARN,
/// which travels as a query parameter (it holds slashes).
extension RESTService {
    func listIamOidcProviders(_ input: Operations.ListIamOidcProviders.Input) async throws -> Operations.ListIamOidcProviders.Output {
        let listed = try await run(IAMOps.listOpenIDConnectProviders) { IAMModel.ListOpenIDConnectProvidersInput() }
        return .ok(.init(body: .json(.init(providers: listed.OpenIDConnectProviderList.map(\.Arn)))))
    }

    func createIamOidcProvider(_ input: Operations.CreateIamOidcProvider.Input) async throws -> Operations.CreateIamOidcProvider.Output {
        let created = try await run(IAMOps.createOpenIDConnectProvider) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.CreateOpenIDConnectProviderInput(
                Url: b.url, ClientIDList: b.clientIds, ThumbprintList: b.thumbprints, Tags: b.tags?.map(Self.tag))
        }
        return .created(
            .init(body: .json(.init(providerArn: created.OpenIDConnectProviderArn, tags: Self.tags(created.Tags)))))
    }

    func getIamOidcProvider(_ input: Operations.GetIamOidcProvider.Input) async throws -> Operations.GetIamOidcProvider.Output {
        let p = try await run(IAMOps.getOpenIDConnectProvider) {
            IAMModel.OpenIDConnectProviderInput(OpenIDConnectProviderArn: input.query.providerArn)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        url: p.Url, clientIds: p.ClientIDList, thumbprints: p.ThumbprintList, createDate: p.CreateDate,
                        tags: Self.tags(p.Tags)))))
    }

    func deleteIamOidcProvider(_ input: Operations.DeleteIamOidcProvider.Input) async throws -> Operations.DeleteIamOidcProvider.Output {
        _ = try await run(IAMOps.deleteOpenIDConnectProvider) {
            IAMModel.OpenIDConnectProviderInput(OpenIDConnectProviderArn: input.query.providerArn)
        }
        return .noContent(.init())
    }

    func updateIamOidcProviderThumbprints(
        _ input: Operations.UpdateIamOidcProviderThumbprints.Input
    ) async throws -> Operations.UpdateIamOidcProviderThumbprints.Output {
        _ = try await run(IAMOps.updateOpenIDConnectProviderThumbprint) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.OpenIDConnectProviderInput(OpenIDConnectProviderArn: input.query.providerArn, ThumbprintList: b.thumbprints)
        }
        return .noContent(.init())
    }

    func addIamOidcProviderClientId(
        _ input: Operations.AddIamOidcProviderClientId.Input
    ) async throws -> Operations.AddIamOidcProviderClientId.Output {
        _ = try await run(IAMOps.addClientIDToOpenIDConnectProvider) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.OpenIDConnectProviderInput(OpenIDConnectProviderArn: input.query.providerArn, ClientID: b.clientId)
        }
        return .noContent(.init())
    }

    func removeIamOidcProviderClientId(
        _ input: Operations.RemoveIamOidcProviderClientId.Input
    ) async throws -> Operations.RemoveIamOidcProviderClientId.Output {
        _ = try await run(IAMOps.removeClientIDFromOpenIDConnectProvider) {
            IAMModel.OpenIDConnectProviderInput(OpenIDConnectProviderArn: input.query.providerArn, ClientID: input.query.clientId)
        }
        return .noContent(.init())
    }

    func listIamOidcProviderTags(_ input: Operations.ListIamOidcProviderTags.Input) async throws -> Operations.ListIamOidcProviderTags.Output {
        let page = try await run(IAMOps.listOpenIDConnectProviderTags) {
            IAMModel.OpenIDConnectProviderInput(
                OpenIDConnectProviderArn: input.query.providerArn, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(Self.tagList(page))))
    }

    func tagIamOidcProvider(_ input: Operations.TagIamOidcProvider.Input) async throws -> Operations.TagIamOidcProvider.Output {
        _ = try await run(IAMOps.tagOpenIDConnectProvider) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.OpenIDConnectProviderInput(OpenIDConnectProviderArn: input.query.providerArn, Tags: b.tags.map(Self.tag))
        }
        return .noContent(.init())
    }

    func untagIamOidcProvider(_ input: Operations.UntagIamOidcProvider.Input) async throws -> Operations.UntagIamOidcProvider.Output {
        _ = try await run(IAMOps.untagOpenIDConnectProvider) {
            IAMModel.OpenIDConnectProviderInput(OpenIDConnectProviderArn: input.query.providerArn, TagKeys: input.query.tagKeys)
        }
        return .noContent(.init())
    }
}
