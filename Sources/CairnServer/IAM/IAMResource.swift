import CairnCore
import CairnPolicy

/// The resource an IAM call is authorized against, as IAM names it: the user, role or group the request
/// names; otherwise the managed policy; otherwise the collection (`arn:aws:iam::A:user/` for ListUsers) or
/// the caller itself (a root user's own access keys). Entity ARNs use the request's Path or `/`: IAM
/// authorizes names, and a path-scoped policy (`user/division/*`) needs the Path on the request. Read from
/// the input's members by their model names, so one rule serves every IAM operation.
enum IAMResource {
    static func target(
        for operation: CatalogueOperation, members: JSONValue, principal: Principal, partition: String,
        resourceTags: [String: String] = [:]
    ) -> AuthorizationTarget {
        func member(_ name: String) -> String? { members[name]?.stringValue }
        let account = principal.account
        let path = member("Path") ?? "/"
        func arn(_ kind: IAMARN.Kind, _ name: String) -> String {
            IAMARN.entity(kind, partition: partition, account: account, path: path, name: name).description
        }
        var context: [String: ContextValue] = [:]
        if let policyArn = member("PolicyArn") { context["iam:PolicyARN"] = .single(policyArn) }
        if let boundary = member("PermissionsBoundary") { context["iam:PermissionsBoundary"] = .single(boundary) }
        var requested: [(key: String, value: String)] = []
        if case .array(let tags) = members["Tags"] {
            for tag in tags { if let key = tag["Key"]?.stringValue { requested.append((key, tag["Value"]?.stringValue ?? "")) } }
        }
        var removed: [String] = []
        if case .array(let keys) = members["TagKeys"] { removed = keys.compactMap(\.stringValue) }
        context.merge(TagConditionKeys.request(requested, removing: removed)) { a, _ in a }
        context.merge(TagConditionKeys.resource(resourceTags.map { (key: $0.key, value: $0.value) })) { a, _ in a }
        let resource: String
        if let user = member("UserName") {
            resource = arn(.user, user)
        } else if let role = member("RoleName") {
            resource = arn(.role, role)
        } else if let group = member("GroupName") {
            resource = arn(.group, group)
        } else if let policyArn = member("PolicyArn") {
            resource = policyArn
        } else if let policy = member("PolicyName") {
            resource = arn(.policy, policy)
        } else if let provider = member("OpenIDConnectProviderArn") {
            resource = provider
        } else if let provider = member("SAMLProviderArn") {
            resource = provider
        } else if operation.name == "CreateSAMLProvider", let name = member("Name") {
            resource = SAMLProviderRules.arn(partition: partition, account: account, name: name)
        } else if let url = member("Url"), let identifier = try? OpenIDConnectProviderRules.identifier(url: url) {
            resource = OpenIDConnectProviderRules.arn(partition: partition, account: account, identifier: identifier)
        } else if let name = member("AWSServiceName") {
            // The role the service would own; iam:AWSServiceName for policies that allow it per service.
            context["iam:AWSServiceName"] = .single(name)
            resource =
                ServiceLinkedRoleRules.services[name].map {
                    IAMARN.entity(.role, partition: partition, account: account, path: ServiceLinkedRoleRules.path($0), name: $0.roleName).description
                } ?? "*"
        } else if let device = member("VirtualMFADeviceName") {
            resource = arn(.mfa, device)
        } else if let serial = member("SerialNumber"), VirtualMFADeviceRules.account(ofSerialNumber: serial) != nil {
            resource = serial
        } else if operation.name.contains("AccessKey") || operation.name == "ListMFADevices" {
            resource = principal.arn
        } else if let collection = collection(operation.name) {
            resource = IAMARN.collection(collection, partition: partition, account: account, pathPrefix: member("PathPrefix") ?? "/").description
        } else {
            resource = "*"
        }
        return AuthorizationTarget(resource: resource, resourceAccount: account.value, context: context)
    }

    private static func collection(_ name: String) -> IAMARN.Kind? {
        switch name {
        case "ListUsers": .user
        case "ListRoles": .role
        case "ListGroups": .group
        case "ListPolicies": .policy
        default: nil
        }
    }
}
