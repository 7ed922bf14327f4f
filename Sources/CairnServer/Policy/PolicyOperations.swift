import CairnCore
import CairnPolicy
import Foundation

/// Policy-as-code over the operation layer: simulate a request against policies given inline or read from a
/// stored principal, and lint a document. Pure evaluation; only SimulatePrincipalPolicy reads the store.
enum PolicyOperations {
    static let simulateCustomPolicy = Operation<SimulationRequest, SimulationOutput>(OperationCatalogue.simulateCustomPolicy) { input, _ in
        do throws(SimulationError) {
            return SimulationOutput(result: try PolicySimulation.run(input))
        } catch {
            throw ServiceError(code: "InvalidInputException", status: 400, message: error.description)
        }
    }

    /// The same engine and result shape as simulateCustomPolicy, with the documents read from the caller's
    /// account instead of the request.
    static let simulatePrincipalPolicy = Operation<SimulatePrincipalInput, SimulationOutput>(OperationCatalogue.simulatePrincipalPolicy) {
        input, ctx in
        let account = ctx.facts.principal.account
        guard let docs = try await ctx.tx.principalPolicies.policies(forArn: input.principalArn, account: account) else {
            throw ServiceError(
                code: "NoSuchEntity", status: 404, message: "The principal \(input.principalArn) does not exist in account \(account).")
        }
        func inline(_ texts: [String]) -> [PolicyInput] { texts.map(PolicyInput.text) }
        let request = SimulationRequest(
            request: .init(
                principal: .init(arn: input.principalArn, account: account.value), action: input.action, resource: input.resource ?? "*",
                context: input.context),
            identityPolicies: inline(docs.identity), resourcePolicies: inline(input.resourcePolicies ?? []),
            permissionsBoundaries: inline(docs.boundary))
        do throws(SimulationError) {
            return SimulationOutput(result: try PolicySimulation.run(request))
        } catch {
            throw ServiceError(code: "InvalidInputException", status: 400, message: error.description)
        }
    }

    static let validatePolicy = Operation<ValidatePolicyInput, ValidatePolicyOutput>(OperationCatalogue.validatePolicy) { input, _ in
        let type = input.policyType.flatMap(PolicyType.init(rawValue:)) ?? .identity
        let issues = PolicyLint.lint(text: input.policyDocument, type: type)
        return ValidatePolicyOutput(valid: !issues.contains { $0.severity == .error }, findings: issues)
    }

    struct SimulatePrincipalInput: OperationInput, Codable {
        var principalArn: String
        var action: String
        var resource: String?
        var context: [String: ContextValue]
        var resourcePolicies: [String]?
    }

    struct SimulationOutput: OperationOutput, Encodable {
        var result: SimulationResult
    }

    struct ValidatePolicyInput: OperationInput, Codable {
        var policyDocument: String
        var policyType: String?
    }

    struct ValidatePolicyOutput: OperationOutput, Encodable {
        var valid: Bool
        var findings: [PolicyIssue]
    }
}

extension SimulationRequest: OperationInput {}
