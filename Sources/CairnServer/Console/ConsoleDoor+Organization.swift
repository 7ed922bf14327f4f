import CairnCore
import Foundation
import Hummingbird

/// The organization: the tree of root, OUs and accounts with the policies attached at each node, delegated
/// administrators and trusted access; creating an organization, an OU or an account, and moving an account. Every
/// node the page shows is one Organizations read the caller's policies allow (a member account sees its refusal).
extension ConsoleDoor {
    private static let organizationDone = [
        "create": "Organization created.", "move": "Account moved.", "accounts": "Account creation started.", "units": "Organizational unit created.",
    ]

    func organizationPage(_ caller: ConsoleCaller) async throws -> Response {
        await html(await organizationTree(caller), caller, done: Self.organizationDone)
    }

    private func organizationTree(_ caller: ConsoleCaller) async -> ConsolePage {
        var page = ConsolePage(template: "organization", title: "Organization", section: .organization)
        switch await run(OrganizationsOperations.describeOrganization, caller, { NoInput() }) {
        case .failure(let error) where error.code == "AWSOrganizationsNotInUseException":
            page.values["noOrganization"] = true
            return page
        case .failure(let error):
            page.error = error
            page.status = error.status
            return page
        case .success(let described):
            page.values["organization"] = ConsoleView.model(described.Organization)
            page.values["hasOrganization"] = true
        }
        let root: OrganizationsModel.Root
        switch await run(OrganizationsOperations.listRoots, caller, [:]) {
        case .failure(let error):
            // A member account may describe its organization but not walk it: the page says why the tree is missing.
            page.error = error
            page.values["hasOrganization"] = false
            return page
        case .success(let roots):
            guard let first = roots.Roots.first else { return page }
            root = first
        }
        // Every enabled policy type's policies are listed at every node (SCPs, RCPs, tag and the other management policies).
        let enabledTypes = root.PolicyTypes.filter { $0.Status == "ENABLED" }.map(\.Type)
        var parents: [[String: Any]] = [["id": root.Id, "name": "Root"]]
        var accounts: [[String: Any]] = []
        func node(id: String, name: String, kind: String, depth: Int) async -> [String: Any] {
            var values: [String: Any] = [
                "id": id, "name": name, "kind": kind, "isAccount": kind == "account", "status": "", "policies": [[String: Any]](),
                "hasPolicies": false, "children": [[String: Any]](), "hasChildren": false,
            ]
            var policies: [[String: Any]] = []
            for type in enabledTypes {
                if case .success(let attached) = await run(OrganizationsOperations.listPoliciesForTarget, caller, ["TargetId": id, "Filter": type]) {
                    policies += attached.Policies.map { ["id": $0.Id, "name": $0.Name, "type": $0.Type] }
                }
            }
            values["policies"] = policies
            values["hasPolicies"] = !policies.isEmpty
            guard kind != "account", depth < 6 else { return values }
            var children: [[String: Any]] = []
            for unit in await allPages(OrganizationsOperations.listOrganizationalUnitsForParent, caller, ["ParentId": id], \.OrganizationalUnits) {
                parents.append(["id": unit.Id, "name": unit.Name])
                children.append(await node(id: unit.Id, name: unit.Name, kind: "ou", depth: depth + 1))
            }
            for account in await allPages(OrganizationsOperations.listAccountsForParent, caller, ["ParentId": id], \.Accounts) {
                accounts.append(["id": account.Id, "name": account.Name])
                var child = await node(id: account.Id, name: account.Name, kind: "account", depth: depth + 1)
                child["email"] = account.Email
                child["status"] = account.Status
                children.append(child)
            }
            values["children"] = children
            values["hasChildren"] = !children.isEmpty
            return values
        }
        page.values["tree"] = await node(id: root.Id, name: "Root", kind: "root", depth: 0)
        page.values["parents"] = parents
        page.values["accounts"] = accounts
        if case .success(let admins) = await run(OrganizationsOperations.listDelegatedAdministrators, caller, [:]) {
            page.values["delegatedAdministrators"] = admins.DelegatedAdministrators.map { ConsoleView.model($0) }
        }
        if case .success(let access) = await run(OrganizationsOperations.listAWSServiceAccessForOrganization, caller, [:]) {
            page.values["trustedAccess"] = access.EnabledServicePrincipals.map { ConsoleView.model($0) }
        }
        return page
    }

    /// Every page of a NextToken listing (at most 50 pages; a tree that large wants the API).
    private func allPages<Input: Decodable, Output, Item>(
        _ operation: Operation<Input, Output>, _ caller: ConsoleCaller, _ fields: [String: String], _ items: KeyPath<Output, [Item]>
    ) async -> [Item] where Output: NextTokenOutput {
        var found: [Item] = []
        var fields = fields
        for _ in 0..<50 {
            guard case .success(let page) = await run(operation, caller, fields) else { break }
            found += page[keyPath: items]
            guard let next = page.NextToken else { break }
            fields["NextToken"] = next
        }
        return found
    }

    func changeOrganization(_ action: String, _ caller: ConsoleCaller) async throws -> Response {
        let form = caller.form
        let outcome: Result<Void, ServiceError>
        switch action {
        case "create":
            outcome = await run(OrganizationsOperations.createOrganization, caller, ["FeatureSet": "ALL"]).map { _ in }
        case "move":
            let account = form.text("accountId") ?? ""
            var source = ""
            if case .success(let parents) = await run(OrganizationsOperations.listParents, caller, ["ChildId": account]) {
                source = parents.Parents.first?.Id ?? ""
            }
            var fields = ["AccountId": account, "SourceParentId": source]
            if let destination = form.text("destinationParentId") { fields["DestinationParentId"] = destination }
            outcome = await run(OrganizationsOperations.moveAccount, caller, fields).map { _ in }
        case "accounts":
            var fields: [String: String] = [:]
            if let email = form.text("email") { fields["Email"] = email }
            if let name = form.text("accountName") { fields["AccountName"] = name }
            outcome = await run(OrganizationsOperations.createAccount, caller, fields).map { _ in }
        case "units":
            var fields: [String: String] = [:]
            if let parent = form.text("parentId") { fields["ParentId"] = parent }
            if let name = form.text("name") { fields["Name"] = name }
            outcome = await run(OrganizationsOperations.createOrganizationalUnit, caller, fields).map { _ in }
        default:
            return Self.text("No such action on the organization: \(action)\n", status: .notFound)
        }
        switch outcome {
        case .success: return Self.redirect("/console/organization?done=\(action)")
        case .failure(let error): return await failed(await organizationTree(caller), error, caller)
        }
    }

    func accountPage(_ id: String, _ caller: ConsoleCaller) async throws -> Response {
        var page = ConsolePage(template: "account", title: "Account \(id)", section: .organization)
        switch await run(OrganizationsOperations.describeAccount, caller, ["AccountId": id]) {
        case .failure(let error):
            return await failed(page, error, caller)
        case .success(let described):
            page.values["account"] = ConsoleView.model(described.Account)
        }
        if case .success(let parents) = await run(OrganizationsOperations.listParents, caller, ["ChildId": id]) {
            page.values["parents"] = parents.Parents.map { ConsoleView.model($0) }
        }
        if case .success(let tags) = await run(OrganizationsOperations.listTagsForResource, caller, ["ResourceId": id]) {
            page.values["tags"] = tags.Tags.map { ConsoleView.model($0) }
        }
        return await html(page, caller)
    }
}

/// Listings continued with a NextToken (Organizations' shape).
protocol NextTokenOutput { var NextToken: String? { get } }
extension OrganizationsModel.OUsOutput: NextTokenOutput {}
extension OrganizationsModel.AccountsOutput: NextTokenOutput {}
