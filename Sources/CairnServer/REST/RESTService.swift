import CairnCore
import OpenAPIRuntime

/// The REST API generated from openapi.yaml. Each handler maps its input to one catalogue operation and
/// its output back; the rules live below it.
struct RESTService: APIProtocol {
    let runner: OperationRunner

    func getCallerIdentity(_ input: Operations.GetCallerIdentity.Input) async throws -> Operations.GetCallerIdentity.Output {
        let who = try await runner.run(OperationCatalogue.getCallerIdentity) { _, facts in .init(facts.principal) }
        return .ok(.init(body: .json(.init(account: who.account.value, arn: who.arn, userId: who.principalId))))
    }

    func listRegions(_ input: Operations.ListRegions.Input) async throws -> Operations.ListRegions.Output {
        let regions = try await runner.run(OperationCatalogue.listRegions) { tx, _ in .init(try await tx.regions.list()) }
        return .ok(.init(body: .json(.init(regions: regions.map { .init(name: $0) }))))
    }
}
