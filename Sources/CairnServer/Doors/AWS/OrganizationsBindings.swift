import CairnCore

/// AWS Organizations over JSON 1.1 (`AWSOrganizationsV20161128.*`): each operation's output is the model's
/// response as it is.
enum OrganizationsBindings {
    typealias Ops = OrganizationsOperations

    static let all: [AWSBinding] = [
        .json(Ops.createOrganization), .json(Ops.describeOrganization), .json(Ops.deleteOrganization), .json(Ops.listRoots),
        .json(Ops.enableAllFeatures), .json(Ops.enablePolicyType), .json(Ops.disablePolicyType),
        .json(Ops.createOrganizationalUnit), .json(Ops.describeOrganizationalUnit), .json(Ops.updateOrganizationalUnit),
        .json(Ops.deleteOrganizationalUnit), .json(Ops.listOrganizationalUnitsForParent), .json(Ops.listParents), .json(Ops.listChildren),
        .json(Ops.listAccounts), .json(Ops.listAccountsForParent), .json(Ops.describeAccount), .json(Ops.moveAccount),
        .json(Ops.createAccount), .json(Ops.describeCreateAccountStatus), .json(Ops.listCreateAccountStatus),
        .json(Ops.inviteAccountToOrganization), .json(Ops.describeHandshake), .json(Ops.acceptHandshake), .json(Ops.declineHandshake),
        .json(Ops.cancelHandshake),
        .json(Ops.listHandshakesForAccount), .json(Ops.listHandshakesForOrganization), .json(Ops.removeAccountFromOrganization),
        .json(Ops.closeAccount),
        .json(Ops.leaveOrganization),
        .json(Ops.createPolicy), .json(Ops.updatePolicy), .json(Ops.describePolicy), .json(Ops.deletePolicy), .json(Ops.attachPolicy),
        .json(Ops.detachPolicy), .json(Ops.listPolicies), .json(Ops.listPoliciesForTarget), .json(Ops.listTargetsForPolicy),
        .json(Ops.describeEffectivePolicy), .json(Ops.listAccountsWithInvalidEffectivePolicy), .json(Ops.listEffectivePolicyValidationErrors),
        .json(Ops.enableAWSServiceAccess), .json(Ops.disableAWSServiceAccess), .json(Ops.listAWSServiceAccessForOrganization),
        .json(Ops.registerDelegatedAdministrator), .json(Ops.deregisterDelegatedAdministrator), .json(Ops.listDelegatedAdministrators),
        .json(Ops.listDelegatedServicesForAccount),
        .json(Ops.tagResource), .json(Ops.untagResource), .json(Ops.listTagsForResource),
        .json(Ops.putResourcePolicy), .json(Ops.describeResourcePolicy), .json(Ops.deleteResourcePolicy),
    ]
}
