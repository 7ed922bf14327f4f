import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// AWS Organizations' operation inputs and outputs, member names exactly as botocore's model spells them.
/// Every member is optional here: each operation checks what its model requires, so a refusal is AWS's
/// (InvalidInputException with INPUT_REQUIRED, naming the member), not a decoding error.
enum OrganizationsModel {
    /// Organizations' paging members.
    protocol Paged {
        var MaxResults: Int? { get }
        var NextToken: String? { get }
    }

    /// Inputs that may carry tags for the resource they create.
    protocol Tagged {
        var Tags: [Tag]? { get }
    }

    // MARK: The organization and its root

    struct CreateOrganizationInput: OperationInput, Codable { var FeatureSet: String? }
    struct ListRootsInput: OperationInput, Codable, Paged {
        var MaxResults: Int?
        var NextToken: String?
    }
    struct PolicyTypeInput: OperationInput, Codable {
        var RootId: String?
        var PolicyType: String?
    }

    // MARK: OUs and accounts

    struct CreateOrganizationalUnitInput: OperationInput, Codable, Tagged {
        var ParentId: String?
        var Name: String?
        var Tags: [Tag]?
    }
    struct OrganizationalUnitIdInput: OperationInput, Codable { var OrganizationalUnitId: String? }
    struct UpdateOrganizationalUnitInput: OperationInput, Codable {
        var OrganizationalUnitId: String?
        var Name: String?
    }
    struct ParentIdInput: OperationInput, Codable, Paged {
        var ParentId: String?
        var MaxResults: Int?
        var NextToken: String?
    }
    struct ListParentsInput: OperationInput, Codable, Paged {
        var ChildId: String?
        var MaxResults: Int?
        var NextToken: String?
    }
    struct ListChildrenInput: OperationInput, Codable, Paged {
        var ParentId: String?
        var ChildType: String?
        var MaxResults: Int?
        var NextToken: String?
    }
    struct ListAccountsInput: OperationInput, Codable, Paged {
        var MaxResults: Int?
        var NextToken: String?
    }
    struct AccountIdInput: OperationInput, Codable { var AccountId: String? }
    struct MoveAccountInput: OperationInput, Codable {
        var AccountId: String?
        var SourceParentId: String?
        var DestinationParentId: String?
    }

    // MARK: Joining and leaving

    struct CreateAccountInput: OperationInput, Codable, Tagged {
        var Email: String?
        var AccountName: String?
        var RoleName: String?
        var IamUserAccessToBilling: String?
        var Tags: [Tag]?
    }
    struct CreateAccountRequestIdInput: OperationInput, Codable { var CreateAccountRequestId: String? }
    struct ListCreateAccountStatusInput: OperationInput, Codable, Paged {
        var States: [String]?
        var MaxResults: Int?
        var NextToken: String?
    }
    struct Party: Codable, Sendable {
        var Id: String?
        var `Type`: String?
    }
    struct InviteAccountInput: OperationInput, Codable, Tagged {
        var Target: Party?
        var Notes: String?
        var Tags: [Tag]?
    }
    struct HandshakeIdInput: OperationInput, Codable { var HandshakeId: String? }
    /// `Filter` is an object here ({ActionType} or {ParentHandshakeId}), checked by the operation.
    struct ListHandshakesInput: OperationInput, Codable, Paged {
        var Filter: JSONValue?
        var MaxResults: Int?
        var NextToken: String?
    }

    // MARK: Policies

    struct CreatePolicyInput: OperationInput, Codable, Tagged {
        var Content: String?
        var Description: String?
        var Name: String?
        var `Type`: String?
        var Tags: [Tag]?
    }
    struct UpdatePolicyInput: OperationInput, Codable {
        var PolicyId: String?
        var Name: String?
        var Description: String?
        var Content: String?
    }
    struct PolicyIdInput: OperationInput, Codable { var PolicyId: String? }
    struct PolicyTargetInput: OperationInput, Codable {
        var PolicyId: String?
        var TargetId: String?
    }
    /// `Filter` is a policy type here; kept as sent so that a value of another JSON type is named as invalid.
    // MARK: Effective policies

    struct DescribeEffectivePolicyInput: OperationInput, Codable {
        var PolicyType: String?
        var TargetId: String?
    }
    struct EffectivePolicy: Encodable, Sendable {
        let PolicyContent: String
        let LastUpdatedTimestamp: Date
        let TargetId: String
        let PolicyType: String
    }
    struct EffectivePolicyOutput: OperationOutput, Encodable { let EffectivePolicy: EffectivePolicy }
    struct ListAccountsWithInvalidEffectivePolicyInput: OperationInput, Codable, Paged {
        var PolicyType: String?
        var MaxResults: Int?
        var NextToken: String?
    }
    struct InvalidEffectivePolicyAccountsOutput: OperationOutput, Encodable {
        let Accounts: [Account]
        let PolicyType: String
        let NextToken: String?
    }
    struct ListEffectivePolicyValidationErrorsInput: OperationInput, Codable, Paged {
        var AccountId: String?
        var PolicyType: String?
        var MaxResults: Int?
        var NextToken: String?
    }
    struct EffectivePolicyValidationError: Encodable, Sendable {
        let ErrorCode, ErrorMessage, PathToError: String
        let ContributingPolicies: [String]
    }
    struct EffectivePolicyValidationErrorsOutput: OperationOutput, Encodable {
        let AccountId, PolicyType, Path: String
        let EvaluationTimestamp: Date
        let NextToken: String?
        let EffectivePolicyValidationErrors: [EffectivePolicyValidationError]
    }

    struct ListPoliciesInput: OperationInput, Codable, Paged {
        var Filter: JSONValue?
        var MaxResults: Int?
        var NextToken: String?
    }
    struct ListPoliciesForTargetInput: OperationInput, Codable, Paged {
        var TargetId: String?
        var Filter: JSONValue?
        var MaxResults: Int?
        var NextToken: String?
    }
    struct ListTargetsForPolicyInput: OperationInput, Codable, Paged {
        var PolicyId: String?
        var MaxResults: Int?
        var NextToken: String?
    }

    // MARK: Trusted access and delegated administrators

    struct ServicePrincipalInput: OperationInput, Codable { var ServicePrincipal: String? }
    struct ListServiceAccessInput: OperationInput, Codable, Paged {
        var MaxResults: Int?
        var NextToken: String?
    }
    struct DelegatedAdministratorInput: OperationInput, Codable {
        var AccountId: String?
        var ServicePrincipal: String?
    }
    struct ListDelegatedAdministratorsInput: OperationInput, Codable, Paged {
        var ServicePrincipal: String?
        var MaxResults: Int?
        var NextToken: String?
    }
    struct ListDelegatedServicesInput: OperationInput, Codable, Paged {
        var AccountId: String?
        var MaxResults: Int?
        var NextToken: String?
    }

    // MARK: Tags

    struct TagResourceInput: OperationInput, Codable, Tagged {
        var ResourceId: String?
        var Tags: [Tag]?
    }
    struct UntagResourceInput: OperationInput, Codable {
        var ResourceId: String?
        var TagKeys: [String]?
    }
    struct ListTagsForResourceInput: OperationInput, Codable, Paged {
        var ResourceId: String?
        var MaxResults: Int?
        var NextToken: String?
    }

    // MARK: Outputs

    /// The organization; `record` is what Cairn's REST rendering adds (the root's id, whether SCPs are on).
    struct OrganizationOutput: OperationOutput, Encodable {
        let Organization: Organization
        let record: OrganizationRecord
        private enum CodingKeys: String, CodingKey { case Organization }
    }
    struct RootsOutput: OperationOutput, Encodable {
        let Roots: [Root]
        let NextToken: String?
    }
    struct RootOutput: OperationOutput, Encodable { let Root: Root }
    struct OUOutput: OperationOutput, Encodable { let OrganizationalUnit: OrganizationalUnit }
    struct OUsOutput: OperationOutput, Encodable {
        let OrganizationalUnits: [OrganizationalUnit]
        let NextToken: String?
    }
    struct ParentsOutput: OperationOutput, Encodable {
        let Parents: [Parent]
        let NextToken: String?
    }
    struct ChildrenOutput: OperationOutput, Encodable {
        let Children: [Child]
        let NextToken: String?
    }
    struct AccountsOutput: OperationOutput, Encodable {
        let Accounts: [Account]
        let NextToken: String?
    }
    struct AccountOutput: OperationOutput, Encodable { let Account: Account }
    struct CreateAccountStatusOutput: OperationOutput, Encodable { let CreateAccountStatus: CreateAccountStatus }
    struct CreateAccountStatusesOutput: OperationOutput, Encodable {
        let CreateAccountStatuses: [CreateAccountStatus]
        let NextToken: String?
    }
    struct HandshakeOutput: OperationOutput, Encodable { let Handshake: Handshake }
    struct HandshakesOutput: OperationOutput, Encodable {
        let Handshakes: [Handshake]
        let NextToken: String?
    }
    struct PolicyOutput: OperationOutput, Encodable { let Policy: Policy }
    struct PoliciesOutput: OperationOutput, Encodable {
        let Policies: [PolicySummary]
        let NextToken: String?
    }
    struct TargetsOutput: OperationOutput, Encodable {
        let Targets: [PolicyTargetSummary]
        let NextToken: String?
    }
    struct ServiceAccessOutput: OperationOutput, Encodable {
        let EnabledServicePrincipals: [EnabledServicePrincipal]
        let NextToken: String?
    }
    struct DelegatedAdministratorsOutput: OperationOutput, Encodable {
        let DelegatedAdministrators: [DelegatedAdministrator]
        let NextToken: String?
    }
    struct DelegatedServicesOutput: OperationOutput, Encodable {
        let DelegatedServices: [DelegatedService]
        let NextToken: String?
    }
    struct TagsOutput: OperationOutput, Encodable {
        let Tags: [Tag]
        let NextToken: String?
    }

    /// Every member account with where it sits: REST's account listing, paged by REST's own rules.
    struct MembersOutput: OperationOutput, Encodable {
        let organization: OrganizationRecord
        let members: [MemberAccountRecord]
        let nextToken: String?
        func encode(to encoder: any Encoder) throws {}
    }
}

/// The delegation policy's shapes, member names as botocore's model spells them.
extension OrganizationsModel {
    struct PutResourcePolicyInput: OperationInput, Codable, Tagged {
        var Content: String?
        var Tags: [Tag]?
    }

    struct ResourcePolicySummary: Encodable, Sendable {
        var Id: String
        var Arn: String
    }

    struct ResourcePolicy: Encodable, Sendable {
        var ResourcePolicySummary: ResourcePolicySummary
        var Content: String
    }

    struct ResourcePolicyOutput: OperationOutput, Encodable {
        var ResourcePolicy: ResourcePolicy

        init(_ stored: OrganizationResourcePolicyRecord, arns: OrganizationARN) {
            ResourcePolicy = .init(
                ResourcePolicySummary: .init(Id: stored.policyId, Arn: arns.resourcePolicy(stored.policyId)), Content: stored.content)
        }
    }
}
