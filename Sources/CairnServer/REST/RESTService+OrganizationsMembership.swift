import CairnCore
import Foundation
import OpenAPIRuntime

/// Accounts joining organizations over REST: CreateAccount and its requests, invitations and their answers.
extension RESTService {
    /// 202: AWS answers CreateAccount with the request IN_PROGRESS; its status is read from the request's URL.
    func createOrganizationAccount(_ input: Operations.CreateOrganizationAccount.Input) async throws -> Operations.CreateOrganizationAccount.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        return .accepted(.init(body: .json(try await organizations.run(OperationCatalogue.createAccount, body: body, member: "CreateAccountStatus"))))
    }

    func listCreateAccountStatus(_ input: Operations.ListCreateAccountStatus.Input) async throws -> Operations.ListCreateAccountStatus.Output {
        var extra = OrganizationsRESTBridge.paging(input.query.limit, input.query.nextToken)
        if let states = input.query.states { extra["States"] = .array(states.map { .string($0) }) }
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listCreateAccountStatus, extra: extra))))
    }

    func describeCreateAccountStatus(
        _ input: Operations.DescribeCreateAccountStatus.Input
    ) async throws -> Operations.DescribeCreateAccountStatus.Output {
        let extra: [String: JSONValue] = ["CreateAccountRequestId": .string(input.path.createAccountRequestId)]
        return .ok(.init(body: .json(
            try await organizations.run(OperationCatalogue.describeCreateAccountStatus, extra: extra, member: "CreateAccountStatus"))))
    }

    func inviteAccountToOrganization(
        _ input: Operations.InviteAccountToOrganization.Input
    ) async throws -> Operations.InviteAccountToOrganization.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        return .created(.init(body: .json(try await organizations.run(OperationCatalogue.inviteAccountToOrganization, body: body, member: "Handshake"))))
    }

    func listOrganizationHandshakes(_ input: Operations.ListOrganizationHandshakes.Input) async throws -> Operations.ListOrganizationHandshakes.Output {
        let q = input.query
        let extra = Self.handshakeFilter(q.actionType, q.parentHandshakeId).merging(OrganizationsRESTBridge.paging(q.limit, q.nextToken)) { a, _ in a }
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listHandshakesForOrganization, extra: extra))))
    }

    func listAccountHandshakes(_ input: Operations.ListAccountHandshakes.Input) async throws -> Operations.ListAccountHandshakes.Output {
        let q = input.query
        let extra = Self.handshakeFilter(q.actionType, q.parentHandshakeId).merging(OrganizationsRESTBridge.paging(q.limit, q.nextToken)) { a, _ in a }
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.listHandshakesForAccount, extra: extra))))
    }

    func acceptHandshake(_ input: Operations.AcceptHandshake.Input) async throws -> Operations.AcceptHandshake.Output {
        let extra: [String: JSONValue] = ["HandshakeId": .string(input.path.handshakeId)]
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.acceptHandshake, extra: extra, member: "Handshake"))))
    }

    func declineHandshake(_ input: Operations.DeclineHandshake.Input) async throws -> Operations.DeclineHandshake.Output {
        let extra: [String: JSONValue] = ["HandshakeId": .string(input.path.handshakeId)]
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.declineHandshake, extra: extra, member: "Handshake"))))
    }

    func cancelHandshake(_ input: Operations.CancelHandshake.Input) async throws -> Operations.CancelHandshake.Output {
        let extra: [String: JSONValue] = ["HandshakeId": .string(input.path.handshakeId)]
        return .ok(.init(body: .json(try await organizations.run(OperationCatalogue.cancelHandshake, extra: extra, member: "Handshake"))))
    }

    /// ListHandshakes*'s Filter object from REST's `actionType` and `parentHandshakeId` (none: no Filter).
    static func handshakeFilter(_ actionType: String?, _ parentHandshakeId: String?) -> [String: JSONValue] {
        var filter: [String: JSONValue] = [:]
        if let actionType { filter["ActionType"] = .string(actionType) }
        if let parentHandshakeId { filter["ParentHandshakeId"] = .string(parentHandshakeId) }
        return filter.isEmpty ? [:] : ["Filter": .object(filter)]
    }
}
