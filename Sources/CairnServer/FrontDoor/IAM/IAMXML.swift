import CairnCore
import CairnStore
import Foundation

/// IAM's response shapes (botocore's iam model) as Query-protocol XML: timestamps in ISO 8601, lists as
/// `<member>` elements, policy documents URL-encoded as IAM returns them.
enum IAMXML {
    typealias Node = XMLWriter.Node

    static func date(_ name: String, _ d: Date) -> Node { .text(name, EventRecord.timestamp(d)) }

    static func user(_ u: IAMUserRecord, withTags: Bool) -> [Node] {
        var nodes: [Node] = [
            .text("Path", u.path), .text("UserName", u.name), .text("UserId", u.userId), .text("Arn", u.arn),
            date("CreateDate", u.createdAt),
        ]
        if let b = u.permissionsBoundaryArn { nodes.append(boundary(b)) }
        if withTags && !u.tags.isEmpty { nodes.append(tags("Tags", u.tags)) }
        return nodes
    }

    static func group(_ g: IAMGroupRecord) -> [Node] {
        [.text("Path", g.path), .text("GroupName", g.name), .text("GroupId", g.groupId), .text("Arn", g.arn), date("CreateDate", g.createdAt)]
    }

    static func role(_ r: RoleRecord, tags roleTags: [IAMTag]?) -> [Node] {
        var nodes: [Node] = [
            .text("Path", r.path), .text("RoleName", r.name), .text("RoleId", r.roleId), .text("Arn", r.arn),
            date("CreateDate", r.createdAt),
            .text("AssumeRolePolicyDocument", IAMPolicyDocumentRules.urlEncoded(r.trustPolicy)),
        ]
        if let d = r.description { nodes.append(.text("Description", d)) }
        nodes.append(.text("MaxSessionDuration", String(r.maxSessionDuration)))
        if let b = r.permissionsBoundaryArn { nodes.append(boundary(b)) }
        if let roleTags, !roleTags.isEmpty { nodes.append(tags("Tags", roleTags)) }
        if roleTags != nil { nodes.append(.element("RoleLastUsed", [])) }
        return nodes
    }

    static func policy(_ p: ManagedPolicyRecord, withTags: Bool) -> [Node] {
        var nodes: [Node] = [
            .text("PolicyName", p.name), .text("PolicyId", p.policyId), .text("Arn", p.arn), .text("Path", p.path),
            .text("DefaultVersionId", p.defaultVersionId), .text("AttachmentCount", String(p.attachmentCount)),
            .text("PermissionsBoundaryUsageCount", String(p.permissionsBoundaryUsageCount)), .text("IsAttachable", "true"),
        ]
        if let d = p.description, withTags { nodes.append(.text("Description", d)) }
        nodes += [date("CreateDate", p.createdAt), date("UpdateDate", p.updatedAt)]
        if withTags && !p.tags.isEmpty { nodes.append(tags("Tags", p.tags)) }
        return nodes
    }

    static func policyVersion(_ v: PolicyVersionRecord, withDocument: Bool) -> [Node] {
        var nodes: [Node] = []
        if withDocument { nodes.append(.text("Document", IAMPolicyDocumentRules.urlEncoded(v.document))) }
        nodes += [.text("VersionId", v.versionId), .text("IsDefaultVersion", v.isDefault ? "true" : "false"), date("CreateDate", v.createdAt)]
        return nodes
    }

    static func accessKey(_ k: AccessKeyMetadataRecord) -> [Node] {
        var nodes: [Node] = []
        if let u = k.userName { nodes.append(.text("UserName", u)) }
        nodes += [.text("AccessKeyId", k.accessKeyId), .text("Status", k.status), date("CreateDate", k.createdAt)]
        return nodes
    }

    static func boundary(_ arn: String) -> Node {
        .element("PermissionsBoundary", [
            .text("PermissionsBoundaryType", "PermissionsBoundaryPolicy"), .text("PermissionsBoundaryArn", arn),
        ])
    }

    static func tags(_ name: String, _ tags: [IAMTag]) -> Node {
        .list(name, member: "member", tags.map { [.text("Key", $0.key), .text("Value", $0.value)] })
    }

    /// A list element and IAM's paging members.
    static func page<T>(_ name: String, _ page: IAMPageOf<T>, _ item: (T) -> [Node]) -> [Node] {
        var nodes: [Node] = [.list(name, member: "member", page.items.map(item)), .text("IsTruncated", page.isTruncated ? "true" : "false")]
        if let m = page.nextMarker { nodes.append(.text("Marker", m)) }
        return nodes
    }

    /// A list of plain strings (`<PolicyNames><member>name</member>…`).
    static func names(_ name: String, _ page: IAMPageOf<String>) -> [Node] {
        var nodes: [Node] = [.element(name, page.items.map { .text("member", $0) }), .text("IsTruncated", page.isTruncated ? "true" : "false")]
        if let m = page.nextMarker { nodes.append(.text("Marker", m)) }
        return nodes
    }
}
