import CairnCore
import CairnStore

/// IAM over the Query protocol: each catalogue entry decodes its form fields into an IAMRequest, runs the
/// shared IAMOperations method and writes the Result element's children.
struct IAMHandlers: Sendable {
    let operations: IAMOperations

    init(runner: OperationRunner) { operations = IAMOperations(runner: runner) }

    private typealias IAM = OperationCatalogue.IAM
    private typealias Node = XMLWriter.Node

    private func handler(_ op: CatalogueOperation, _ body: @escaping @Sendable (IAMRequest) async throws -> [Node]) -> AWSHandler {
        AWSHandler(operation: op) { call in .query(try await body(IAMRequest(call))) }
    }

    var all: [AWSHandler] { users + groups + roles + inlinePolicies + managedPolicies + attachments + tagsAndBoundaries + accessKeys }

    private var users: [AWSHandler] {
        let ops = operations
        return [
            handler(IAM.createUser) { r in [.element("User", IAMXML.user(try await ops.createUser(r), withTags: true))] },
            handler(IAM.getUser) { r in [.element("User", IAMXML.user(try await ops.getUser(r), withTags: true))] },
            handler(IAM.listUsers) { r in IAMXML.page("Users", try await ops.listUsers(r)) { IAMXML.user($0, withTags: false) } },
            handler(IAM.updateUser) { r in try await ops.updateUser(r); return [] },
            handler(IAM.deleteUser) { r in try await ops.deleteUser(r); return [] },
        ]
    }

    private var groups: [AWSHandler] {
        let ops = operations
        return [
            handler(IAM.createGroup) { r in [.element("Group", IAMXML.group(try await ops.createGroup(r)))] },
            handler(IAM.getGroup) { r in
                let g = try await ops.getGroup(r)
                return [.element("Group", IAMXML.group(g.group))] + IAMXML.page("Users", g.members) { IAMXML.user($0, withTags: false) }
            },
            handler(IAM.listGroups) { r in IAMXML.page("Groups", try await ops.listGroups(r), IAMXML.group) },
            handler(IAM.deleteGroup) { r in try await ops.deleteGroup(r); return [] },
            handler(IAM.addUserToGroup) { r in try await ops.addUserToGroup(r); return [] },
            handler(IAM.removeUserFromGroup) { r in try await ops.removeUserFromGroup(r); return [] },
            handler(IAM.listGroupsForUser) { r in IAMXML.page("Groups", try await ops.listGroupsForUser(r), IAMXML.group) },
        ]
    }

    private var roles: [AWSHandler] {
        let ops = operations
        return [
            handler(IAM.createRole) { r in
                let v = try await ops.createRole(r)
                return [.element("Role", IAMXML.role(v.role, tags: v.tags))]
            },
            handler(IAM.getRole) { r in
                let v = try await ops.getRole(r)
                return [.element("Role", IAMXML.role(v.role, tags: v.tags))]
            },
            handler(IAM.listRoles) { r in IAMXML.page("Roles", try await ops.listRoles(r)) { IAMXML.role($0, tags: nil) } },
            handler(IAM.updateRole) { r in try await ops.updateRole(r); return [] },
            handler(IAM.deleteRole) { r in try await ops.deleteRole(r); return [] },
            handler(IAM.updateAssumeRolePolicy) { r in try await ops.updateAssumeRolePolicy(r); return [] },
        ]
    }

    private var inlinePolicies: [AWSHandler] {
        let ops = operations
        let table: [(IAMEntityKind, put: CatalogueOperation, get: CatalogueOperation, delete: CatalogueOperation, list: CatalogueOperation)] = [
            (.user, IAM.putUserPolicy, IAM.getUserPolicy, IAM.deleteUserPolicy, IAM.listUserPolicies),
            (.role, IAM.putRolePolicy, IAM.getRolePolicy, IAM.deleteRolePolicy, IAM.listRolePolicies),
            (.group, IAM.putGroupPolicy, IAM.getGroupPolicy, IAM.deleteGroupPolicy, IAM.listGroupPolicies),
        ]
        return table.flatMap { kind, put, get, delete, list in
            [
                handler(put) { r in try await ops.putInlinePolicy(put, kind, r); return [] },
                handler(get) { r in
                    let v = try await ops.getInlinePolicy(get, kind, r)
                    return [
                        .text(kind.nameField, v.ownerName), .text("PolicyName", v.policyName),
                        .text("PolicyDocument", IAMPolicyDocumentRules.urlEncoded(v.document)),
                    ]
                },
                handler(delete) { r in try await ops.deleteInlinePolicy(delete, kind, r); return [] },
                handler(list) { r in IAMXML.names("PolicyNames", try await ops.listInlinePolicies(list, kind, r)) },
            ]
        }
    }

    private var managedPolicies: [AWSHandler] {
        let ops = operations
        return [
            handler(IAM.createPolicy) { r in [.element("Policy", IAMXML.policy(try await ops.createPolicy(r), withTags: true))] },
            handler(IAM.getPolicy) { r in [.element("Policy", IAMXML.policy(try await ops.getPolicy(r), withTags: true))] },
            handler(IAM.listPolicies) { r in IAMXML.page("Policies", try await ops.listPolicies(r)) { IAMXML.policy($0, withTags: false) } },
            handler(IAM.deletePolicy) { r in try await ops.deletePolicy(r); return [] },
            handler(IAM.createPolicyVersion) { r in
                [.element("PolicyVersion", IAMXML.policyVersion(try await ops.createPolicyVersion(r), withDocument: false))]
            },
            handler(IAM.getPolicyVersion) { r in
                [.element("PolicyVersion", IAMXML.policyVersion(try await ops.getPolicyVersion(r), withDocument: true))]
            },
            handler(IAM.listPolicyVersions) { r in
                IAMXML.page("Versions", try await ops.listPolicyVersions(r)) { IAMXML.policyVersion($0, withDocument: false) }
            },
            handler(IAM.setDefaultPolicyVersion) { r in try await ops.setDefaultPolicyVersion(r); return [] },
            handler(IAM.deletePolicyVersion) { r in try await ops.deletePolicyVersion(r); return [] },
        ]
    }

    private var attachments: [AWSHandler] {
        let ops = operations
        let table: [(IAMEntityKind, attach: CatalogueOperation, detach: CatalogueOperation, list: CatalogueOperation)] = [
            (.user, IAM.attachUserPolicy, IAM.detachUserPolicy, IAM.listAttachedUserPolicies),
            (.role, IAM.attachRolePolicy, IAM.detachRolePolicy, IAM.listAttachedRolePolicies),
            (.group, IAM.attachGroupPolicy, IAM.detachGroupPolicy, IAM.listAttachedGroupPolicies),
        ]
        return table.flatMap { kind, attach, detach, list in
            [
                handler(attach) { r in try await ops.attachPolicy(attach, kind, r); return [] },
                handler(detach) { r in try await ops.detachPolicy(detach, kind, r); return [] },
                handler(list) { r in
                    IAMXML.page("AttachedPolicies", try await ops.listAttachedPolicies(list, kind, r)) {
                        [.text("PolicyName", $0.policyName), .text("PolicyArn", $0.policyArn)]
                    }
                },
            ]
        }
    }

    private var tagsAndBoundaries: [AWSHandler] {
        let ops = operations
        let table: [(IAMEntityKind, tag: CatalogueOperation, untag: CatalogueOperation, list: CatalogueOperation, put: CatalogueOperation, delete: CatalogueOperation)] = [
            (.user, IAM.tagUser, IAM.untagUser, IAM.listUserTags, IAM.putUserPermissionsBoundary, IAM.deleteUserPermissionsBoundary),
            (.role, IAM.tagRole, IAM.untagRole, IAM.listRoleTags, IAM.putRolePermissionsBoundary, IAM.deleteRolePermissionsBoundary),
        ]
        return table.flatMap { kind, tag, untag, list, put, delete in
            [
                handler(tag) { r in try await ops.tag(tag, kind, r); return [] },
                handler(untag) { r in try await ops.untag(untag, kind, r); return [] },
                handler(list) { r in IAMXML.page("Tags", try await ops.listTags(list, kind, r)) { [.text("Key", $0.key), .text("Value", $0.value)] } },
                handler(put) { r in try await ops.putPermissionsBoundary(put, kind, r); return [] },
                handler(delete) { r in try await ops.deletePermissionsBoundary(delete, kind, r); return [] },
            ]
        }
    }

    private var accessKeys: [AWSHandler] {
        let ops = operations
        return [
            handler(IAM.createAccessKey) { r in
                let k = try await ops.createAccessKey(r)
                var nodes = IAMXML.accessKey(k.metadata)
                nodes.insert(.text("SecretAccessKey", k.secret), at: nodes.count - 1)
                return [.element("AccessKey", nodes)]
            },
            handler(IAM.listAccessKeys) { r in IAMXML.page("AccessKeyMetadata", try await ops.listAccessKeys(r), IAMXML.accessKey) },
            handler(IAM.updateAccessKey) { r in try await ops.updateAccessKey(r); return [] },
            handler(IAM.deleteAccessKey) { r in try await ops.deleteAccessKey(r); return [] },
        ]
    }
}
