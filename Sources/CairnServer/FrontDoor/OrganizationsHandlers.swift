import CairnCore
import CairnStore
import Foundation

/// AWS Organizations over JSON 1.1 (`AWSOrganizationsV20161128.*`). Each handler checks the caller's
/// standing in its organization (management, delegated administrator, member, standalone) the way AWS
/// does, and reaches only that organization's rows.
struct OrganizationsHandlers: Sendable {
    let runner: OperationRunner

    typealias Body = @Sendable (OrganizationsRequest, Transaction, CallFacts) async throws -> any Encodable & Sendable
    /// Names the resource a call is authorized against, when the catalogue's default (the caller's account) is
    /// not precise enough; nil keeps the default.
    typealias Target = @Sendable (OrganizationsRequest) async throws -> AuthorizationTarget?

    var all: [AWSHandler] {
        organizationHandlers + treeHandlers + membershipHandlers + policyHandlers + delegationHandlers + tagHandlers
    }

    /// Binds a body to its catalogue entry: decode → run (authorize, one transaction, event) → encode.
    /// Writes lock the caller's organization row before anything else, so their checks and changes are
    /// serialised per organization.
    func handler(_ op: CatalogueOperation, target: Target? = nil, _ body: @escaping Body) -> AWSHandler {
        AWSHandler(operation: op) { [runner] call in
            let request = try call.decode(OrganizationsRequest.self)
            let data = try await runner.run(op, parameters: call.parameters, resolvingTarget: { try await target?(request) }) { tx, facts in
                let output = try await body(request, tx, facts)
                let data = try OrganizationsWire.encoder.encode(output)
                let elements = op.readOnly ? nil : JSONValue.parse(data)
                return .init(data, responseElements: elements == .object([:]) ? nil : elements)
            }
            return .json(data)
        }
    }

    static func standing(_ tx: Transaction, _ facts: CallFacts) async throws -> OrganizationStanding {
        try await tx.organizations.standing(of: facts.principal.account, lock: !facts.operation.readOnly)
    }

    static func partition(_ tx: Transaction) -> String { tx.store.partition }
}
