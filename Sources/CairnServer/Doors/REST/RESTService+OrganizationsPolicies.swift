import CairnCore
import Foundation
import OpenAPIRuntime

/// Service control policies, trusted service access, delegated administrators and tags over REST.
extension RESTService {
    func listOrganizationPolicies(_ input: Operations.ListOrganizationPolicies.Input) async throws -> Operations.ListOrganizationPolicies.Output {
        let page = try await run(Org.listPolicies) {
            OrgModel.ListPoliciesInput(Filter: .string(input.query.filter), MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(policies: page.Policies.map(Self.policySummary), nextToken: page.NextToken))))
    }

    func createOrganizationPolicy(_ input: Operations.CreateOrganizationPolicy.Input) async throws -> Operations.CreateOrganizationPolicy.Output {
        let created = try await run(Org.createPolicy) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.CreatePolicyInput(
                Content: body.content, Description: body.description, Name: body.name, Type: body._type, Tags: body.tags?.map(Self.tag))
        }
        return .created(.init(body: .json(Self.policy(created.Policy))))
    }

    func describeOrganizationPolicy(_ input: Operations.DescribeOrganizationPolicy.Input) async throws -> Operations.DescribeOrganizationPolicy.Output
    {
        let found = try await run(Org.describePolicy) { OrgModel.PolicyIdInput(PolicyId: input.path.policyId) }
        return .ok(.init(body: .json(Self.policy(found.Policy))))
    }

    func updateOrganizationPolicy(_ input: Operations.UpdateOrganizationPolicy.Input) async throws -> Operations.UpdateOrganizationPolicy.Output {
        let updated = try await run(Org.updatePolicy) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.UpdatePolicyInput(PolicyId: input.path.policyId, Name: body.name, Description: body.description, Content: body.content)
        }
        return .ok(.init(body: .json(Self.policy(updated.Policy))))
    }

    func deleteOrganizationPolicy(_ input: Operations.DeleteOrganizationPolicy.Input) async throws -> Operations.DeleteOrganizationPolicy.Output {
        _ = try await run(Org.deletePolicy) { OrgModel.PolicyIdInput(PolicyId: input.path.policyId) }
        return .noContent(.init())
    }

    func listOrganizationPolicyTargets(
        _ input: Operations.ListOrganizationPolicyTargets.Input
    ) async throws -> Operations.ListOrganizationPolicyTargets.Output {
        let page = try await run(Org.listTargetsForPolicy) {
            OrgModel.ListTargetsForPolicyInput(PolicyId: input.path.policyId, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        targets: page.Targets.map { .init(targetId: $0.TargetId, arn: $0.Arn, name: $0.Name, _type: $0.Type) },
                        nextToken: page.NextToken))))
    }

    func attachOrganizationPolicy(_ input: Operations.AttachOrganizationPolicy.Input) async throws -> Operations.AttachOrganizationPolicy.Output {
        _ = try await run(Org.attachPolicy) { OrgModel.PolicyTargetInput(PolicyId: input.path.policyId, TargetId: input.path.targetId) }
        return .noContent(.init())
    }

    func detachOrganizationPolicy(_ input: Operations.DetachOrganizationPolicy.Input) async throws -> Operations.DetachOrganizationPolicy.Output {
        _ = try await run(Org.detachPolicy) { OrgModel.PolicyTargetInput(PolicyId: input.path.policyId, TargetId: input.path.targetId) }
        return .noContent(.init())
    }

    func listOrganizationPoliciesForTarget(
        _ input: Operations.ListOrganizationPoliciesForTarget.Input
    ) async throws -> Operations.ListOrganizationPoliciesForTarget.Output {
        let page = try await run(Org.listPoliciesForTarget) {
            OrgModel.ListPoliciesForTargetInput(
                TargetId: input.path.targetId, Filter: .string(input.query.filter), MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(policies: page.Policies.map(Self.policySummary), nextToken: page.NextToken))))
    }

    func listOrganizationServiceAccess(
        _ input: Operations.ListOrganizationServiceAccess.Input
    ) async throws -> Operations.ListOrganizationServiceAccess.Output {
        let page = try await run(Org.listAWSServiceAccessForOrganization) {
            OrgModel.ListServiceAccessInput(MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        enabledServicePrincipals: page.EnabledServicePrincipals.map {
                            .init(servicePrincipal: $0.ServicePrincipal, dateEnabled: $0.DateEnabled)
                        },
                        nextToken: page.NextToken))))
    }

    func enableOrganizationServiceAccess(
        _ input: Operations.EnableOrganizationServiceAccess.Input
    ) async throws -> Operations.EnableOrganizationServiceAccess.Output {
        _ = try await run(Org.enableAWSServiceAccess) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.ServicePrincipalInput(ServicePrincipal: body.servicePrincipal)
        }
        return .noContent(.init())
    }

    func disableOrganizationServiceAccess(
        _ input: Operations.DisableOrganizationServiceAccess.Input
    ) async throws -> Operations.DisableOrganizationServiceAccess.Output {
        _ = try await run(Org.disableAWSServiceAccess) { OrgModel.ServicePrincipalInput(ServicePrincipal: input.path.servicePrincipal) }
        return .noContent(.init())
    }

    func listOrganizationDelegatedAdministrators(
        _ input: Operations.ListOrganizationDelegatedAdministrators.Input
    ) async throws -> Operations.ListOrganizationDelegatedAdministrators.Output {
        let page = try await run(Org.listDelegatedAdministrators) {
            OrgModel.ListDelegatedAdministratorsInput(
                ServicePrincipal: input.query.servicePrincipal, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        delegatedAdministrators: page.DelegatedAdministrators.map {
                            .init(
                                id: $0.Id, arn: $0.Arn, email: $0.Email, name: $0.Name, status: $0.Status, state: $0.State,
                                joinedMethod: $0.JoinedMethod,
                                joinedTimestamp: $0.JoinedTimestamp, delegationEnabledDate: $0.DelegationEnabledDate)
                        }, nextToken: page.NextToken))))
    }

    func registerOrganizationDelegatedAdministrator(
        _ input: Operations.RegisterOrganizationDelegatedAdministrator.Input
    ) async throws -> Operations.RegisterOrganizationDelegatedAdministrator.Output {
        _ = try await run(Org.registerDelegatedAdministrator) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.DelegatedAdministratorInput(AccountId: body.accountId, ServicePrincipal: body.servicePrincipal)
        }
        return .noContent(.init())
    }

    func deregisterOrganizationDelegatedAdministrator(
        _ input: Operations.DeregisterOrganizationDelegatedAdministrator.Input
    ) async throws -> Operations.DeregisterOrganizationDelegatedAdministrator.Output {
        _ = try await run(Org.deregisterDelegatedAdministrator) {
            OrgModel.DelegatedAdministratorInput(AccountId: input.path.accountId, ServicePrincipal: input.query.servicePrincipal)
        }
        return .noContent(.init())
    }

    func listOrganizationDelegatedServices(
        _ input: Operations.ListOrganizationDelegatedServices.Input
    ) async throws -> Operations.ListOrganizationDelegatedServices.Output {
        let page = try await run(Org.listDelegatedServicesForAccount) {
            OrgModel.ListDelegatedServicesInput(AccountId: input.path.accountId, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        delegatedServices: page.DelegatedServices.map {
                            .init(servicePrincipal: $0.ServicePrincipal, delegationEnabledDate: $0.DelegationEnabledDate)
                        },
                        nextToken: page.NextToken))))
    }

    // ListTagsForResource has no MaxResults in AWS's model, so the route has no `limit`: pages of 20.
    func listOrganizationResourceTags(
        _ input: Operations.ListOrganizationResourceTags.Input
    ) async throws -> Operations.ListOrganizationResourceTags.Output {
        let page = try await run(Org.listTagsForResource) {
            OrgModel.ListTagsForResourceInput(ResourceId: input.path.resourceId, NextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(tags: page.Tags.map { .init(key: $0.Key ?? "", value: $0.Value ?? "") }, nextToken: page.NextToken))))
    }

    func tagOrganizationResource(_ input: Operations.TagOrganizationResource.Input) async throws -> Operations.TagOrganizationResource.Output {
        _ = try await run(Org.tagResource) {
            guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
            return OrgModel.TagResourceInput(ResourceId: input.path.resourceId, Tags: body.tags.map(Self.tag))
        }
        return .noContent(.init())
    }

    func untagOrganizationResource(
        _ input: Operations.UntagOrganizationResource.Input
    ) async throws -> Operations.UntagOrganizationResource.Output {
        _ = try await run(Org.untagResource) { OrgModel.UntagResourceInput(ResourceId: input.path.resourceId, TagKeys: input.query.key) }
        return .noContent(.init())
    }
}

/// Effective management policies over REST.
extension RESTService {
    func describeEffectivePolicy(_ input: Operations.DescribeEffectivePolicy.Input) async throws -> Operations.DescribeEffectivePolicy.Output {
        let found = try await run(Org.describeEffectivePolicy) {
            OrgModel.DescribeEffectivePolicyInput(PolicyType: input.path.policyType, TargetId: input.query.targetId)
        }
        let p = found.EffectivePolicy
        return .ok(
            .init(
                body: .json(
                    .init(
                        policyContent: p.PolicyContent, lastUpdatedTimestamp: p.LastUpdatedTimestamp, targetId: p.TargetId, policyType: p.PolicyType))
            ))
    }

    func listAccountsWithInvalidEffectivePolicy(
        _ input: Operations.ListAccountsWithInvalidEffectivePolicy.Input
    ) async throws -> Operations.ListAccountsWithInvalidEffectivePolicy.Output {
        let page = try await run(Org.listAccountsWithInvalidEffectivePolicy) {
            OrgModel.ListAccountsWithInvalidEffectivePolicyInput(
                PolicyType: input.path.policyType, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(.init(body: .json(.init(policyType: page.PolicyType, accounts: page.Accounts.map(Self.member), nextToken: page.NextToken))))
    }

    func listEffectivePolicyValidationErrors(
        _ input: Operations.ListEffectivePolicyValidationErrors.Input
    ) async throws -> Operations.ListEffectivePolicyValidationErrors.Output {
        let page = try await run(Org.listEffectivePolicyValidationErrors) {
            OrgModel.ListEffectivePolicyValidationErrorsInput(
                AccountId: input.path.accountId, PolicyType: input.path.policyType, MaxResults: input.query.limit, NextToken: input.query.nextToken)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        accountId: page.AccountId, policyType: page.PolicyType, path: page.Path, evaluationTimestamp: page.EvaluationTimestamp,
                        effectivePolicyValidationErrors: page.EffectivePolicyValidationErrors.map {
                            .init(
                                errorCode: $0.ErrorCode, errorMessage: $0.ErrorMessage, pathToError: $0.PathToError,
                                contributingPolicies: $0.ContributingPolicies)
                        }, nextToken: page.NextToken))))
    }
}
