import CairnCore
import CairnStore
import Foundation
import OpenAPIRuntime

/// Accounts and regions (operator only) over REST.
extension RESTService {
    static func account(_ a: TenancyModel.Account) -> Components.Schemas.Account {
        .init(
            id: a.id, name: a.name, email: a.email, status: .init(rawValue: a.status) ?? .active, isOperator: a.isOperator,
            createdAt: a.createdAt, organizationId: a.organizationId)
    }

    /// REST paging over a list read whole: `limit` 1–100 (default 100), and a `nextToken` bound to the listing.
    func addRegion(_ input: Operations.AddRegion.Input) async throws -> Operations.AddRegion.Output {
        let added = try await run(TenancyOperations.addRegion) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return TenancyModel.RegionInput(name: body.name)
        }
        return added.isNew ? .created(.init(body: .json(.init(name: added.name)))) : .ok(.init(body: .json(.init(name: added.name))))
    }

    func createAccount(_ input: Operations.CreateAccount.Input) async throws -> Operations.CreateAccount.Output {
        let created = try await run(TenancyOperations.createAccount) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return TenancyModel.CreateAccountInput(name: body.name, email: body.email)
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        account: Self.account(created.account),
                        credentials: .init(accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey)))))
    }

    func listAccounts(_ input: Operations.ListAccounts.Input) async throws -> Operations.ListAccounts.Output {
        let page = try await run(TenancyOperations.listAccounts) {
            TenancyModel.ListInput(limit: input.query.limit, nextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(accounts: page.accounts.map(Self.account), nextToken: page.nextToken))))
    }

    func describeAccount(_ input: Operations.DescribeAccount.Input) async throws -> Operations.DescribeAccount.Output {
        let found = try await run(TenancyOperations.describeAccount) { TenancyModel.AccountIdInput(accountId: input.path.accountId) }
        return .ok(.init(body: .json(Self.account(found))))
    }

    func updateAccount(_ input: Operations.UpdateAccount.Input) async throws -> Operations.UpdateAccount.Output {
        let updated = try await run(TenancyOperations.updateAccount) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return TenancyModel.UpdateAccountInput(accountId: input.path.accountId, status: body.status == .suspended ? "SUSPENDED" : "ACTIVE")
        }
        return .ok(.init(body: .json(Self.account(updated))))
    }

    func updateOrganizationAccountLimit(
        _ input: Operations.UpdateOrganizationAccountLimit.Input
    ) async throws -> Operations.UpdateOrganizationAccountLimit.Output {
        let set = try await run(TenancyOperations.updateOrganizationAccountLimit) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return TenancyModel.OrganizationAccountLimitInput(organizationId: input.path.organizationId, accountLimit: body.accountLimit)
        }
        return .ok(
            .init(body: .json(.init(organizationId: set.organizationId, accountLimit: set.accountLimit, accountCount: set.accountCount))))
    }
}
