import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Service control policies: documents are checked with the policy engine's SCP rules.
extension OrganizationsHandlers {
    struct PolicyOutput: Encodable, Sendable { let Policy: OrganizationsWire.Policy }
    struct PoliciesOutput: Encodable, Sendable {
        let Policies: [OrganizationsWire.PolicySummary]
        let NextToken: String?
    }
    struct TargetsOutput: Encodable, Sendable {
        let Targets: [OrganizationsWire.PolicyTargetSummary]
        let NextToken: String?
    }

    /// An SCP document: AWS's 5,120-character limit (every character counts), then the engine's lint.
    static func scpContent(_ value: String?) throws -> String {
        let content = try OrganizationsRequest.required(value, "Content")
        guard content.count <= OrganizationLimits.maximumSCPCharacters else {
            throw ServiceError.constraintViolation(.policyContentLimitExceeded)
        }
        let errors = PolicyLint.lint(text: content, type: .scp).filter { $0.severity == .error }
        if let first = errors.first {
            throw ServiceError.malformedSCPDocument(first.path.isEmpty ? first.message : "\(first.path): \(first.message)")
        }
        return content
    }

    static func policyName(_ value: String?) throws(ServiceError) -> String {
        let name = try OrganizationsRequest.required(value, "Name")
        try OrganizationsRequest.length(name, "Name", 1...128)
        return name
    }

    static func policyDescription(_ value: String?) throws(ServiceError) -> String {
        guard let value else { throw .inputRequired("Description") }
        try OrganizationsRequest.length(value, "Description", 0...512)
        return value
    }

    static func policyId(_ value: String?) throws(ServiceError) -> String {
        try OrganizationsRequest.id(value, "PolicyId", OrganizationIdentifiers.isPolicy)
    }

    static func targetId(_ value: String?) throws(ServiceError) -> String {
        try OrganizationsRequest.id(value, "TargetId", OrganizationIdentifiers.isPolicyTarget)
    }

    /// The policy of this organization, or PolicyNotFoundException.
    static func policy(_ tx: Transaction, _ org: OrganizationRecord, _ id: String) async throws -> OrganizationPolicyRecord {
        guard let p = try await tx.organizations.policy(org, id: id) else { throw ServiceError.policyNotFound }
        return p
    }

    static func output(_ p: OrganizationPolicyRecord, _ org: OrganizationRecord, _ tx: Transaction) -> PolicyOutput {
        PolicyOutput(Policy: .init(PolicySummary: .init(p, in: org, partition: partition(tx)), Content: p.content))
    }

    var policyHandlers: [AWSHandler] {
        [
            handler(OperationCatalogue.createPolicy) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let type = try OrganizationsRequest.policyType(req.Type, "Type")
                let name = try Self.policyName(req.Name)
                let description = try Self.policyDescription(req.Description)
                let content = try Self.scpContent(req.Content)
                let tags = try req.checkTags()
                guard org.allFeatures else { throw ServiceError.policyTypeNotAvailable }
                let p = try await tx.organizations.createPolicy(org, type: type, name: name, description: description, content: content)
                try await tx.organizations.tag(org, resource: p.id, with: tags)
                return Self.output(p, org, tx)
            },
            handler(OperationCatalogue.updatePolicy) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let id = try Self.policyId(req.PolicyId)
                let name = try req.Name.map { v throws(ServiceError) in try Self.policyName(v) }
                let description = try req.Description.map { v throws(ServiceError) in try Self.policyDescription(v) }
                let content = try req.Content.map { try Self.scpContent($0) }
                let p = try await tx.organizations.updatePolicy(org, id: id, name: name, description: description, content: content)
                return Self.output(p, org, tx)
            },
            handler(OperationCatalogue.describePolicy) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let p = try await Self.policy(tx, org, try Self.policyId(req.PolicyId))
                return Self.output(p, org, tx)
            },
            handler(OperationCatalogue.deletePolicy) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                try await tx.organizations.deletePolicy(org, id: try Self.policyId(req.PolicyId))
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.attachPolicy) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let id = try Self.policyId(req.PolicyId)
                let target = try Self.targetId(req.TargetId)
                _ = try await Self.policy(tx, org, id)
                guard try await tx.organizations.targetExists(org, target) else { throw ServiceError.targetNotFound }
                guard org.scpEnabled else { throw ServiceError.policyTypeNotEnabled }
                try await tx.organizations.attach(org, policy: id, target: target)
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.detachPolicy) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let id = try Self.policyId(req.PolicyId)
                let target = try Self.targetId(req.TargetId)
                _ = try await Self.policy(tx, org, id)
                guard try await tx.organizations.targetExists(org, target) else { throw ServiceError.targetNotFound }
                try await tx.organizations.detach(org, policy: id, target: target)
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.listPolicies) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let type = try OrganizationsRequest.policyType(req.Filter?.stringValue ?? (req.Filter == nil ? nil : ""), "Filter")
                let all = try await tx.organizations.policies(org, type: type)
                let page = try OrganizationsPage.slice(all, req, operation: "ListPolicies")
                return PoliciesOutput(Policies: page.items.map { .init($0, in: org, partition: Self.partition(tx)) }, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.listPoliciesForTarget) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let target = try Self.targetId(req.TargetId)
                _ = try OrganizationsRequest.policyType(req.Filter?.stringValue ?? (req.Filter == nil ? nil : ""), "Filter")
                guard try await tx.organizations.targetExists(org, target) else { throw ServiceError.targetNotFound }
                let all = try await tx.organizations.policies(org, attachedTo: target)
                let page = try OrganizationsPage.slice(all, req, operation: "ListPoliciesForTarget")
                return PoliciesOutput(Policies: page.items.map { .init($0, in: org, partition: Self.partition(tx)) }, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.listTargetsForPolicy) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let id = try Self.policyId(req.PolicyId)
                _ = try await Self.policy(tx, org, id)
                let ids = try await tx.organizations.targets(org, policy: id)
                let page = try OrganizationsPage.slice(ids, req, operation: "ListTargetsForPolicy")
                var targets: [OrganizationsWire.PolicyTargetSummary] = []
                let arns = org.arns(partition: Self.partition(tx))
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
                return TargetsOutput(Targets: targets, NextToken: page.nextToken)
            },
        ]
    }
}
