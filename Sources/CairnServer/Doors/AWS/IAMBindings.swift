import CairnCore

/// IAM over the Query protocol.
enum IAMBindings {
    typealias Ops = IAMOperations

    static let all: [AWSBinding] = [
        .query(Ops.createUser), .query(Ops.getUser), .query(Ops.listUsers), .query(Ops.updateUser), .query(Ops.deleteUser),
        .query(Ops.createGroup), .query(Ops.getGroup), .query(Ops.listGroups), .query(Ops.deleteGroup), .query(Ops.addUserToGroup),
        .query(Ops.removeUserFromGroup), .query(Ops.listGroupsForUser),
        .query(Ops.createRole), .query(Ops.getRole), .query(Ops.listRoles), .query(Ops.updateRole), .query(Ops.updateRoleDescription),
        .query(Ops.listEntitiesForPolicy),
        .query(Ops.getAccountSummary, maps: ["SummaryMap"]), .query(Ops.createAccountAlias), .query(Ops.deleteAccountAlias),
        .query(Ops.listAccountAliases), .query(Ops.deleteRole),
        .query(Ops.updateAssumeRolePolicy),
        .query(Ops.putUserPolicy), .query(Ops.getUserPolicy), .query(Ops.deleteUserPolicy), .query(Ops.listUserPolicies),
        .query(Ops.putRolePolicy), .query(Ops.getRolePolicy), .query(Ops.deleteRolePolicy), .query(Ops.listRolePolicies),
        .query(Ops.putGroupPolicy), .query(Ops.getGroupPolicy), .query(Ops.deleteGroupPolicy), .query(Ops.listGroupPolicies),
        .query(Ops.createPolicy), .query(Ops.getPolicy), .query(Ops.listPolicies), .query(Ops.deletePolicy),
        .query(Ops.createPolicyVersion), .query(Ops.getPolicyVersion), .query(Ops.listPolicyVersions), .query(Ops.setDefaultPolicyVersion),
        .query(Ops.deletePolicyVersion),
        .query(Ops.attachUserPolicy), .query(Ops.detachUserPolicy), .query(Ops.listAttachedUserPolicies),
        .query(Ops.attachRolePolicy), .query(Ops.detachRolePolicy), .query(Ops.listAttachedRolePolicies),
        .query(Ops.attachGroupPolicy), .query(Ops.detachGroupPolicy), .query(Ops.listAttachedGroupPolicies),
        .query(Ops.tagUser), .query(Ops.untagUser), .query(Ops.listUserTags), .query(Ops.putUserPermissionsBoundary),
        .query(Ops.deleteUserPermissionsBoundary),
        .query(Ops.tagRole), .query(Ops.untagRole), .query(Ops.listRoleTags), .query(Ops.putRolePermissionsBoundary),
        .query(Ops.deleteRolePermissionsBoundary),
        .query(Ops.createAccessKey), .query(Ops.listAccessKeys), .query(Ops.updateAccessKey), .query(Ops.deleteAccessKey),
        .query(Ops.simulatePrincipalPolicy, maps: ["EvalDecisionDetails"]), .query(Ops.simulateCustomPolicy, maps: ["EvalDecisionDetails"]),
        .query(Ops.getContextKeysForPrincipalPolicy), .query(Ops.getContextKeysForCustomPolicy),
        .query(Ops.createOpenIDConnectProvider), .query(Ops.getOpenIDConnectProvider), .query(Ops.listOpenIDConnectProviders),
        .query(Ops.deleteOpenIDConnectProvider), .query(Ops.updateOpenIDConnectProviderThumbprint),
        .query(Ops.addClientIDToOpenIDConnectProvider), .query(Ops.removeClientIDFromOpenIDConnectProvider),
        .query(Ops.tagOpenIDConnectProvider), .query(Ops.untagOpenIDConnectProvider), .query(Ops.listOpenIDConnectProviderTags),
        .query(Ops.createSAMLProvider), .query(Ops.getSAMLProvider), .query(Ops.listSAMLProviders), .query(Ops.updateSAMLProvider),
        .query(Ops.deleteSAMLProvider), .query(Ops.tagSAMLProvider), .query(Ops.untagSAMLProvider), .query(Ops.listSAMLProviderTags),
        .query(Ops.updateAccountPasswordPolicy), .query(Ops.getAccountPasswordPolicy), .query(Ops.deleteAccountPasswordPolicy),
        .query(Ops.createLoginProfile), .query(Ops.getLoginProfile), .query(Ops.updateLoginProfile), .query(Ops.deleteLoginProfile),
        .query(Ops.changePassword), .query(Ops.updateGroup), .query(Ops.tagPolicy), .query(Ops.untagPolicy), .query(Ops.listPolicyTags),
        .query(Ops.generateCredentialReport), .query(Ops.getCredentialReport), .query(Ops.getAccessKeyLastUsed),
        .query(Ops.getAccountAuthorizationDetails),
        .query(Ops.createVirtualMFADevice), .query(Ops.enableMFADevice), .query(Ops.deactivateMFADevice), .query(Ops.deleteVirtualMFADevice),
        .query(Ops.resyncMFADevice), .query(Ops.listMFADevices), .query(Ops.listVirtualMFADevices), .query(Ops.getMFADevice),
        .query(Ops.tagMFADevice), .query(Ops.untagMFADevice), .query(Ops.listMFADeviceTags),
        .query(Ops.createServiceLinkedRole), .query(Ops.deleteServiceLinkedRole), .query(Ops.getServiceLinkedRoleDeletionStatus),
    ]
}
