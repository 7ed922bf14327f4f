import CairnCore
import CairnPolicy
import Foundation
import OpenAPIRuntime

/// The REST API generated from openapi.yaml. Each handler maps its input to one catalogue operation and
/// its output back; the rules live below it.
struct RESTService: APIProtocol {
    let runner: OperationRunner
    /// The Organizations routes' way to the JSON 1.1 door's handlers, whose table is built once here.
    let organizations: OrganizationsRESTBridge

    init(runner: OperationRunner) {
        self.runner = runner
        self.organizations = OrganizationsRESTBridge(runner: runner)
    }

    /// Runs `operation` in the caller's scope (set by RESTScopeMiddleware), with the input this handler maps
    /// from its request; a mapping that refuses the request is the runner's recorded refusal.
    func run<Input, Output>(_ operation: Operation<Input, Output>, _ input: () throws -> Input) async throws -> Output {
        guard let scope = RequestScope.current else { throw ServiceError.internalFailure }
        return try await runner.run(operation, in: scope, decoding: input)
    }

    /// A request body the route requires.
    static func json<Body>(_ body: Body?) throws(ServiceError) -> Body {
        guard let body else { throw ServiceError.serialization("expected application/json") }
        return body
    }

    func getCallerIdentity(_ input: Operations.GetCallerIdentity.Input) async throws -> Operations.GetCallerIdentity.Output {
        let who = try await runner.run(OperationCatalogue.getCallerIdentity) { _, facts in .init(facts.principal) }
        return .ok(.init(body: .json(.init(account: who.account.value, arn: who.arn, userId: who.principalId))))
    }

    func listRegions(_ input: Operations.ListRegions.Input) async throws -> Operations.ListRegions.Output {
        let regions = try await runner.run(OperationCatalogue.listRegions) { tx, _ in .init(try await tx.regions.list()) }
        return .ok(.init(body: .json(.init(regions: regions.map { .init(name: $0) }))))
    }
}

extension RESTService {
    func simulatePolicy(_ input: Operations.SimulatePolicy.Input) async throws -> Operations.SimulatePolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let requestJSON = try JSONEncoder().encode(body)
        let resultJSON = try await runner.run(OperationCatalogue.simulateCustomPolicy) { _, _ in
            do {
                return .init(try PolicySimulation.run(requestJSON: requestJSON))
            } catch let error as SimulationError {
                throw ServiceError(code: "InvalidInputException", status: 400, message: error.description)
            }
        }
        let result = try JSONDecoder().decode(Components.Schemas.SimulationResult.self, from: resultJSON)
        return .ok(.init(body: .json(result)))
    }

    func validatePolicy(_ input: Operations.ValidatePolicy.Input) async throws -> Operations.ValidatePolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let type = body.policyType.map { PolicyType(rawValue: $0.rawValue) ?? .identity } ?? .identity
        let issues = try await runner.run(OperationCatalogue.validatePolicy) { _, _ in
            .init(PolicyLint.lint(text: body.policyDocument, type: type))
        }
        return .ok(.init(body: .json(.init(
            valid: !issues.contains { $0.severity == .error },
            findings: issues.map { .init(severity: $0.severity == .error ? .error : .warning, path: $0.path, message: $0.message) }))))
    }
}
