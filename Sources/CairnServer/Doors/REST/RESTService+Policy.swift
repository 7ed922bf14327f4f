import CairnCore
import CairnPolicy
import Foundation
import OpenAPIRuntime

/// Policy simulation and validation over REST. The simulation request's shape is the policy engine's own
/// public contract (docs/policy.md), so the engine's strict decoder reads the body: it refuses unknown members
/// and names a missing one, as `cairn policy simulate` does.
extension RESTService {
    func simulatePolicy(_ input: Operations.SimulatePolicy.Input) async throws -> Operations.SimulatePolicy.Output {
        let simulated = try await run(PolicyOperations.simulateCustomPolicy) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            do throws(SimulationError) {
                return try PolicySimulation.decode(try Self.bodyJSON(body))
            } catch {
                throw ServiceError(code: "InvalidInputException", status: 400, message: error.description)
            }
        }
        return .ok(.init(body: .json(try Self.simulationResult(simulated.result))))
    }

    func simulatePrincipalPolicy(_ input: Operations.SimulatePrincipalPolicy.Input) async throws -> Operations.SimulatePrincipalPolicy.Output {
        let simulated = try await run(PolicyOperations.simulatePrincipalPolicy) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            var context: [String: ContextValue] = [:]
            for (key, value) in body.context?.additionalProperties.value ?? [:] {
                if let s = value as? String {
                    context[key] = .single(s)
                } else if let list = value as? [(any Sendable)?], list.allSatisfy({ $0 is String }) {
                    context[key] = .multiple(list.compactMap { $0 as? String })
                } else {
                    throw ServiceError.validation("context.\(key)", "Member must be a string or a list of strings")
                }
            }
            return PolicyOperations.SimulatePrincipalInput(
                principalArn: body.principalArn, action: body.action, resource: body.resource, context: context,
                resourcePolicies: body.resourcePolicies)
        }
        return .ok(.init(body: .json(try Self.simulationResult(simulated.result))))
    }

    func validatePolicy(_ input: Operations.ValidatePolicy.Input) async throws -> Operations.ValidatePolicy.Output {
        let checked = try await run(PolicyOperations.validatePolicy) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return PolicyOperations.ValidatePolicyInput(policyDocument: body.policyDocument, policyType: body.policyType?.rawValue)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        valid: checked.valid,
                        findings: checked.findings.map {
                            .init(severity: $0.severity == .error ? .error : .warning, path: $0.path, message: $0.message)
                        }))))
    }

    private static func bodyJSON(_ body: some Encodable) throws(SimulationError) -> Data {
        do { return try JSONEncoder().encode(body) } catch { throw SimulationError(path: "body", message: "could not be read") }
    }

    /// The engine's result is the REST answer's contract too (a free-form object in openapi.yaml).
    private static func simulationResult(_ result: SimulationResult) throws -> Components.Schemas.SimulationResult {
        try JSONDecoder().decode(Components.Schemas.SimulationResult.self, from: PolicySimulation.encode(result))
    }
}
