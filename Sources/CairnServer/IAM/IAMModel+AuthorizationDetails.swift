import CairnCore
import CairnStore
import Foundation

/// GetAccountAuthorizationDetails' shapes, member names as botocore's iam model spells them; policy documents
/// URL-encoded, as IAM answers them.
extension IAMModel {
    struct AuthorizationDetailsInput: OperationInput, Codable {
        var Filter: [String]?
        var MaxItems: Int?
        var Marker: String?
    }

    struct PolicyDetail: Encodable, Sendable {
        var PolicyName: String
        var PolicyDocument: String

        init(_ inline: (name: String, document: String)) {
            PolicyName = inline.name
            PolicyDocument = IAMPolicyDocumentRules.urlEncoded(inline.document)
        }
    }

    struct UserDetail: Encodable, Sendable {
        var Path, UserName, UserId, Arn: String
        var CreateDate: Date
        var UserPolicyList: [PolicyDetail]
        var GroupList: [String]
        var AttachedManagedPolicies: [AttachedPolicy]
        var PermissionsBoundary: PermissionsBoundary?
        var Tags: [Tag]?
    }

    struct GroupDetail: Encodable, Sendable {
        var Path, GroupName, GroupId, Arn: String
        var CreateDate: Date
        var GroupPolicyList: [PolicyDetail]
        var AttachedManagedPolicies: [AttachedPolicy]
    }

    struct RoleDetail: Encodable, Sendable {
        var Path, RoleName, RoleId, Arn: String
        var CreateDate: Date
        var AssumeRolePolicyDocument: String
        var InstanceProfileList: [String] = []
        var RolePolicyList: [PolicyDetail]
        var AttachedManagedPolicies: [AttachedPolicy]
        var PermissionsBoundary: PermissionsBoundary?
        var Tags: [Tag]?
        var RoleLastUsed = IAMModel.RoleLastUsed()
    }

    struct ManagedPolicyDetail: Encodable, Sendable {
        var PolicyName, PolicyId, Arn, Path, DefaultVersionId: String
        var AttachmentCount, PermissionsBoundaryUsageCount: Int
        var IsAttachable = true
        var Description: String?
        var CreateDate, UpdateDate: Date
        var PolicyVersionList: [PolicyVersion]
    }

    struct AuthorizationDetailsOutput: OperationOutput, Encodable {
        var UserDetailList: [UserDetail]
        var GroupDetailList: [GroupDetail]
        var RoleDetailList: [RoleDetail]
        var Policies: [ManagedPolicyDetail]
        var IsTruncated: Bool
        var Marker: String?
    }
}
