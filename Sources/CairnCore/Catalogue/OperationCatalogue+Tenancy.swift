/// Tenancy's entries: the operator's account and region administration (REST and CLI only, `cairn:`
/// actions only operator principals can be allowed), AWS Organizations over JSON 1.1 and REST
/// (`/v1/organization…`, `/v1/handshakes…`), and CloudTrail's delegated-administrator registration.
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
    /// Raises (or lowers) one organization's account quota; AWS's default of 10 holds until then.
    package static let updateOrganizationAccountLimit = CatalogueOperation(
        .cairn, "UpdateOrganizationAccountLimit", readOnly: false, operatorOnly: true, rest: ["updateOrganizationAccountLimit"])

    // MARK: AWS Organizations

    private static func org(_ name: String, readOnly: Bool, rest: [String] = []) -> CatalogueOperation {
        CatalogueOperation(.organizations, name, readOnly: readOnly, resource: .organization, rest: rest)
    }

    package static let createOrganization = org("CreateOrganization", readOnly: false, rest: ["createOrganization"])
    package static let describeOrganization = org("DescribeOrganization", readOnly: true, rest: ["describeOrganization"])
    package static let deleteOrganization = org("DeleteOrganization", readOnly: false, rest: ["deleteOrganization"])
    package static let listRoots = org("ListRoots", readOnly: true, rest: ["listOrganizationRoots"])
    package static let createOrganizationalUnit = org("CreateOrganizationalUnit", readOnly: false, rest: ["createOrganizationalUnit"])
    package static let describeOrganizationalUnit = org("DescribeOrganizationalUnit", readOnly: true, rest: ["describeOrganizationalUnit"])
    package static let updateOrganizationalUnit = org("UpdateOrganizationalUnit", readOnly: false, rest: ["updateOrganizationalUnit"])
    package static let deleteOrganizationalUnit = org("DeleteOrganizationalUnit", readOnly: false, rest: ["deleteOrganizationalUnit"])
    package static let listOrganizationalUnitsForParent = org(
        "ListOrganizationalUnitsForParent", readOnly: true, rest: ["listOrganizationalUnitsForParent"])
    package static let listParents = org("ListParents", readOnly: true, rest: ["listOrganizationParents"])
    package static let listChildren = org("ListChildren", readOnly: true, rest: ["listOrganizationChildren"])
    package static let listAccounts = org("ListAccounts", readOnly: true, rest: ["listOrganizationAccounts"])
    package static let listAccountsForParent = org("ListAccountsForParent", readOnly: true, rest: ["listOrganizationAccountsForParent"])
    package static let describeAccount = org("DescribeAccount", readOnly: true, rest: ["describeOrganizationAccount"])
    package static let moveAccount = org("MoveAccount", readOnly: false, rest: ["moveOrganizationAccount"])
    package static let createAccount = org("CreateAccount", readOnly: false, rest: ["createOrganizationAccount"])
    package static let describeCreateAccountStatus = org("DescribeCreateAccountStatus", readOnly: true, rest: ["describeCreateAccountStatus"])
    package static let listCreateAccountStatus = org("ListCreateAccountStatus", readOnly: true, rest: ["listCreateAccountStatus"])
    package static let inviteAccountToOrganization = org("InviteAccountToOrganization", readOnly: false, rest: ["inviteAccountToOrganization"])
    package static let describeHandshake = org("DescribeHandshake", readOnly: true, rest: ["describeHandshake"])
    package static let acceptHandshake = org("AcceptHandshake", readOnly: false, rest: ["acceptHandshake"])
    package static let declineHandshake = org("DeclineHandshake", readOnly: false, rest: ["declineHandshake"])
    package static let cancelHandshake = org("CancelHandshake", readOnly: false, rest: ["cancelHandshake"])
    package static let listHandshakesForAccount = org("ListHandshakesForAccount", readOnly: true, rest: ["listAccountHandshakes"])
    package static let listHandshakesForOrganization = org("ListHandshakesForOrganization", readOnly: true, rest: ["listOrganizationHandshakes"])
    package static let removeAccountFromOrganization = org("RemoveAccountFromOrganization", readOnly: false, rest: ["removeOrganizationAccount"])
    package static let closeAccount = org("CloseAccount", readOnly: false, rest: ["closeOrganizationAccount"])
    package static let putResourcePolicy = org("PutResourcePolicy", readOnly: false, rest: ["putOrganizationResourcePolicy"])
    package static let describeResourcePolicy = org("DescribeResourcePolicy", readOnly: true, rest: ["describeOrganizationResourcePolicy"])
    package static let deleteResourcePolicy = org("DeleteResourcePolicy", readOnly: false, rest: ["deleteOrganizationResourcePolicy"])
    package static let leaveOrganization = org("LeaveOrganization", readOnly: false, rest: ["leaveOrganization"])
    package static let enableAllFeatures = org("EnableAllFeatures", readOnly: false, rest: ["enableAllFeatures"])
    package static let enablePolicyType = org("EnablePolicyType", readOnly: false, rest: ["enableOrganizationPolicyType"])
    package static let disablePolicyType = org("DisablePolicyType", readOnly: false, rest: ["disableOrganizationPolicyType"])
    package static let createPolicy = org("CreatePolicy", readOnly: false, rest: ["createOrganizationPolicy"])
    package static let updatePolicy = org("UpdatePolicy", readOnly: false, rest: ["updateOrganizationPolicy"])
    package static let describePolicy = org("DescribePolicy", readOnly: true, rest: ["describeOrganizationPolicy"])
    package static let deletePolicy = org("DeletePolicy", readOnly: false, rest: ["deleteOrganizationPolicy"])
    package static let attachPolicy = org("AttachPolicy", readOnly: false, rest: ["attachOrganizationPolicy"])
    package static let detachPolicy = org("DetachPolicy", readOnly: false, rest: ["detachOrganizationPolicy"])
    package static let listPolicies = org("ListPolicies", readOnly: true, rest: ["listOrganizationPolicies"])
    package static let listPoliciesForTarget = org("ListPoliciesForTarget", readOnly: true, rest: ["listOrganizationPoliciesForTarget"])
    package static let listTargetsForPolicy = org("ListTargetsForPolicy", readOnly: true, rest: ["listOrganizationPolicyTargets"])
    package static let describeEffectivePolicy = org("DescribeEffectivePolicy", readOnly: true, rest: ["describeEffectivePolicy"])
    package static let listAccountsWithInvalidEffectivePolicy = org(
        "ListAccountsWithInvalidEffectivePolicy", readOnly: true, rest: ["listAccountsWithInvalidEffectivePolicy"])
    package static let listEffectivePolicyValidationErrors = org(
        "ListEffectivePolicyValidationErrors", readOnly: true, rest: ["listEffectivePolicyValidationErrors"])
    package static let enableAWSServiceAccess = org("EnableAWSServiceAccess", readOnly: false, rest: ["enableOrganizationServiceAccess"])
    package static let disableAWSServiceAccess = org("DisableAWSServiceAccess", readOnly: false, rest: ["disableOrganizationServiceAccess"])
    package static let listAWSServiceAccessForOrganization = org(
        "ListAWSServiceAccessForOrganization", readOnly: true, rest: ["listOrganizationServiceAccess"])
    package static let registerDelegatedAdministrator = org(
        "RegisterDelegatedAdministrator", readOnly: false, rest: ["registerOrganizationDelegatedAdministrator"])
    package static let deregisterDelegatedAdministrator = org(
        "DeregisterDelegatedAdministrator", readOnly: false, rest: ["deregisterOrganizationDelegatedAdministrator"])
    package static let listDelegatedAdministrators = org(
        "ListDelegatedAdministrators", readOnly: true, rest: ["listOrganizationDelegatedAdministrators"])
    package static let listDelegatedServicesForAccount = org(
        "ListDelegatedServicesForAccount", readOnly: true, rest: ["listOrganizationDelegatedServices"])
    package static let tagResource = org("TagResource", readOnly: false, rest: ["tagOrganizationResource"])
    package static let untagResource = org("UntagResource", readOnly: false, rest: ["untagOrganizationResource"])
    package static let listTagsForResource = org("ListTagsForResource", readOnly: true, rest: ["listOrganizationResourceTags"])

    // MARK: CloudTrail delegated administrators

    package static let registerOrganizationDelegatedAdmin = CatalogueOperation(
        .cloudtrail, "RegisterOrganizationDelegatedAdmin", readOnly: false, resource: .organization,
        rest: ["registerTrailDelegatedAdministrator"])
    package static let deregisterOrganizationDelegatedAdmin = CatalogueOperation(
        .cloudtrail, "DeregisterOrganizationDelegatedAdmin", readOnly: false, resource: .organization,
        rest: ["deregisterTrailDelegatedAdministrator"])

    static let tenancy: [CatalogueOperation] = [
        createTenantAccount, listTenantAccounts, describeTenantAccount, updateTenantAccount, addRegion, updateOrganizationAccountLimit,
        createOrganization, describeOrganization, deleteOrganization, listRoots, createOrganizationalUnit,
        describeOrganizationalUnit, updateOrganizationalUnit, deleteOrganizationalUnit, listOrganizationalUnitsForParent,
        listParents, listChildren, listAccounts, listAccountsForParent, describeAccount, moveAccount, createAccount,
        describeCreateAccountStatus, listCreateAccountStatus, inviteAccountToOrganization, describeHandshake, acceptHandshake,
        declineHandshake, cancelHandshake, listHandshakesForAccount, listHandshakesForOrganization,
        removeAccountFromOrganization, closeAccount, leaveOrganization, enableAllFeatures, enablePolicyType, disablePolicyType, createPolicy,
        updatePolicy,
        describePolicy, deletePolicy, attachPolicy, detachPolicy, listPolicies, listPoliciesForTarget,
        listTargetsForPolicy, describeEffectivePolicy, listAccountsWithInvalidEffectivePolicy, listEffectivePolicyValidationErrors,
        enableAWSServiceAccess, disableAWSServiceAccess, listAWSServiceAccessForOrganization,
        registerDelegatedAdministrator, deregisterDelegatedAdministrator, listDelegatedAdministrators,
        listDelegatedServicesForAccount, tagResource, untagResource, listTagsForResource, registerOrganizationDelegatedAdmin,
        deregisterOrganizationDelegatedAdmin, putResourcePolicy, describeResourcePolicy, deleteResourcePolicy,
    ]
}
