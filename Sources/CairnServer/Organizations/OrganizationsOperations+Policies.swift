import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Organizations policies of every type: SCP and RCP documents are checked with the policy engine's rules for
/// them, management policies (tag, backup, …) with their inheritance syntax.
extension OrganizationsOperations {
    /// A document of `type`: AWS's size for the type (every character counts), then the type's rules.
    static func policyContent(_ value: String?, type: String) throws -> String {
        let content = try OrganizationsInputRules.required(value, "Content")
        guard content.count <= OrganizationPolicyTypes.maximumCharacters(type) else {
            throw ServiceError.constraintViolation(.policyContentLimitExceeded)
        }
        let lintType: PolicyType? =
            switch type {
            case OrganizationPolicyTypes.serviceControl: .scp
            case OrganizationPolicyTypes.resourceControl: .rcp
            default: nil
            }
        if let lintType {
            let errors = PolicyLint.lint(text: content, type: lintType, sizeLimit: nil).filter { $0.severity == .error }
            if let first = errors.first {
                throw ServiceError.malformedSCPDocument(first.path.isEmpty ? first.message : "\(first.path): \(first.message)")
            }
        } else if let problem = ManagementPolicySyntax.problem(in: content, type: type) {
            throw ServiceError.malformedSCPDocument(problem.path.isEmpty ? problem.message : "\(problem.path): \(problem.message)")
        }
        return content
    }

    static func policyName(_ value: String?) throws(ServiceError) -> String {
        let name = try OrganizationsInputRules.required(value, "Name")
        try OrganizationsInputRules.length(name, "Name", 1...128)
        return name
    }

    static func policyDescription(_ value: String?) throws(ServiceError) -> String {
        guard let value else { throw .inputRequired("Description") }
        try OrganizationsInputRules.length(value, "Description", 0...512)
        return value
    }

    /// ListPolicies' and ListPoliciesForTarget's Filter: a policy type; a value of another JSON type is named as
    /// no policy type.
    static func policyTypeFilter(_ filter: JSONValue?) throws(ServiceError) -> String {
        try OrganizationsInputRules.policyType(filter?.stringValue ?? (filter == nil ? nil : ""), "Filter")
    }

    static func policyId(_ value: String?) throws(ServiceError) -> String {
        try OrganizationsInputRules.id(value, "PolicyId", OrganizationIdentifiers.isPolicy)
    }

    static func targetId(_ value: String?) throws(ServiceError) -> String {
        try OrganizationsInputRules.id(value, "TargetId", OrganizationIdentifiers.isPolicyTarget)
    }

    /// The policy of this organization, or PolicyNotFoundException.
    static func policy(_ tx: Transaction, _ org: OrganizationRecord, _ id: String) async throws -> OrganizationPolicyRecord {
        guard let p = try await tx.organizations.policy(org, id: id) else { throw ServiceError.policyNotFound }
        return p
    }

    static func output(_ p: OrganizationPolicyRecord, _ org: OrganizationRecord, _ partition: String) -> OrganizationsModel.PolicyOutput {
        OrganizationsModel.PolicyOutput(Policy: .init(PolicySummary: .init(p, in: org, partition: partition), Content: p.content))
    }

    static let createPolicy = Operation<OrganizationsModel.CreatePolicyInput, OrganizationsModel.PolicyOutput>(OperationCatalogue.createPolicy) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.manager(ctx)
        let type = try OrganizationsInputRules.policyType(req.Type, "Type")
        let name = try Self.policyName(req.Name)
        let description = try Self.policyDescription(req.Description)
        let content = try Self.policyContent(req.Content, type: type)
        let tags = try OrganizationsInputRules.tags(req.Tags)
        guard org.allFeatures else { throw ServiceError.policyTypeNotAvailable }
        let p = try await tx.organizations.createPolicy(org, type: type, name: name, description: description, content: content)
        try await tx.organizations.tag(org, resource: p.id, with: tags)
        return Self.output(p, org, ctx.partition)
    }

    static let updatePolicy = Operation<OrganizationsModel.UpdatePolicyInput, OrganizationsModel.PolicyOutput>(OperationCatalogue.updatePolicy) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.manager(ctx)
        let id = try Self.policyId(req.PolicyId)
        let name = try req.Name.map { v throws(ServiceError) in try Self.policyName(v) }
        let description = try req.Description.map { v throws(ServiceError) in try Self.policyDescription(v) }
        let current = try await Self.policy(tx, org, id)
        let content = try req.Content.map { try Self.policyContent($0, type: current.type) }
        let p = try await tx.organizations.updatePolicy(org, id: id, name: name, description: description, content: content)
        return Self.output(p, org, ctx.partition)
    }

    static let describePolicy = Operation<OrganizationsModel.PolicyIdInput, OrganizationsModel.PolicyOutput>(OperationCatalogue.describePolicy) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let p = try await Self.policy(tx, org, try Self.policyId(req.PolicyId))
        return Self.output(p, org, ctx.partition)
    }

    static let deletePolicy = Operation<OrganizationsModel.PolicyIdInput, NoOutput>(OperationCatalogue.deletePolicy) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.manager(ctx)
        try await tx.organizations.deletePolicy(org, id: try Self.policyId(req.PolicyId))
        return NoOutput()
    }

    static let attachPolicy = Operation<OrganizationsModel.PolicyTargetInput, NoOutput>(OperationCatalogue.attachPolicy) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.manager(ctx)
        let id = try Self.policyId(req.PolicyId)
        let target = try Self.targetId(req.TargetId)
        let policy = try await Self.policy(tx, org, id)
        guard try await tx.organizations.targetExists(org, target) else { throw ServiceError.targetNotFound }
        guard org.enables(policy.type) else { throw ServiceError.policyTypeNotEnabled }
        try await tx.organizations.attach(org, policy: policy, target: target)
        return NoOutput()
    }

    static let detachPolicy = Operation<OrganizationsModel.PolicyTargetInput, NoOutput>(OperationCatalogue.detachPolicy) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.manager(ctx)
        let id = try Self.policyId(req.PolicyId)
        let target = try Self.targetId(req.TargetId)
        let policy = try await Self.policy(tx, org, id)
        guard try await tx.organizations.targetExists(org, target) else { throw ServiceError.targetNotFound }
        // RCPFullAWSAccess stays wherever RCPs are enabled (FullAWSAccess may go, if another SCP remains).
        guard id != OrganizationPolicyRecord.rcpFullAWSAccessId else {
            throw ServiceError.invalidInput("NON_DETACHABLE_POLICY", "You can't detach RCPFullAWSAccess: it stays attached while RCPs are enabled.")
        }
        try await tx.organizations.detach(org, policy: policy, target: target)
        return NoOutput()
    }

    static let listPolicies = Operation<OrganizationsModel.ListPoliciesInput, OrganizationsModel.PoliciesOutput>(OperationCatalogue.listPolicies) {
        req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let type = try policyTypeFilter(req.Filter)
        let all = try await tx.organizations.policies(org, type: type)
        let page = try OrganizationsPage.slice(all, req, operation: "ListPolicies")
        return OrganizationsModel.PoliciesOutput(Policies: page.items.map { .init($0, in: org, partition: ctx.partition) }, NextToken: page.nextToken)
    }

    static let listPoliciesForTarget = Operation<OrganizationsModel.ListPoliciesForTargetInput, OrganizationsModel.PoliciesOutput>(
        OperationCatalogue.listPoliciesForTarget
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let target = try Self.targetId(req.TargetId)
        let type = try policyTypeFilter(req.Filter)
        guard try await tx.organizations.targetExists(org, target) else { throw ServiceError.targetNotFound }
        let all = try await tx.organizations.policies(org, attachedTo: target, type: type)
        let page = try OrganizationsPage.slice(all, req, operation: "ListPoliciesForTarget")
        return OrganizationsModel.PoliciesOutput(Policies: page.items.map { .init($0, in: org, partition: ctx.partition) }, NextToken: page.nextToken)
    }

    static let listTargetsForPolicy = Operation<OrganizationsModel.ListTargetsForPolicyInput, OrganizationsModel.TargetsOutput>(
        OperationCatalogue.listTargetsForPolicy
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let id = try Self.policyId(req.PolicyId)
        _ = try await Self.policy(tx, org, id)
        let ids = try await tx.organizations.targets(org, policy: id)
        let page = try OrganizationsPage.slice(ids, req, operation: "ListTargetsForPolicy")
        var targets: [OrganizationsModel.PolicyTargetSummary] = []
        let arns = org.arns(partition: ctx.partition)
        for t in page.items {
            if t == org.rootId {
                targets.append(.init(TargetId: t, Arn: arns.root(t), Name: "Root", Type: "ROOT"))
            } else if OrganizationIdentifiers.isOrganizationalUnit(t) {
                let name = try await tx.organizations.organizationalUnit(org, id: t)?.name ?? t
                targets.append(.init(TargetId: t, Arn: arns.organizationalUnit(t), Name: name, Type: "ORGANIZATIONAL_UNIT"))
            } else {
                let name = try await tx.organizations.member(of: org, account: t)?.name ?? t
                targets.append(.init(TargetId: t, Arn: arns.account(t), Name: name, Type: "ACCOUNT"))
            }
        }
        return OrganizationsModel.TargetsOutput(Targets: targets, NextToken: page.nextToken)
    }

}
