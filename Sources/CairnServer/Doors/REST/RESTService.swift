import CairnCore
import CairnPolicy
import Foundation
import OpenAPIRuntime

/// The REST API generated from openapi.yaml. Each handler maps its input to one catalogue operation and
/// its output back; the rules live below it.
struct RESTService: APIProtocol {
    let runner: OperationRunner

    /// Runs `operation` in the caller's scope (set by RESTScopeMiddleware), with the input this handler maps
    /// from its request; a mapping that refuses the request is the runner's recorded refusal.
    func run<Input, Output>(_ operation: Operation<Input, Output>, _ input: () throws -> Input) async throws -> Output {
        guard let scope = RequestScope.current else { throw ServiceError.internalFailure }
        return try await runner.run(operation, in: scope, decoding: input)
    }

    func getAccessKeyInfo(_ input: Operations.GetAccessKeyInfo.Input) async throws -> Operations.GetAccessKeyInfo.Output {
        let info = try await run(STSOperations.getAccessKeyInfo) { STSModel.GetAccessKeyInfoInput(AccessKeyId: input.path.accessKeyId) }
        return .ok(.init(body: .json(.init(account: info.Account))))
    }

    func getCallerIdentity(_ input: Operations.GetCallerIdentity.Input) async throws -> Operations.GetCallerIdentity.Output {
        let who = try await run(STSOperations.getCallerIdentity) { NoInput() }
        return .ok(.init(body: .json(.init(account: who.Account, arn: who.Arn, userId: who.UserId))))
    }

    func decodeAuthorizationMessage(
        _ input: Operations.DecodeAuthorizationMessage.Input
    ) async throws -> Operations.DecodeAuthorizationMessage.Output {
        let decoded = try await run(STSOperations.decodeAuthorizationMessage) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("A JSON body is required") }
            return STSModel.DecodeAuthorizationMessageInput(EncodedMessage: body.encodedMessage)
        }
        return .ok(.init(body: .json(.init(decodedMessage: decoded.DecodedMessage))))
    }

    func listRegions(_ input: Operations.ListRegions.Input) async throws -> Operations.ListRegions.Output {
        let listed = try await run(TenancyOperations.listRegions) { NoInput() }
        return .ok(.init(body: .json(.init(regions: listed.regions.map { .init(name: $0) }))))
    }
}
