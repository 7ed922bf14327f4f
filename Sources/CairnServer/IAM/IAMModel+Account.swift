import CairnCore
import Foundation

/// ListEntitiesForPolicy, GetAccountSummary and UpdateRoleDescription, member names as botocore's iam model spells them.
extension IAMModel {
    struct ListEntitiesForPolicyInput: OperationInput, Codable {
        var PolicyArn: String?
        var EntityFilter: String?
        var PathPrefix: String?
        var PolicyUsageFilter: String?
        var Marker: String?
        var MaxItems: Int?
    }

    struct PolicyGroup: Encodable, Sendable { var GroupName, GroupId: String }
    struct PolicyUser: Encodable, Sendable { var UserName, UserId: String }
    struct PolicyRole: Encodable, Sendable { var RoleName, RoleId: String }

    struct EntitiesForPolicyOutput: OperationOutput, Encodable {
        var PolicyGroups: [PolicyGroup]
        var PolicyUsers: [PolicyUser]
        var PolicyRoles: [PolicyRole]
        var IsTruncated: Bool
        var Marker: String?
    }

    struct AccountSummaryOutput: OperationOutput, Encodable {
        var SummaryMap: [String: Int]
    }

    struct UpdateRoleDescriptionInput: OperationInput, Codable {
        var RoleName: String?
        var Description: String?
    }

    struct AccountAliasInput: OperationInput, Codable { var AccountAlias: String? }

    struct ListAccountAliasesInput: OperationInput, Codable {
        var Marker: String?
        var MaxItems: Int?
    }

    struct AccountAliasesOutput: OperationOutput, Encodable {
        var AccountAliases: [String]
        var IsTruncated: Bool
    }
}
