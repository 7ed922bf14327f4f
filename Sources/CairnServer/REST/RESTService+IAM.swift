import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// IAM management over REST. Each handler turns its JSON into the Query protocol's field names and runs the
/// same IAMOperations method as the Query door, so validation, errors and events are identical; only the
/// encoding differs (JSON, RFC 3339 dates, documents as plain JSON text, `limit`/`nextToken` paging).
extension RESTService {
    var iam: IAMOperations { IAMOperations(runner: runner) }

    func listIamUsers(_ input: Operations.ListIamUsers.Input) async throws -> Operations.ListIamUsers.Output {
        let page = try await iam.listUsers(IAMRequest(fields: Self.listFields(input.query.pathPrefix, input.query.limit, input.query.nextToken)))
        return .ok(.init(body: .json(.init(users: page.items.map { Self.user($0, withTags: false) }, nextToken: page.nextMarker))))
    }

    func createIamUser(_ input: Operations.CreateIamUser.Input) async throws -> Operations.CreateIamUser.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        var fields = ["UserName": body.userName]
        fields["Path"] = body.path
        fields["PermissionsBoundary"] = body.permissionsBoundary
        Self.addTags(body.tags, to: &fields)
        let user = try await iam.createUser(IAMRequest(fields: fields))
        return .created(.init(body: .json(Self.user(user, withTags: true))))
    }

    func getIamUser(_ input: Operations.GetIamUser.Input) async throws -> Operations.GetIamUser.Output {
        let user = try await iam.getUser(IAMRequest(fields: ["UserName": input.path.userName]))
        return .ok(.init(body: .json(Self.user(user, withTags: true))))
    }

    func deleteIamUser(_ input: Operations.DeleteIamUser.Input) async throws -> Operations.DeleteIamUser.Output {
        try await iam.deleteUser(IAMRequest(fields: ["UserName": input.path.userName]))
        return .noContent(.init())
    }

    func attachIamUserPolicy(_ input: Operations.AttachIamUserPolicy.Input) async throws -> Operations.AttachIamUserPolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await iam.attachPolicy(
            OperationCatalogue.IAM.attachUserPolicy, .user,
            IAMRequest(fields: ["UserName": input.path.userName, "PolicyArn": body.policyArn]))
        return .noContent(.init())
    }

    func listIamAccessKeys(_ input: Operations.ListIamAccessKeys.Input) async throws -> Operations.ListIamAccessKeys.Output {
        let page = try await iam.listAccessKeys(IAMRequest(fields: ["UserName": input.path.userName]))
        return .ok(.init(body: .json(.init(accessKeys: page.items.map(Self.accessKey)))))
    }

    func createIamAccessKey(_ input: Operations.CreateIamAccessKey.Input) async throws -> Operations.CreateIamAccessKey.Output {
        let key = try await iam.createAccessKey(IAMRequest(fields: ["UserName": input.path.userName]))
        let m = key.metadata
        return .created(.init(body: .json(.init(
            accessKeyId: m.accessKeyId, secretAccessKey: key.secret, userName: m.userName,
            status: .init(rawValue: m.status) ?? .active, createDate: m.createdAt))))
    }

    func updateIamAccessKey(_ input: Operations.UpdateIamAccessKey.Input) async throws -> Operations.UpdateIamAccessKey.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await iam.updateAccessKey(IAMRequest(fields: [
            "UserName": input.path.userName, "AccessKeyId": input.path.accessKeyId, "Status": body.status.rawValue,
        ]))
        return .noContent(.init())
    }

    func deleteIamAccessKey(_ input: Operations.DeleteIamAccessKey.Input) async throws -> Operations.DeleteIamAccessKey.Output {
        try await iam.deleteAccessKey(IAMRequest(fields: ["UserName": input.path.userName, "AccessKeyId": input.path.accessKeyId]))
        return .noContent(.init())
    }

    func listIamRoles(_ input: Operations.ListIamRoles.Input) async throws -> Operations.ListIamRoles.Output {
        let page = try await iam.listRoles(IAMRequest(fields: Self.listFields(input.query.pathPrefix, input.query.limit, input.query.nextToken)))
        return .ok(.init(body: .json(.init(roles: page.items.map { Self.role($0, tags: nil) }, nextToken: page.nextMarker))))
    }

    func createIamRole(_ input: Operations.CreateIamRole.Input) async throws -> Operations.CreateIamRole.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        var fields = ["RoleName": body.roleName, "AssumeRolePolicyDocument": body.assumeRolePolicyDocument]
        fields["Path"] = body.path
        fields["Description"] = body.description
        fields["MaxSessionDuration"] = body.maxSessionDuration.map(String.init)
        fields["PermissionsBoundary"] = body.permissionsBoundary
        Self.addTags(body.tags, to: &fields)
        let view = try await iam.createRole(IAMRequest(fields: fields))
        return .created(.init(body: .json(Self.role(view.role, tags: view.tags))))
    }

    func getIamRole(_ input: Operations.GetIamRole.Input) async throws -> Operations.GetIamRole.Output {
        let view = try await iam.getRole(IAMRequest(fields: ["RoleName": input.path.roleName]))
        return .ok(.init(body: .json(Self.role(view.role, tags: view.tags))))
    }

    func deleteIamRole(_ input: Operations.DeleteIamRole.Input) async throws -> Operations.DeleteIamRole.Output {
        try await iam.deleteRole(IAMRequest(fields: ["RoleName": input.path.roleName]))
        return .noContent(.init())
    }

    func attachIamRolePolicy(_ input: Operations.AttachIamRolePolicy.Input) async throws -> Operations.AttachIamRolePolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        try await iam.attachPolicy(
            OperationCatalogue.IAM.attachRolePolicy, .role,
            IAMRequest(fields: ["RoleName": input.path.roleName, "PolicyArn": body.policyArn]))
        return .noContent(.init())
    }

    func listIamPolicies(_ input: Operations.ListIamPolicies.Input) async throws -> Operations.ListIamPolicies.Output {
        var fields = Self.listFields(input.query.pathPrefix, input.query.limit, input.query.nextToken)
        fields["Scope"] = input.query.scope?.rawValue
        fields["OnlyAttached"] = input.query.onlyAttached.map { $0 ? "true" : "false" }
        let page = try await iam.listPolicies(IAMRequest(fields: fields))
        return .ok(.init(body: .json(.init(policies: page.items.map { Self.policy($0, full: false) }, nextToken: page.nextMarker))))
    }

    func createIamPolicy(_ input: Operations.CreateIamPolicy.Input) async throws -> Operations.CreateIamPolicy.Output {
        guard case .json(let body) = input.body else { throw ServiceError.serialization("expected application/json") }
        var fields = ["PolicyName": body.policyName, "PolicyDocument": body.policyDocument]
        fields["Path"] = body.path
        fields["Description"] = body.description
        Self.addTags(body.tags, to: &fields)
        let policy = try await iam.createPolicy(IAMRequest(fields: fields))
        return .created(.init(body: .json(Self.policy(policy, full: true))))
    }

    func getIamPolicy(_ input: Operations.GetIamPolicy.Input) async throws -> Operations.GetIamPolicy.Output {
        let policy = try await iam.getPolicy(IAMRequest(fields: ["PolicyArn": input.query.policyArn]))
        return .ok(.init(body: .json(Self.policy(policy, full: true))))
    }

    func deleteIamPolicy(_ input: Operations.DeleteIamPolicy.Input) async throws -> Operations.DeleteIamPolicy.Output {
        try await iam.deletePolicy(IAMRequest(fields: ["PolicyArn": input.query.policyArn]))
        return .noContent(.init())
    }

    // MARK: Encoding

    static func listFields(_ pathPrefix: String?, _ limit: Int?, _ nextToken: String?) -> [String: String] {
        var fields: [String: String] = [:]
        fields["PathPrefix"] = pathPrefix
        fields["MaxItems"] = limit.map(String.init)
        fields["Marker"] = nextToken
        return fields
    }

    private static func addTags(_ tags: [Components.Schemas.IamTag]?, to fields: inout [String: String]) {
        for (i, t) in (tags ?? []).enumerated() {
            fields["Tags.member.\(i + 1).Key"] = t.key
            fields["Tags.member.\(i + 1).Value"] = t.value
        }
    }

    private static func tags(_ tags: [IAMTag]) -> [Components.Schemas.IamTag]? {
        tags.isEmpty ? nil : tags.map { .init(key: $0.key, value: $0.value) }
    }

    static func user(_ u: IAMUserRecord, withTags: Bool) -> Components.Schemas.IamUser {
        .init(
            userName: u.name, userId: u.userId, arn: u.arn, path: u.path, createDate: u.createdAt,
            permissionsBoundary: u.permissionsBoundaryArn, tags: withTags ? tags(u.tags) : nil)
    }

    private static func role(_ r: RoleRecord, tags roleTags: [IAMTag]?) -> Components.Schemas.IamRole {
        .init(
            roleName: r.name, roleId: r.roleId, arn: r.arn, path: r.path, createDate: r.createdAt, description: r.description,
            maxSessionDuration: r.maxSessionDuration, assumeRolePolicyDocument: r.trustPolicy,
            permissionsBoundary: r.permissionsBoundaryArn, tags: roleTags.flatMap(tags))
    }

    private static func policy(_ p: ManagedPolicyRecord, full: Bool) -> Components.Schemas.IamPolicy {
        .init(
            policyName: p.name, policyId: p.policyId, arn: p.arn, path: p.path, defaultVersionId: p.defaultVersionId,
            attachmentCount: p.attachmentCount, permissionsBoundaryUsageCount: p.permissionsBoundaryUsageCount, isAttachable: true,
            description: full ? p.description : nil, createDate: p.createdAt, updateDate: p.updatedAt, tags: full ? tags(p.tags) : nil)
    }

    private static func accessKey(_ k: AccessKeyMetadataRecord) -> Components.Schemas.IamAccessKey {
        .init(accessKeyId: k.accessKeyId, userName: k.userName, status: .init(rawValue: k.status) ?? .active, createDate: k.createdAt)
    }
}
