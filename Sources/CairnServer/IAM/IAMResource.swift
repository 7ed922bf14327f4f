import CairnCore
import CairnPolicy

/// The resource an IAM call is authorized against, as IAM names it: the user, role or group the request
/// names; otherwise the managed policy; otherwise the collection (`arn:aws:iam::A:user/` for ListUsers) or
/// the caller itself (a root user's own access keys). Entity ARNs use the request's Path or `/`: IAM
/// authorizes names, and a path-scoped policy (`user/division/*`) needs the Path on the request.
enum IAMResource {
    static func target(
        for operation: CatalogueOperation, _ request: IAMRequest, principal: Principal, partition: String,
        resourceTags: [String: String] = [:]
    ) -> AuthorizationTarget {
        let account = principal.account.value
        let path = request.optional("Path") ?? "/"
        func arn(_ kind: String, _ name: String) -> String { "arn:\(partition):iam::\(account):\(kind)\(path)\(name)" }
        var context: [String: ContextValue] = [:]
        if let policyArn = request.optional("PolicyArn") { context["iam:PolicyARN"] = .single(policyArn) }
        if let boundary = request.optional("PermissionsBoundary") { context["iam:PermissionsBoundary"] = .single(boundary) }
        var requestTagKeys: [String] = []
        var i = 1
        while let key = request.optional("Tags.member.\(i).Key") {
            context["aws:RequestTag/\(key)"] = .single(request.optional("Tags.member.\(i).Value") ?? "")
            requestTagKeys.append(key)
            i += 1
        }
        i = 1
        while let key = request.optional("TagKeys.member.\(i)") {
            requestTagKeys.append(key)
            i += 1
        }
        if !requestTagKeys.isEmpty { context["aws:TagKeys"] = .multiple(requestTagKeys) }
        for (k, v) in resourceTags { context["aws:ResourceTag/\(k)"] = .single(v) }
        let resource: String
        if let user = request.optional("UserName") {
            resource = arn("user", user)
        } else if let role = request.optional("RoleName") {
            resource = arn("role", role)
        } else if let group = request.optional("GroupName") {
            resource = arn("group", group)
        } else if let policyArn = request.optional("PolicyArn") {
            resource = policyArn
        } else if let policy = request.optional("PolicyName") {
            resource = arn("policy", policy)
        } else if operation.name.contains("AccessKey") {
            resource = principal.arn
        } else if let collection = collection(operation.name) {
            resource = "arn:\(partition):iam::\(account):\(collection)\(request.optional("PathPrefix") ?? "/")"
        } else {
            resource = "*"
        }
        return AuthorizationTarget(resource: resource, resourceAccount: account, context: context)
    }

    private static func collection(_ name: String) -> String? {
        switch name {
        case "ListUsers": "user"
        case "ListRoles": "role"
        case "ListGroups": "group"
        case "ListPolicies": "policy"
        default: nil
        }
    }
}
