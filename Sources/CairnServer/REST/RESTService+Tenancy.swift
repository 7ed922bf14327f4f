import CairnCore
import CairnStore
import Foundation
import OpenAPIRuntime

/// Accounts and regions (operator only), and the caller's organization, over REST.
extension RESTService {
    var administration: AccountAdministration { AccountAdministration(runner: runner) }

    static func account(_ a: AccountRecord, createdAt: Date, organizationId: String?) -> Components.Schemas.Account {
        .init(
            id: a.id.value, name: a.name, email: a.email, status: a.status == "SUSPENDED" ? .suspended : .active,
            isOperator: a.isOperator, createdAt: createdAt, organizationId: organizationId)
    }

    /// REST paging: `limit` 1–100 (default 100), and an opaque `nextToken` bound to the listing.
    static func page<T>(_ items: [T], limit: Int?, nextToken: String?, listing: String) throws -> ([T], String?) {
        let size = limit ?? 100
        guard (1...100).contains(size) else { throw ServiceError.validation("limit", "Member must be between 1 and 100") }
        var start = 0
        if let nextToken {
            guard let data = Data(base64Encoded: nextToken), let text = String(data: data, encoding: .utf8), text.hasPrefix(listing + ":"),
                let offset = Int(text.dropFirst(listing.count + 1)), (0...items.count).contains(offset)
            else { throw ServiceError.validation("nextToken", "Member must be a nextToken this listing returned") }
            start = offset
        }
        let end = min(items.count, start + size)
        return (Array(items[start..<end]), end < items.count ? Data("\(listing):\(end)".utf8).base64EncodedString() : nil)
    }

    func addRegion(_ input: Operations.AddRegion.Input) async throws -> Operations.AddRegion.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let added = try await administration.addRegion(body.name)
        return added ? .created(.init(body: .json(.init(name: body.name)))) : .ok(.init(body: .json(.init(name: body.name))))
    }

    func createAccount(_ input: Operations.CreateAccount.Input) async throws -> Operations.CreateAccount.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let created = try await administration.createAccount(name: body.name, email: body.email)
        return .created(.init(body: .json(.init(
            account: Self.account(created.account, createdAt: created.createdAt, organizationId: nil),
            credentials: .init(accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey)))))
    }

    func listAccounts(_ input: Operations.ListAccounts.Input) async throws -> Operations.ListAccounts.Output {
        let all = try await runner.run(OperationCatalogue.listTenantAccounts) { tx, _ in .init(try await tx.accounts.list()) }
        let (items, next) = try Self.page(all, limit: input.query.limit, nextToken: input.query.nextToken, listing: "accounts")
        return .ok(.init(body: .json(.init(
            accounts: items.map { Self.account($0.0, createdAt: $0.createdAt, organizationId: $0.organizationId) }, nextToken: next))))
    }

    func describeAccount(_ input: Operations.DescribeAccount.Input) async throws -> Operations.DescribeAccount.Output {
        let id = input.path.accountId
        let found = try await runner.run(OperationCatalogue.describeTenantAccount, parameters: .object(["accountId": .string(id)])) { tx, _ in
            .init(try await tx.accounts.list().first { $0.0.id.value == id })
        }
        guard let found else { throw AccountAdministration.accountExists(id) }
        return .ok(.init(body: .json(Self.account(found.0, createdAt: found.createdAt, organizationId: found.organizationId))))
    }

    func updateAccount(_ input: Operations.UpdateAccount.Input) async throws -> Operations.UpdateAccount.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        let id = input.path.accountId
        let status = body.status == .suspended ? "SUSPENDED" : "ACTIVE"
        let parameters: JSONValue = .object(["accountId": .string(id), "status": .string(status)])
        let updated = try await runner.run(OperationCatalogue.updateTenantAccount, parameters: parameters) { tx, _ in
            guard let accountId = AccountId(id), let a = try await tx.accounts.find(accountId) else { throw AccountAdministration.accountExists(id) }
            guard !a.isOperator else {
                throw ServiceError(code: "OperationNotPermittedException", status: 400, message: "The operator account cannot be suspended.")
            }
            try await tx.accounts.setStatus(accountId, status)
            return .init(try await tx.accounts.list().first { $0.0.id == accountId })
        }
        guard let updated else { throw AccountAdministration.accountExists(id) }
        return .ok(.init(body: .json(Self.account(updated.0, createdAt: updated.createdAt, organizationId: updated.organizationId))))
    }

    func describeOrganization(_ input: Operations.DescribeOrganization.Input) async throws -> Operations.DescribeOrganization.Output {
        let org = try await runner.run(OperationCatalogue.describeOrganization) { tx, facts in
            .init(try await tx.organizations.standing(of: facts.principal.account).requireOrganization())
        }
        return .ok(.init(body: .json(.init(
            id: org.id, arn: org.arns(partition: runner.store.partition).organization, featureSet: org.allFeatures ? .all : .consolidatedBilling,
            managementAccountId: org.managementAccount.value, managementAccountEmail: org.managementEmail, rootId: org.rootId,
            scpEnabled: org.scpEnabled))))
    }

    func listOrganizationAccounts(_ input: Operations.ListOrganizationAccounts.Input) async throws -> Operations.ListOrganizationAccounts.Output {
        let (org, members) = try await runner.run(OperationCatalogue.listAccounts) { tx, facts in
            let org = try await tx.organizations.standing(of: facts.principal.account).requireReader()
            return .init((org, try await tx.organizations.members(of: org)))
        }
        let (items, next) = try Self.page(members, limit: input.query.limit, nextToken: input.query.nextToken, listing: "organization-accounts")
        let arns = org.arns(partition: runner.store.partition)
        return .ok(.init(body: .json(.init(
            accounts: items.map {
                .init(
                    id: $0.account.value, arn: arns.account($0.account.value), name: $0.name, email: $0.email, status: $0.status,
                    parentId: $0.parentId, joinedMethod: $0.joinedMethod == "CREATED" ? .created : .invited, joinedAt: $0.joinedAt)
            }, nextToken: next))))
    }
}
