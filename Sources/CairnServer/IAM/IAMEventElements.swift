import CairnCore
import CairnStore

/// What CloudTrail records as an IAM call's responseElements: the created entity in lowerCamelCase. Never a
/// secret: CreateAccessKey's record omits the secret access key, as AWS's does.
enum IAMEventElements {
    static func user(_ u: IAMUserRecord) -> JSONValue {
        .object([
            "path": .string(u.path), "userName": .string(u.name), "userId": .string(u.userId), "arn": .string(u.arn),
            "createDate": .string(EventRecord.timestamp(u.createdAt)),
        ])
    }

    static func group(_ g: IAMGroupRecord) -> JSONValue {
        .object([
            "path": .string(g.path), "groupName": .string(g.name), "groupId": .string(g.groupId), "arn": .string(g.arn),
            "createDate": .string(EventRecord.timestamp(g.createdAt)),
        ])
    }

    static func role(_ r: RoleRecord) -> JSONValue {
        var o: [String: JSONValue] = [
            "path": .string(r.path), "roleName": .string(r.name), "roleId": .string(r.roleId), "arn": .string(r.arn),
            "createDate": .string(EventRecord.timestamp(r.createdAt)),
            "assumeRolePolicyDocument": .string(IAMPolicyDocumentRules.urlEncoded(r.trustPolicy)),
            "maxSessionDuration": .number(Double(r.maxSessionDuration)),
        ]
        if let d = r.description { o["description"] = .string(d) }
        return .object(o)
    }

    static func policy(_ p: ManagedPolicyRecord) -> JSONValue {
        .object([
            "policyName": .string(p.name), "policyId": .string(p.policyId), "arn": .string(p.arn), "path": .string(p.path),
            "defaultVersionId": .string(p.defaultVersionId), "attachmentCount": .number(Double(p.attachmentCount)),
            "permissionsBoundaryUsageCount": .number(Double(p.permissionsBoundaryUsageCount)), "isAttachable": .bool(true),
            "createDate": .string(EventRecord.timestamp(p.createdAt)), "updateDate": .string(EventRecord.timestamp(p.updatedAt)),
        ])
    }

    static func policyVersion(_ v: PolicyVersionRecord) -> JSONValue {
        .object([
            "versionId": .string(v.versionId), "isDefaultVersion": .bool(v.isDefault),
            "createDate": .string(EventRecord.timestamp(v.createdAt)),
        ])
    }

    static func accessKey(_ k: AccessKeyMetadataRecord) -> JSONValue {
        var o: [String: JSONValue] = [
            "accessKeyId": .string(k.accessKeyId), "status": .string(k.status), "createDate": .string(EventRecord.timestamp(k.createdAt)),
        ]
        if let u = k.userName { o["userName"] = .string(u) }
        return .object(o)
    }
}
