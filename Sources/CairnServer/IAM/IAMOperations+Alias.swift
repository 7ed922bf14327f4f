import CairnCore
import CairnStore

/// The account alias (the sign-in URL's name): one per account, unique across the service, replaced by a new
/// CreateAccountAlias as AWS's is.
extension IAMOperations {
    /// IAM's `accountAliasType`: 3–63 lowercase letters, digits and single hyphens, not at either end.
    static func accountAlias(_ value: String?) throws(ServiceError) -> String {
        let alias = try IAMInputChecks.required(value, "AccountAlias")
        guard alias.wholeMatch(of: /[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]/) != nil else {
            throw ServiceError.validation(
                "accountAlias",
                "Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$ and have length between 3 and 63")
        }
        return alias
    }

    static let createAccountAlias = operation(Entry.createAccountAlias) { (input: IAMModel.AccountAliasInput, ctx) -> NoOutput in
        let alias = try accountAlias(input.AccountAlias)
        guard try await ctx.tx.accountAliases.set(alias, for: ctx.facts.principal.account.value) else {
            throw ServiceError.entityAlreadyExists("The account alias \(alias) already exists.")
        }
        return NoOutput()
    }

    static let deleteAccountAlias = operation(Entry.deleteAccountAlias) { (input: IAMModel.AccountAliasInput, ctx) -> NoOutput in
        let alias = try accountAlias(input.AccountAlias)
        guard try await ctx.tx.accountAliases.delete(alias, of: ctx.facts.principal.account.value) else {
            throw ServiceError.noSuchEntity("The account alias \(alias) cannot be found.")
        }
        return NoOutput()
    }

    static let listAccountAliases = operation(Entry.listAccountAliases) {
        (input: IAMModel.ListAccountAliasesInput, ctx) -> IAMModel.AccountAliasesOutput in
        // One alias at most: the page is all of it; Marker and MaxItems are still checked as IAM checks them.
        _ = try IAMInputChecks.page(marker: input.Marker, maxItems: input.MaxItems)
        let alias = try await ctx.tx.accountAliases.alias(of: ctx.facts.principal.account.value)
        return IAMModel.AccountAliasesOutput(AccountAliases: alias.map { [$0] } ?? [], IsTruncated: false)
    }
}
