import CairnCore
import CairnPolicy
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

    struct CredentialReportStateOutput: OperationOutput, Encodable {
        var State: String
        var Description: String?
    }

    struct CredentialReportOutput: OperationOutput, Encodable {
        var Content: Data
        var ReportFormat: String
        var GeneratedTime: Date

        /// The report itself is not recorded: it lists every credential of the account.
        func responseElements(for entry: CatalogueOperation) -> JSONValue? { nil }
    }

    struct AccessKeyLastUse: Encodable, Sendable {
        var LastUsedDate: Date?
        var ServiceName: String
        var Region: String
    }

    struct AccessKeyLastUsedOutput: OperationOutput, Encodable {
        var UserName: String?
        var AccessKeyLastUsed: AccessKeyLastUse
    }
}
