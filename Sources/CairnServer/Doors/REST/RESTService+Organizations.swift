import CairnCore
import Foundation
import OpenAPIRuntime

/// The organization, its root, OUs and accounts over REST: the same operations as the Organizations door,
/// with REST's paths and names.
extension RESTService {
    typealias Org = OrganizationsOperations
    typealias OrgModel = OrganizationsModel

    func describeOrganization(_ input: Operations.DescribeOrganization.Input) async throws -> Operations.DescribeOrganization.Output {
        let found = try await run(Org.describeOrganization) { NoInput() }
        let org = found.record
        return .ok(
            .init(
                body: .json(
                    .init(
                        id: org.id, arn: found.Organization.Arn, featureSet: org.allFeatures ? .all : .consolidatedBilling,
                        managementAccountId: org.managementAccount.value, managementAccountEmail: org.managementEmail, rootId: org.rootId,
                        scpEnabled: org.scpEnabled))))
    }

    func createOrganization(_ input: Operations.CreateOrganization.Input) async throws -> Operations.CreateOrganization.Output {
        let created = try await run(Org.createOrganization) {
            let body: Components.Schemas.CreateOrganizationRequest? = if case .json(let b) = input.body { b } else { nil }
            return OrgModel.CreateOrganizationInput(FeatureSet: body?.featureSet)
        }
        return .created(.init(body: .json(Self.organization(created.Organization))))
    }

    func deleteOrganization(_ input: Operations.DeleteOrganization.Input) async throws -> Operations.DeleteOrganization.Output {
        _ = try await run(Org.deleteOrganization) { NoInput() }
        return .noContent(.init())
    }

    func leaveOrganization(_ input: Operations.LeaveOrganization.Input) async throws -> Operations.LeaveOrganization.Output {
        _ = try await run(Org.leaveOrganization) { NoInput() }
        return .noContent(.init())
    }

    func listOrganizationRoots(_ input: Operations.ListOrganizationRoots.Input) async throws -> Operations.ListOrganizationRoots.Output {
        let page = try await run(Org.listRoots) { OrgModel.ListRootsInput(MaxResults: input.query.limit, NextToken: input.query.nextToken) }
        return .ok(.init(body: .json(.init(roots: page.Roots.map(Self.root), nextToken: page.NextToken))))
    }

    func enableOrganizationPolicyType(
        _ input: Operations.EnableOrganizationPolicyType.Input
    ) async throws -> Operations.EnableOrganizationPolicyType.Output {
        let enabled = try await run(Org.enablePolicyType) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.PolicyTypeInput(RootId: input.path.rootId, PolicyType: body.policyType)
        }
        return .ok(.init(body: .json(Self.root(enabled.Root))))
    }

    func disableOrganizationPolicyType(
        _ input: Operations.DisableOrganizationPolicyType.Input
    ) async throws -> Operations.DisableOrganizationPolicyType.Output {
        let disabled = try await run(Org.disablePolicyType) { OrgModel.PolicyTypeInput(RootId: input.path.rootId, PolicyType: input.path.policyType) }
        return .ok(.init(body: .json(Self.root(disabled.Root))))
    }

    func createOrganizationalUnit(_ input: Operations.CreateOrganizationalUnit.Input) async throws -> Operations.CreateOrganizationalUnit.Output {
        let created = try await run(Org.createOrganizationalUnit) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.CreateOrganizationalUnitInput(ParentId: body.parentId, Name: body.name, Tags: body.tags?.map(Self.tag))
        }
        return .created(.init(body: .json(Self.organizationalUnit(created.OrganizationalUnit))))
    }

    func describeOrganizationalUnit(
        _ input: Operations.DescribeOrganizationalUnit.Input
    ) async throws -> Operations.DescribeOrganizationalUnit.Output {
        let found = try await run(Org.describeOrganizationalUnit) {
            OrgModel.OrganizationalUnitIdInput(OrganizationalUnitId: input.path.organizationalUnitId)
        }
        return .ok(.init(body: .json(Self.organizationalUnit(found.OrganizationalUnit))))
    }

    func updateOrganizationalUnit(_ input: Operations.UpdateOrganizationalUnit.Input) async throws -> Operations.UpdateOrganizationalUnit.Output {
        let updated = try await run(Org.updateOrganizationalUnit) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.UpdateOrganizationalUnitInput(OrganizationalUnitId: input.path.organizationalUnitId, Name: body.name)
        }
        return .ok(.init(body: .json(Self.organizationalUnit(updated.OrganizationalUnit))))
    }

    func deleteOrganizationalUnit(_ input: Operations.DeleteOrganizationalUnit.Input) async throws -> Operations.DeleteOrganizationalUnit.Output {
        _ = try await run(Org.deleteOrganizationalUnit) { OrgModel.OrganizationalUnitIdInput(OrganizationalUnitId: input.path.organizationalUnitId) }
        return .noContent(.init())
    }

    func listOrganizationalUnitsForParent(
        _ input: Operations.ListOrganizationalUnitsForParent.Input
    ) async throws -> Operations.ListOrganizationalUnitsForParent.Output {
        let page = try await run(Org.listOrganizationalUnitsForParent) {
            OrgModel.ParentIdInput(ParentId: input.path.parentId, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(organizationalUnits: page.OrganizationalUnits.map(Self.organizationalUnit), nextToken: page.NextToken))))
    }

    func listOrganizationChildren(_ input: Operations.ListOrganizationChildren.Input) async throws -> Operations.ListOrganizationChildren.Output {
        let page = try await run(Org.listChildren) {
            OrgModel.ListChildrenInput(
                ParentId: input.path.parentId, ChildType: input.query.childType, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(children: page.Children.map { .init(id: $0.Id, _type: $0.Type) }, nextToken: page.NextToken))))
    }

    func listOrganizationAccountsForParent(
        _ input: Operations.ListOrganizationAccountsForParent.Input
    ) async throws -> Operations.ListOrganizationAccountsForParent.Output {
        let page = try await run(Org.listAccountsForParent) {
            OrgModel.ParentIdInput(ParentId: input.path.parentId, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(accounts: page.Accounts.map(Self.member), nextToken: page.NextToken))))
    }

    func listOrganizationParents(_ input: Operations.ListOrganizationParents.Input) async throws -> Operations.ListOrganizationParents.Output {
        let page = try await run(Org.listParents) {
            OrgModel.ListParentsInput(ChildId: input.path.childId, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(parents: page.Parents.map { .init(id: $0.Id, _type: $0.Type) }, nextToken: page.NextToken))))
    }

    func describeOrganizationAccount(
        _ input: Operations.DescribeOrganizationAccount.Input
    ) async throws -> Operations.DescribeOrganizationAccount.Output {
        let found = try await run(Org.describeAccount) { OrgModel.AccountIdInput(AccountId: input.path.accountId) }
        return .ok(.init(body: .json(Self.member(found.Account))))
    }

    func moveOrganizationAccount(_ input: Operations.MoveOrganizationAccount.Input) async throws -> Operations.MoveOrganizationAccount.Output {
        _ = try await run(Org.moveAccount) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.MoveAccountInput(
                AccountId: input.path.accountId, SourceParentId: body.sourceParentId, DestinationParentId: body.destinationParentId)
        }
        return .noContent(.init())
    }

    func closeOrganizationAccount(_ input: Operations.CloseOrganizationAccount.Input) async throws -> Operations.CloseOrganizationAccount.Output {
        _ = try await run(Org.closeAccount) { OrgModel.AccountIdInput(AccountId: input.path.accountId) }
        return .accepted(.init())
    }

    func removeOrganizationAccount(_ input: Operations.RemoveOrganizationAccount.Input) async throws -> Operations.RemoveOrganizationAccount.Output {
        _ = try await run(Org.removeAccountFromOrganization) { OrgModel.AccountIdInput(AccountId: input.path.accountId) }
        return .noContent(.init())
    }

    /// Every member with where it sits, paged by REST's rules.
    func listOrganizationAccounts(_ input: Operations.ListOrganizationAccounts.Input) async throws -> Operations.ListOrganizationAccounts.Output {
        let found = try await run(Org.listMemberAccounts) {
            TenancyModel.ListInput(limit: input.query.limit, nextToken: input.query.nextToken)
        }
        let (items, next) = (found.members, found.nextToken)
        let arns = found.organization.arns(partition: runner.partition)
        return .ok(
            .init(
                body: .json(
                    .init(
                        accounts: items.map {
                            .init(
                                id: $0.account.value, arn: arns.account($0.account.value), name: $0.name, email: $0.email, status: $0.status,
                                parentId: $0.parentId, joinedMethod: $0.joinedMethod == "CREATED" ? .created : .invited, joinedAt: $0.joinedAt)
                        }, nextToken: next))))
    }
}
