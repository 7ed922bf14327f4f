/// Tenancy's entries: the operator's account and region administration (REST and CLI only, `cairn:`
/// actions only operator principals can be allowed), AWS Organizations over JSON 1.1, and CloudTrail's
/// delegated-administrator registration.
extension OperationCatalogue {
    // MARK: Operator (cairn:)

    package static let createTenantAccount = CatalogueOperation(
        .cairn, "CreateAccount", readOnly: false, operatorOnly: true, rest: ["createAccount"])
    package static let listTenantAccounts = CatalogueOperation(
        .cairn, "ListAccounts", readOnly: true, operatorOnly: true, rest: ["listAccounts"])
    package static let describeTenantAccount = CatalogueOperation(
        .cairn, "DescribeAccount", readOnly: true, operatorOnly: true, rest: ["describeAccount"])
    package static let updateTenantAccount = CatalogueOperation(
        .cairn, "UpdateAccount", readOnly: false, operatorOnly: true, rest: ["updateAccount"])
    package static let addRegion = CatalogueOperation(.cairn, "AddRegion", readOnly: false, operatorOnly: true, rest: ["addRegion"])

    // MARK: AWS Organizations

    private static func org(_ name: String, readOnly: Bool, rest: [String] = []) -> CatalogueOperation {
        CatalogueOperation(.organizations, name, readOnly: readOnly, resource: .organization, rest: rest)
    }

    package static let createOrganization = org("CreateOrganization", readOnly: false)
    package static let describeOrganization = org("DescribeOrganization", readOnly: true, rest: ["describeOrganization"])
    package static let deleteOrganization = org("DeleteOrganization", readOnly: false)
    package static let listRoots = org("ListRoots", readOnly: true)
    package static let createOrganizationalUnit = org("CreateOrganizationalUnit", readOnly: false)
    package static let describeOrganizationalUnit = org("DescribeOrganizationalUnit", readOnly: true)
    package static let updateOrganizationalUnit = org("UpdateOrganizationalUnit", readOnly: false)
    package static let deleteOrganizationalUnit = org("DeleteOrganizationalUnit", readOnly: false)
    package static let listOrganizationalUnitsForParent = org("ListOrganizationalUnitsForParent", readOnly: true)
    package static let listParents = org("ListParents", readOnly: true)
    package static let listChildren = org("ListChildren", readOnly: true)
    package static let listAccounts = org("ListAccounts", readOnly: true, rest: ["listOrganizationAccounts"])
    package static let listAccountsForParent = org("ListAccountsForParent", readOnly: true)
    package static let describeAccount = org("DescribeAccount", readOnly: true)
    package static let moveAccount = org("MoveAccount", readOnly: false)
    package static let createAccount = org("CreateAccount", readOnly: false)
    package static let describeCreateAccountStatus = org("DescribeCreateAccountStatus", readOnly: true)
    package static let listCreateAccountStatus = org("ListCreateAccountStatus", readOnly: true)
    package static let inviteAccountToOrganization = org("InviteAccountToOrganization", readOnly: false)
    package static let acceptHandshake = org("AcceptHandshake", readOnly: false)
    package static let declineHandshake = org("DeclineHandshake", readOnly: false)
    package static let cancelHandshake = org("CancelHandshake", readOnly: false)
    package static let listHandshakesForAccount = org("ListHandshakesForAccount", readOnly: true)
    package static let listHandshakesForOrganization = org("ListHandshakesForOrganization", readOnly: true)
    package static let removeAccountFromOrganization = org("RemoveAccountFromOrganization", readOnly: false)
    package static let leaveOrganization = org("LeaveOrganization", readOnly: false)
    package static let enablePolicyType = org("EnablePolicyType", readOnly: false)
    package static let disablePolicyType = org("DisablePolicyType", readOnly: false)
    package static let createPolicy = org("CreatePolicy", readOnly: false)
    package static let updatePolicy = org("UpdatePolicy", readOnly: false)
    package static let describePolicy = org("DescribePolicy", readOnly: true)
    package static let deletePolicy = org("DeletePolicy", readOnly: false)
    package static let attachPolicy = org("AttachPolicy", readOnly: false)
    package static let detachPolicy = org("DetachPolicy", readOnly: false)
    package static let listPolicies = org("ListPolicies", readOnly: true)
    package static let listPoliciesForTarget = org("ListPoliciesForTarget", readOnly: true)
    package static let listTargetsForPolicy = org("ListTargetsForPolicy", readOnly: true)
    package static let enableAWSServiceAccess = org("EnableAWSServiceAccess", readOnly: false)
    package static let disableAWSServiceAccess = org("DisableAWSServiceAccess", readOnly: false)
    package static let listAWSServiceAccessForOrganization = org("ListAWSServiceAccessForOrganization", readOnly: true)
    package static let registerDelegatedAdministrator = org("RegisterDelegatedAdministrator", readOnly: false)
    package static let deregisterDelegatedAdministrator = org("DeregisterDelegatedAdministrator", readOnly: false)
    package static let listDelegatedAdministrators = org("ListDelegatedAdministrators", readOnly: true)
    package static let listDelegatedServicesForAccount = org("ListDelegatedServicesForAccount", readOnly: true)

    // MARK: CloudTrail delegated administrators

    package static let registerOrganizationDelegatedAdmin = CatalogueOperation(
        .cloudtrail, "RegisterOrganizationDelegatedAdmin", readOnly: false, resource: .organization,
        rest: ["registerTrailDelegatedAdministrator"])
    package static let deregisterOrganizationDelegatedAdmin = CatalogueOperation(
        .cloudtrail, "DeregisterOrganizationDelegatedAdmin", readOnly: false, resource: .organization,
        rest: ["deregisterTrailDelegatedAdministrator"])

    static let tenancy: [CatalogueOperation] = [
        createTenantAccount, listTenantAccounts, describeTenantAccount, updateTenantAccount, addRegion,
        createOrganization, describeOrganization, deleteOrganization, listRoots, createOrganizationalUnit,
        describeOrganizationalUnit, updateOrganizationalUnit, deleteOrganizationalUnit, listOrganizationalUnitsForParent,
        listParents, listChildren, listAccounts, listAccountsForParent, describeAccount, moveAccount, createAccount,
        describeCreateAccountStatus, listCreateAccountStatus, inviteAccountToOrganization, acceptHandshake,
        declineHandshake, cancelHandshake, listHandshakesForAccount, listHandshakesForOrganization,
        removeAccountFromOrganization, leaveOrganization, enablePolicyType, disablePolicyType, createPolicy, updatePolicy,
        describePolicy, deletePolicy, attachPolicy, detachPolicy, listPolicies, listPoliciesForTarget,
        listTargetsForPolicy, enableAWSServiceAccess, disableAWSServiceAccess, listAWSServiceAccessForOrganization,
        registerDelegatedAdministrator, deregisterDelegatedAdministrator, listDelegatedAdministrators,
        listDelegatedServicesForAccount, registerOrganizationDelegatedAdmin, deregisterOrganizationDelegatedAdmin,
    ]
}
