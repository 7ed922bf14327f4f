import CairnCore
import CairnPolicy
import Foundation
import OpenAPIRuntime

/// Accounts joining organizations over REST: CreateAccount and its requests, invitations and their answers.
extension RESTService {
    /// 202: AWS answers CreateAccount with the request IN_PROGRESS; its status is read from the request's URL.
    func createOrganizationAccount(_ input: Operations.CreateOrganizationAccount.Input) async throws -> Operations.CreateOrganizationAccount.Output {
        let created = try await run(Org.createAccount) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.CreateAccountInput(
                Email: body.email, AccountName: body.accountName, RoleName: body.roleName, IamUserAccessToBilling: body.iamUserAccessToBilling,
                Tags: body.tags?.map(Self.tag))
        }
        return .accepted(.init(body: .json(Self.createAccountStatus(created.CreateAccountStatus))))
    }

    func listCreateAccountStatus(_ input: Operations.ListCreateAccountStatus.Input) async throws -> Operations.ListCreateAccountStatus.Output {
        let page = try await run(Org.listCreateAccountStatus) {
            OrgModel.ListCreateAccountStatusInput(States: input.query.states, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(
            .init(body: .json(.init(createAccountStatuses: page.CreateAccountStatuses.map(Self.createAccountStatus), nextToken: page.NextToken))))
    }

    func describeCreateAccountStatus(
        _ input: Operations.DescribeCreateAccountStatus.Input
    ) async throws -> Operations.DescribeCreateAccountStatus.Output {
        let found = try await run(Org.describeCreateAccountStatus) {
            OrgModel.CreateAccountRequestIdInput(CreateAccountRequestId: input.path.createAccountRequestId)
        }
        return .ok(.init(body: .json(Self.createAccountStatus(found.CreateAccountStatus))))
    }

    func inviteAccountToOrganization(
        _ input: Operations.InviteAccountToOrganization.Input
    ) async throws -> Operations.InviteAccountToOrganization.Output {
        let invited = try await run(Org.inviteAccountToOrganization) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.InviteAccountInput(
                Target: .init(Id: body.target.id, Type: body.target._type), Notes: body.notes, Tags: body.tags?.map(Self.tag))
        }
        return .created(.init(body: .json(Self.handshake(invited.Handshake))))
    }

    func listOrganizationHandshakes(_ input: Operations.ListOrganizationHandshakes.Input) async throws -> Operations.ListOrganizationHandshakes.Output
    {
        let q = input.query
        let page = try await run(Org.listHandshakesForOrganization) {
            OrgModel.ListHandshakesInput(Filter: Self.handshakeFilter(q.actionType, q.parentHandshakeId), MaxResults: q.limit, NextToken: q.nextToken)
        }
        return .ok(.init(body: .json(.init(handshakes: page.Handshakes.map(Self.handshake), nextToken: page.NextToken))))
    }

    func listAccountHandshakes(_ input: Operations.ListAccountHandshakes.Input) async throws -> Operations.ListAccountHandshakes.Output {
        let q = input.query
        let page = try await run(Org.listHandshakesForAccount) {
            OrgModel.ListHandshakesInput(Filter: Self.handshakeFilter(q.actionType, q.parentHandshakeId), MaxResults: q.limit, NextToken: q.nextToken)
        }
        return .ok(.init(body: .json(.init(handshakes: page.Handshakes.map(Self.handshake), nextToken: page.NextToken))))
    }

    func describeHandshake(_ input: Operations.DescribeHandshake.Input) async throws -> Operations.DescribeHandshake.Output {
        let found = try await run(Org.describeHandshake) { OrgModel.HandshakeIdInput(HandshakeId: input.path.handshakeId) }
        return .ok(.init(body: .json(Self.handshake(found.Handshake))))
    }

    func enableAllFeatures(_ input: Operations.EnableAllFeatures.Input) async throws -> Operations.EnableAllFeatures.Output {
        let requested = try await run(Org.enableAllFeatures) { NoInput() }
        return .ok(.init(body: .json(Self.handshake(requested.Handshake))))
    }

    func acceptHandshake(_ input: Operations.AcceptHandshake.Input) async throws -> Operations.AcceptHandshake.Output {
        let answered = try await run(Org.acceptHandshake) { OrgModel.HandshakeIdInput(HandshakeId: input.path.handshakeId) }
        return .ok(.init(body: .json(Self.handshake(answered.Handshake))))
    }

    func declineHandshake(_ input: Operations.DeclineHandshake.Input) async throws -> Operations.DeclineHandshake.Output {
        let answered = try await run(Org.declineHandshake) { OrgModel.HandshakeIdInput(HandshakeId: input.path.handshakeId) }
        return .ok(.init(body: .json(Self.handshake(answered.Handshake))))
    }

    func cancelHandshake(_ input: Operations.CancelHandshake.Input) async throws -> Operations.CancelHandshake.Output {
        let answered = try await run(Org.cancelHandshake) { OrgModel.HandshakeIdInput(HandshakeId: input.path.handshakeId) }
        return .ok(.init(body: .json(Self.handshake(answered.Handshake))))
    }

    /// ListHandshakes*'s Filter object from REST's `actionType` and `parentHandshakeId` (none: no Filter).
    static func handshakeFilter(_ actionType: String?, _ parentHandshakeId: String?) -> JSONValue? {
        var filter: [String: JSONValue] = [:]
        if let actionType { filter["ActionType"] = .string(actionType) }
        if let parentHandshakeId { filter["ParentHandshakeId"] = .string(parentHandshakeId) }
        return filter.isEmpty ? nil : .object(JSONObject(filter))
    }
}
