import CairnCore
import CairnStore
import Foundation

/// The operator's account and region administration, shared by the REST API and the `cairn account` /
/// `cairn region` commands, so both run the same catalogue operations (authorized and audited alike).
enum TenancyOperations {
    static func accountNotFound(_ id: String) -> ServiceError {
        ServiceError(code: "AccountNotFoundException", status: 404, message: "Account \(id) does not exist.")
    }

    static let listRegions = Operation<NoInput, TenancyModel.Regions>(OperationCatalogue.listRegions) { _, ctx in
        TenancyModel.Regions(regions: try await ctx.tx.regions.list())
    }

    /// Regions are only ever added; adding one that exists is not an error.
    static let addRegion = Operation<TenancyModel.RegionInput, TenancyModel.AddedRegion>(OperationCatalogue.addRegion) { input, ctx in
        guard RegionName.isValid(input.name) else {
            throw ServiceError.validation(
                "name",
                "Member must be a region name such as eu-south-2 (lowercase parts separated by dashes, ending in a number, at most 32 characters)")
        }
        return TenancyModel.AddedRegion(name: input.name, isNew: try await ctx.tx.regions.add(input.name))
    }

    /// One organization's account quota, as an operator raises it for a tenant that outgrew AWS's default of 10
    /// (new organizations take `CAIRN_ORGANIZATION_ACCOUNT_LIMIT`).
    static let updateOrganizationAccountLimit = Operation<TenancyModel.OrganizationAccountLimitInput, TenancyModel.OrganizationAccountLimit>(
        OperationCatalogue.updateOrganizationAccountLimit
    ) { input, ctx in
        guard input.organizationId.range(of: #"^o-[a-z0-9]{10,32}$"#, options: .regularExpression) != nil else {
            throw ServiceError.validation("organizationId", "Member must be an organization id such as o-a1b2c3d4e5")
        }
        guard (1...OrganizationLimits.maximumAccountLimit).contains(input.accountLimit) else {
            throw ServiceError.validation("accountLimit", "Member must be between 1 and \(OrganizationLimits.maximumAccountLimit)")
        }
        guard let set = try await ctx.tx.organizations.setAccountLimit(organizationId: input.organizationId, limit: input.accountLimit) else {
            throw ServiceError(code: "OrganizationNotFoundException", status: 404, message: "Organization \(input.organizationId) does not exist.")
        }
        return TenancyModel.OrganizationAccountLimit(organizationId: input.organizationId, accountLimit: set.limit, accountCount: set.accounts)
    }

    /// A standalone account with a root access key.
    static let createAccount = Operation<TenancyModel.CreateAccountInput, TenancyModel.CreatedAccount>(OperationCatalogue.createTenantAccount) {
        input, ctx in
        let name = input.name, email = input.email
        guard (1...50).contains(name.count), name.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            throw ServiceError.validation("name", "Member must be 1 to 50 printable ASCII characters")
        }
        guard (6...64).contains(email.count), email.split(separator: "@", omittingEmptySubsequences: false).count == 2,
            !email.contains(where: \.isWhitespace), email.split(separator: "@").last?.contains(".") == true
        else { throw ServiceError.validation("email", "Member must be an email address of 6 to 64 characters") }
        guard let id = try await ctx.tx.accounts.insertIfNew(name: name, email: email) else {
            throw ServiceError(code: "EmailAlreadyExistsException", status: 409, message: "An account with the email \(email) already exists.")
        }
        var g = SystemRandomNumberGenerator()
        let keyId = AccessKeyFormat.newId(using: &g)
        let secret = AccessKeyFormat.newSecret(using: &g)
        try await ctx.tx.accessKeys.putRootKey(account: id, accessKeyId: keyId, secret: secret)
        guard let record = try await ctx.tx.accounts.find(id) else { throw ServiceError.internalFailure }
        return TenancyModel.CreatedAccount(
            account: .init(record, createdAt: ctx.facts.time, organizationId: nil), accessKeyId: keyId, secretAccessKey: secret)
    }

    static let listAccounts = Operation<TenancyModel.ListInput, TenancyModel.Accounts>(OperationCatalogue.listTenantAccounts) { input, ctx in
        let all = try await ctx.tx.accounts.list().map {
            TenancyModel.Account($0.account, createdAt: $0.createdAt, organizationId: $0.organizationId)
        }
        let page = try RESTListPage.slice(all, limit: input.limit, nextToken: input.nextToken, listing: "accounts")
        return TenancyModel.Accounts(accounts: page.items, nextToken: page.nextToken)
    }

    static let describeAccount = Operation<TenancyModel.AccountIdInput, TenancyModel.Account>(OperationCatalogue.describeTenantAccount) {
        input, ctx in
        guard let found = try await ctx.tx.accounts.list().first(where: { $0.account.id.value == input.accountId }) else {
            throw accountNotFound(input.accountId)
        }
        return TenancyModel.Account(found.account, createdAt: found.createdAt, organizationId: found.organizationId)
    }

    /// Suspends or reactivates an account; the operator account cannot be suspended.
    static let updateAccount = Operation<TenancyModel.UpdateAccountInput, TenancyModel.Account>(OperationCatalogue.updateTenantAccount) {
        input, ctx in
        guard let accountId = AccountId(input.accountId), let a = try await ctx.tx.accounts.find(accountId) else {
            throw accountNotFound(input.accountId)
        }
        guard !a.isOperator else {
            throw ServiceError(code: "OperationNotPermittedException", status: 400, message: "The operator account cannot be suspended.")
        }
        try await ctx.tx.accounts.setStatus(accountId, input.status)
        guard let updated = try await ctx.tx.accounts.list().first(where: { $0.account.id == accountId }) else {
            throw accountNotFound(input.accountId)
        }
        return TenancyModel.Account(updated.account, createdAt: updated.createdAt, organizationId: updated.organizationId)
    }
}
