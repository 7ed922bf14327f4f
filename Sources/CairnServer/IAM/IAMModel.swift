import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// IAM's request and response shapes, member names as botocore's iam model spells them. Inputs keep every
/// member optional and as sent, so each operation checks them with IAM's own words (IAMInputChecks).
/// Outputs are the model's responses: documents URL-encoded, as IAM returns them.
enum IAMModel {
    struct Tag: Codable, Sendable {
        var Key: String?
        var Value: String?
    }

    // MARK: Inputs

    /// The members that name an entity: every IAM input names at most one user, group or role.
    struct EntityInput: OperationInput, Codable {
        var UserName: String?
        var GroupName: String?
        var RoleName: String?
    }

    struct ListInput: OperationInput, Codable {
        var PathPrefix: String?
        var Marker: String?
        var MaxItems: Int?
    }

    struct CreateUserInput: OperationInput, Codable {
        var UserName: String?
        var Path: String?
        var PermissionsBoundary: String?
        var Tags: [Tag]?
    }

    struct UpdateUserInput: OperationInput, Codable {
        var UserName: String?
        var NewUserName: String?
        var NewPath: String?
    }

    struct PolicyTagsInput: OperationInput, Codable {
        var PolicyArn: String?
        var Tags: [Tag]?
        var TagKeys: [String]?
        var Marker: String?
        var MaxItems: Int?
    }

    struct UpdateGroupInput: OperationInput, Codable {
        var GroupName: String?
        var NewGroupName: String?
        var NewPath: String?
    }

    struct CreateGroupInput: OperationInput, Codable {
        var GroupName: String?
        var Path: String?
    }

    /// GetGroup, ListGroupsForUser and the inline-policy lists: an entity and a page.
    struct EntityPageInput: OperationInput, Codable {
        var UserName: String?
        var GroupName: String?
        var RoleName: String?
        var Marker: String?
        var MaxItems: Int?
    }

    struct GroupMemberInput: OperationInput, Codable {
        var GroupName: String?
        var UserName: String?
    }

    struct CreateRoleInput: OperationInput, Codable {
        var RoleName: String?
        var Path: String?
        var AssumeRolePolicyDocument: String?
        var Description: String?
        var MaxSessionDuration: Int?
        var PermissionsBoundary: String?
        var Tags: [Tag]?
    }

    struct UpdateRoleInput: OperationInput, Codable {
        var RoleName: String?
        var Description: String?
        var MaxSessionDuration: Int?
    }

    struct UpdateAssumeRolePolicyInput: OperationInput, Codable {
        var RoleName: String?
        var PolicyDocument: String?
    }

    /// Put/Get/Delete{User,Role,Group}Policy.
    struct InlinePolicyInput: OperationInput, Codable {
        var UserName: String?
        var GroupName: String?
        var RoleName: String?
        var PolicyName: String?
        var PolicyDocument: String?
    }

    struct CreatePolicyInput: OperationInput, Codable {
        var PolicyName: String?
        var Path: String?
        var Description: String?
        var PolicyDocument: String?
        var Tags: [Tag]?
    }

    struct PolicyArnInput: OperationInput, Codable {
        var PolicyArn: String?
    }

    struct ListPoliciesInput: OperationInput, Codable {
        var Scope: String?
        var OnlyAttached: Bool?
        var PathPrefix: String?
        var PolicyUsageFilter: String?
        var Marker: String?
        var MaxItems: Int?
    }

    struct CreatePolicyVersionInput: OperationInput, Codable {
        var PolicyArn: String?
        var PolicyDocument: String?
        var SetAsDefault: Bool?
    }

    struct PolicyVersionInput: OperationInput, Codable {
        var PolicyArn: String?
        var VersionId: String?
    }

    struct PolicyArnPageInput: OperationInput, Codable {
        var PolicyArn: String?
        var Marker: String?
        var MaxItems: Int?
    }

    /// Attach/Detach{User,Role,Group}Policy.
    struct AttachmentInput: OperationInput, Codable {
        var UserName: String?
        var GroupName: String?
        var RoleName: String?
        var PolicyArn: String?
    }

    struct ListAttachedPoliciesInput: OperationInput, Codable {
        var UserName: String?
        var GroupName: String?
        var RoleName: String?
        var PathPrefix: String?
        var Marker: String?
        var MaxItems: Int?
    }

    struct PermissionsBoundaryInput: OperationInput, Codable {
        var UserName: String?
        var RoleName: String?
        var PermissionsBoundary: String?
    }

    struct TagEntityInput: OperationInput, Codable {
        var UserName: String?
        var RoleName: String?
        var Tags: [Tag]?
    }

    struct UntagEntityInput: OperationInput, Codable {
        var UserName: String?
        var RoleName: String?
        var TagKeys: [String]?
    }

    struct AccessKeyInput: OperationInput, Codable {
        var UserName: String?
        var AccessKeyId: String?
        var Status: String?
    }

    struct AccessKeysInput: OperationInput, Codable {
        var UserName: String?
        var Marker: String?
        var MaxItems: Int?
    }

    // MARK: Shapes

    struct PermissionsBoundary: Encodable, Sendable {
        var PermissionsBoundaryType = "PermissionsBoundaryPolicy"
        var PermissionsBoundaryArn: String
    }

    struct User: Encodable, Sendable {
        var Path, UserName, UserId, Arn: String
        var CreateDate: Date
        var PermissionsBoundary: PermissionsBoundary?
        var Tags: [Tag]?

        init(_ u: IAMUserRecord, withTags: Bool) {
            Path = u.path
            UserName = u.name
            UserId = u.userId
            Arn = u.arn
            CreateDate = u.createdAt
            PermissionsBoundary = u.permissionsBoundaryArn.map { .init(PermissionsBoundaryArn: $0) }
            if withTags && !u.tags.isEmpty { Tags = u.tags.map(IAMModel.tag) }
        }
    }

    struct Group: Encodable, Sendable {
        var Path, GroupName, GroupId, Arn: String
        var CreateDate: Date

        init(_ g: IAMGroupRecord) {
            Path = g.path
            GroupName = g.name
            GroupId = g.groupId
            Arn = g.arn
            CreateDate = g.createdAt
        }
    }

    struct RoleLastUsed: Encodable, Sendable {}

    struct Role: Encodable, Sendable {
        var Path, RoleName, RoleId, Arn: String
        var CreateDate: Date
        var AssumeRolePolicyDocument: String
        var Description: String?
        var MaxSessionDuration: Int
        var PermissionsBoundary: PermissionsBoundary?
        var Tags: [Tag]?
        var RoleLastUsed: RoleLastUsed?

        /// `tags`: the role's tags, for GetRole and CreateRole; nil for ListRoles, which omits them.
        init(_ r: RoleRecord, tags: [IAMTag]?) {
            Path = r.path
            RoleName = r.name
            RoleId = r.roleId
            Arn = r.arn
            CreateDate = r.createdAt
            AssumeRolePolicyDocument = IAMPolicyDocumentRules.urlEncoded(r.trustPolicy)
            Description = r.description
            MaxSessionDuration = r.maxSessionDuration
            PermissionsBoundary = r.permissionsBoundaryArn.map { .init(PermissionsBoundaryArn: $0) }
            if let tags {
                if !tags.isEmpty { Tags = tags.map(IAMModel.tag) }
                RoleLastUsed = .init()
            }
        }
    }

    struct Policy: Encodable, Sendable {
        var PolicyName, PolicyId, Arn, Path, DefaultVersionId: String
        var AttachmentCount, PermissionsBoundaryUsageCount: Int
        var IsAttachable = true
        var Description: String?
        var CreateDate, UpdateDate: Date
        var Tags: [Tag]?

        /// `full`: GetPolicy's and CreatePolicy's members (description, tags); ListPolicies omits them.
        init(_ p: ManagedPolicyRecord, full: Bool) {
            PolicyName = p.name
            PolicyId = p.policyId
            Arn = p.arn
            Path = p.path
            DefaultVersionId = p.defaultVersionId
            AttachmentCount = p.attachmentCount
            PermissionsBoundaryUsageCount = p.permissionsBoundaryUsageCount
            CreateDate = p.createdAt
            UpdateDate = p.updatedAt
            if full {
                Description = p.description
                if !p.tags.isEmpty { Tags = p.tags.map(IAMModel.tag) }
            }
        }
    }

    struct PolicyVersion: Encodable, Sendable {
        var Document: String?
        var VersionId: String
        var IsDefaultVersion: Bool
        var CreateDate: Date

        init(_ v: PolicyVersionRecord, withDocument: Bool) {
            if withDocument { Document = IAMPolicyDocumentRules.urlEncoded(v.document) }
            VersionId = v.versionId
            IsDefaultVersion = v.isDefault
            CreateDate = v.createdAt
        }
    }

    struct AccessKeyMetadata: Encodable, Sendable {
        var UserName: String?
        var AccessKeyId, Status: String
        var CreateDate: Date

        init(_ k: AccessKeyMetadataRecord) {
            UserName = k.userName
            AccessKeyId = k.accessKeyId
            Status = k.status
            CreateDate = k.createdAt
        }
    }

    struct AccessKey: Encodable, Sendable {
        var UserName: String?
        var AccessKeyId, Status, SecretAccessKey: String
        var CreateDate: Date
    }

    struct AttachedPolicy: Encodable, Sendable {
        var PolicyName, PolicyArn: String
    }

    static func tag(_ t: IAMTag) -> Tag { Tag(Key: t.key, Value: t.value) }

    // MARK: Outputs

    struct UserOutput: OperationOutput, Encodable { var User: User }
    struct UsersOutput: OperationOutput, Encodable {
        var Users: [User]
        var IsTruncated: Bool
        var Marker: String?
    }
    struct GroupOutput: OperationOutput, Encodable { var Group: Group }
    struct GroupsOutput: OperationOutput, Encodable {
        var Groups: [Group]
        var IsTruncated: Bool
        var Marker: String?
    }
    struct GroupWithUsersOutput: OperationOutput, Encodable {
        var Group: Group
        var Users: [User]
        var IsTruncated: Bool
        var Marker: String?
    }
    struct RoleOutput: OperationOutput, Encodable { var Role: Role }
    struct RolesOutput: OperationOutput, Encodable {
        var Roles: [Role]
        var IsTruncated: Bool
        var Marker: String?
    }
    struct PolicyOutput: OperationOutput, Encodable { var Policy: Policy }
    struct PoliciesOutput: OperationOutput, Encodable {
        var Policies: [Policy]
        var IsTruncated: Bool
        var Marker: String?
    }
    struct PolicyVersionOutput: OperationOutput, Encodable { var PolicyVersion: PolicyVersion }
    struct PolicyVersionsOutput: OperationOutput, Encodable {
        var Versions: [PolicyVersion]
        var IsTruncated: Bool
        var Marker: String?
    }
    struct PolicyNamesOutput: OperationOutput, Encodable {
        var PolicyNames: [String]
        var IsTruncated: Bool
        var Marker: String?
    }
    struct AttachedPoliciesOutput: OperationOutput, Encodable {
        var AttachedPolicies: [AttachedPolicy]
        var IsTruncated: Bool
        var Marker: String?
    }
    struct TagsOutput: OperationOutput, Encodable {
        var Tags: [Tag]
        var IsTruncated: Bool
        var Marker: String?
    }
    struct AccessKeysOutput: OperationOutput, Encodable {
        var AccessKeyMetadata: [AccessKeyMetadata]
        var IsTruncated: Bool
        var Marker: String?
    }

    /// Get{User,Role,Group}Policy: the entity's name under its kind's member, the policy, its document.
    struct InlinePolicyOutput: OperationOutput, Encodable {
        var UserName: String?
        var GroupName: String?
        var RoleName: String?
        var PolicyName: String
        var PolicyDocument: String
    }

    /// The record names the new key, never its secret.
    struct AccessKeyOutput: OperationOutput, Encodable {
        var AccessKey: AccessKey

        func responseElements(for entry: CatalogueOperation) -> JSONValue? {
            var key: JSONObject = [:]
            if let user = AccessKey.UserName { key["userName"] = .string(user) }
            key["accessKeyId"] = .string(AccessKey.AccessKeyId)
            key["status"] = .string(AccessKey.Status)
            key["createDate"] = .string(EventElements.date(AccessKey.CreateDate, service: .iam))
            return .object(["accessKey": .object(key)])
        }
    }
}
