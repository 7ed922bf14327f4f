import CairnCore
import CairnPolicy
import Foundation
import OpenAPIRuntime

extension RESTService {
    /// Evaluates a stored principal's real policies: the same engine and result shape as /v1/policy/simulate,
    /// with the documents read from the caller's account instead of the request.
    func simulatePrincipalPolicy(_ input: Operations.SimulatePrincipalPolicy.Input) async throws -> Operations.SimulatePrincipalPolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        var singles: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for (key, value) in body.context?.additionalProperties.value ?? [:] {
            if let s = value as? String {
                singles[key] = s
            } else if let list = value as? [(any Sendable)?], list.allSatisfy({ $0 is String }) {
                lists[key] = list.compactMap { $0 as? String }
            } else {
                throw ServiceError.validation("context.\(key)", "Member must be a string or a list of strings")
            }
        }
        let contextSingles = singles, contextLists = lists
        let principalArn = body.principalArn, action = body.action, resource = body.resource ?? "*"
        let resourcePolicies = body.resourcePolicies ?? []
        let resultJSON = try await runner.run(OperationCatalogue.simulatePrincipalPolicy) { tx, facts in
            guard let docs = try await tx.principalPolicies.policies(forArn: principalArn, account: facts.principal.account) else {
                throw ServiceError(code: "NoSuchEntity", status: 404, message: "The principal \(principalArn) does not exist in account \(facts.principal.account).")
            }
            let request: [String: Any] = [
                "request": [
                    "principal": ["arn": principalArn, "account": facts.principal.account.value],
                    "action": action, "resource": resource,
                    "context": (contextSingles as [String: Any]).merging(contextLists, uniquingKeysWith: { a, _ in a }),
                ] as [String: Any],
                "identityPolicies": docs.identity, "resourcePolicies": resourcePolicies,
                "permissionsBoundaries": docs.boundary,
            ]
            do {
                return .init(try PolicySimulation.run(requestJSON: try JSONSerialization.data(withJSONObject: request)))
            } catch let error as SimulationError {
                throw ServiceError(code: "InvalidInputException", status: 400, message: error.description)
            }
        }
        return .ok(.init(body: .json(try JSONDecoder().decode(Components.Schemas.SimulationResult.self, from: resultJSON))))
    }
}
