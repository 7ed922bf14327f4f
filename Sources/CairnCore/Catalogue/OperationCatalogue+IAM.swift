/// IAM management, per account: users, groups, roles, inline and managed policies, attachments, permissions
/// boundaries, tags and access keys. Every call acts in the caller's own account. The entries are namespaced
/// (`OperationCatalogue.IAM.createUser`) because other services reuse IAM's verbs (Organizations' ListPolicies).
extension OperationCatalogue {
    package enum IAM {
        package static let createUser = CatalogueOperation(.iam, "CreateUser", readOnly: false, rest: ["createIamUser"])
        package static let getUser = CatalogueOperation(.iam, "GetUser", readOnly: true, rest: ["getIamUser"])
        package static let listUsers = CatalogueOperation(.iam, "ListUsers", readOnly: true, rest: ["listIamUsers"])
        package static let updateUser = CatalogueOperation(.iam, "UpdateUser", readOnly: false, rest: ["updateIamUser"])
        package static let deleteUser = CatalogueOperation(.iam, "DeleteUser", readOnly: false, rest: ["deleteIamUser"])
        package static let createGroup = CatalogueOperation(.iam, "CreateGroup", readOnly: false, rest: ["createIamGroup"])
        package static let getGroup = CatalogueOperation(.iam, "GetGroup", readOnly: true, rest: ["getIamGroup"])
        package static let listGroups = CatalogueOperation(.iam, "ListGroups", readOnly: true, rest: ["listIamGroups"])
        package static let deleteGroup = CatalogueOperation(.iam, "DeleteGroup", readOnly: false, rest: ["deleteIamGroup"])
        package static let updateGroup = CatalogueOperation(.iam, "UpdateGroup", readOnly: false, rest: ["updateIamGroup"])
        package static let tagPolicy = CatalogueOperation(.iam, "TagPolicy", readOnly: false, rest: ["tagIamPolicy"])
        package static let untagPolicy = CatalogueOperation(.iam, "UntagPolicy", readOnly: false, rest: ["untagIamPolicy"])
        package static let listPolicyTags = CatalogueOperation(.iam, "ListPolicyTags", readOnly: true, rest: ["listIamPolicyTags"])
        package static let generateCredentialReport = CatalogueOperation(
            .iam, "GenerateCredentialReport", readOnly: false, rest: ["generateIamCredentialReport"])
        package static let getCredentialReport = CatalogueOperation(.iam, "GetCredentialReport", readOnly: true, rest: ["getIamCredentialReport"])
        package static let getAccessKeyLastUsed = CatalogueOperation(.iam, "GetAccessKeyLastUsed", readOnly: true, rest: ["getIamAccessKeyLastUsed"])
        package static let getAccountAuthorizationDetails = CatalogueOperation(
            .iam, "GetAccountAuthorizationDetails", readOnly: true, rest: ["getIamAccountAuthorizationDetails"])
        package static let addUserToGroup = CatalogueOperation(.iam, "AddUserToGroup", readOnly: false, rest: ["addIamUserToGroup"])
        package static let removeUserFromGroup = CatalogueOperation(.iam, "RemoveUserFromGroup", readOnly: false, rest: ["removeIamUserFromGroup"])
        package static let listGroupsForUser = CatalogueOperation(.iam, "ListGroupsForUser", readOnly: true, rest: ["listIamGroupsForUser"])
        package static let createRole = CatalogueOperation(.iam, "CreateRole", readOnly: false, rest: ["createIamRole"])
        package static let getRole = CatalogueOperation(.iam, "GetRole", readOnly: true, rest: ["getIamRole"])
        package static let listRoles = CatalogueOperation(.iam, "ListRoles", readOnly: true, rest: ["listIamRoles"])
        package static let updateRole = CatalogueOperation(.iam, "UpdateRole", readOnly: false, rest: ["updateIamRole"])
        package static let updateRoleDescription = CatalogueOperation(
            .iam, "UpdateRoleDescription", readOnly: false, rest: ["updateIamRoleDescription"])
        package static let listEntitiesForPolicy = CatalogueOperation(
            .iam, "ListEntitiesForPolicy", readOnly: true, rest: ["listIamEntitiesForPolicy"])
        package static let getAccountSummary = CatalogueOperation(.iam, "GetAccountSummary", readOnly: true, rest: ["getIamAccountSummary"])
        package static let createAccountAlias = CatalogueOperation(.iam, "CreateAccountAlias", readOnly: false, rest: ["createIamAccountAlias"])
        package static let deleteAccountAlias = CatalogueOperation(.iam, "DeleteAccountAlias", readOnly: false, rest: ["deleteIamAccountAlias"])
        package static let listAccountAliases = CatalogueOperation(.iam, "ListAccountAliases", readOnly: true, rest: ["listIamAccountAliases"])
        package static let deleteRole = CatalogueOperation(.iam, "DeleteRole", readOnly: false, rest: ["deleteIamRole"])
        package static let updateAssumeRolePolicy = CatalogueOperation(
            .iam, "UpdateAssumeRolePolicy", readOnly: false, rest: ["updateIamAssumeRolePolicy"])
        package static let putUserPolicy = CatalogueOperation(.iam, "PutUserPolicy", readOnly: false, rest: ["putIamUserInlinePolicy"])
        package static let getUserPolicy = CatalogueOperation(.iam, "GetUserPolicy", readOnly: true, rest: ["getIamUserInlinePolicy"])
        package static let deleteUserPolicy = CatalogueOperation(.iam, "DeleteUserPolicy", readOnly: false, rest: ["deleteIamUserInlinePolicy"])
        package static let listUserPolicies = CatalogueOperation(.iam, "ListUserPolicies", readOnly: true, rest: ["listIamUserInlinePolicies"])
        package static let putRolePolicy = CatalogueOperation(.iam, "PutRolePolicy", readOnly: false, rest: ["putIamRoleInlinePolicy"])
        package static let getRolePolicy = CatalogueOperation(.iam, "GetRolePolicy", readOnly: true, rest: ["getIamRoleInlinePolicy"])
        package static let deleteRolePolicy = CatalogueOperation(.iam, "DeleteRolePolicy", readOnly: false, rest: ["deleteIamRoleInlinePolicy"])
        package static let listRolePolicies = CatalogueOperation(.iam, "ListRolePolicies", readOnly: true, rest: ["listIamRoleInlinePolicies"])
        package static let putGroupPolicy = CatalogueOperation(.iam, "PutGroupPolicy", readOnly: false, rest: ["putIamGroupInlinePolicy"])
        package static let getGroupPolicy = CatalogueOperation(.iam, "GetGroupPolicy", readOnly: true, rest: ["getIamGroupInlinePolicy"])
        package static let deleteGroupPolicy = CatalogueOperation(.iam, "DeleteGroupPolicy", readOnly: false, rest: ["deleteIamGroupInlinePolicy"])
        package static let listGroupPolicies = CatalogueOperation(.iam, "ListGroupPolicies", readOnly: true, rest: ["listIamGroupInlinePolicies"])
        package static let createPolicy = CatalogueOperation(.iam, "CreatePolicy", readOnly: false, rest: ["createIamPolicy"])
        package static let getPolicy = CatalogueOperation(.iam, "GetPolicy", readOnly: true, rest: ["getIamPolicy"])
        package static let listPolicies = CatalogueOperation(.iam, "ListPolicies", readOnly: true, rest: ["listIamPolicies"])
        package static let deletePolicy = CatalogueOperation(.iam, "DeletePolicy", readOnly: false, rest: ["deleteIamPolicy"])
        package static let createPolicyVersion = CatalogueOperation(.iam, "CreatePolicyVersion", readOnly: false, rest: ["createIamPolicyVersion"])
        package static let getPolicyVersion = CatalogueOperation(.iam, "GetPolicyVersion", readOnly: true, rest: ["getIamPolicyVersion"])
        package static let listPolicyVersions = CatalogueOperation(.iam, "ListPolicyVersions", readOnly: true, rest: ["listIamPolicyVersions"])
        package static let setDefaultPolicyVersion = CatalogueOperation(
            .iam, "SetDefaultPolicyVersion", readOnly: false, rest: ["setIamDefaultPolicyVersion"])
        package static let deletePolicyVersion = CatalogueOperation(.iam, "DeletePolicyVersion", readOnly: false, rest: ["deleteIamPolicyVersion"])
        package static let attachUserPolicy = CatalogueOperation(.iam, "AttachUserPolicy", readOnly: false, rest: ["attachIamUserPolicy"])
        package static let attachRolePolicy = CatalogueOperation(.iam, "AttachRolePolicy", readOnly: false, rest: ["attachIamRolePolicy"])
        package static let attachGroupPolicy = CatalogueOperation(.iam, "AttachGroupPolicy", readOnly: false, rest: ["attachIamGroupPolicy"])
        package static let detachUserPolicy = CatalogueOperation(.iam, "DetachUserPolicy", readOnly: false, rest: ["detachIamUserPolicy"])
        package static let detachRolePolicy = CatalogueOperation(.iam, "DetachRolePolicy", readOnly: false, rest: ["detachIamRolePolicy"])
        package static let detachGroupPolicy = CatalogueOperation(.iam, "DetachGroupPolicy", readOnly: false, rest: ["detachIamGroupPolicy"])
        package static let listAttachedUserPolicies = CatalogueOperation(
            .iam, "ListAttachedUserPolicies", readOnly: true, rest: ["listIamAttachedUserPolicies"])
        package static let listAttachedRolePolicies = CatalogueOperation(
            .iam, "ListAttachedRolePolicies", readOnly: true, rest: ["listIamAttachedRolePolicies"])
        package static let listAttachedGroupPolicies = CatalogueOperation(
            .iam, "ListAttachedGroupPolicies", readOnly: true, rest: ["listIamAttachedGroupPolicies"])
        package static let putUserPermissionsBoundary = CatalogueOperation(
            .iam, "PutUserPermissionsBoundary", readOnly: false, rest: ["putIamUserPermissionsBoundary"])
        package static let putRolePermissionsBoundary = CatalogueOperation(
            .iam, "PutRolePermissionsBoundary", readOnly: false, rest: ["putIamRolePermissionsBoundary"])
        package static let deleteUserPermissionsBoundary = CatalogueOperation(
            .iam, "DeleteUserPermissionsBoundary", readOnly: false, rest: ["deleteIamUserPermissionsBoundary"])
        package static let deleteRolePermissionsBoundary = CatalogueOperation(
            .iam, "DeleteRolePermissionsBoundary", readOnly: false, rest: ["deleteIamRolePermissionsBoundary"])
        package static let tagUser = CatalogueOperation(.iam, "TagUser", readOnly: false, rest: ["tagIamUser"])
        package static let untagUser = CatalogueOperation(.iam, "UntagUser", readOnly: false, rest: ["untagIamUser"])
        package static let listUserTags = CatalogueOperation(.iam, "ListUserTags", readOnly: true, rest: ["listIamUserTags"])
        package static let tagRole = CatalogueOperation(.iam, "TagRole", readOnly: false, rest: ["tagIamRole"])
        package static let untagRole = CatalogueOperation(.iam, "UntagRole", readOnly: false, rest: ["untagIamRole"])
        package static let listRoleTags = CatalogueOperation(.iam, "ListRoleTags", readOnly: true, rest: ["listIamRoleTags"])
        package static let createAccessKey = CatalogueOperation(.iam, "CreateAccessKey", readOnly: false, rest: ["createIamAccessKey"])
        package static let listAccessKeys = CatalogueOperation(.iam, "ListAccessKeys", readOnly: true, rest: ["listIamAccessKeys"])
        package static let updateAccessKey = CatalogueOperation(.iam, "UpdateAccessKey", readOnly: false, rest: ["updateIamAccessKey"])
        package static let deleteAccessKey = CatalogueOperation(.iam, "DeleteAccessKey", readOnly: false, rest: ["deleteIamAccessKey"])
        package static let getContextKeysForPrincipalPolicy = CatalogueOperation(
            .iam, "GetContextKeysForPrincipalPolicy", readOnly: true, rest: ["getIamContextKeysForPrincipalPolicy"])
        package static let getContextKeysForCustomPolicy = CatalogueOperation(
            .iam, "GetContextKeysForCustomPolicy", readOnly: true, rest: ["getIamContextKeysForCustomPolicy"])
        package static let createOpenIDConnectProvider = CatalogueOperation(
            .iam, "CreateOpenIDConnectProvider", readOnly: false, rest: ["createIamOidcProvider"])
        package static let getOpenIDConnectProvider = CatalogueOperation(
            .iam, "GetOpenIDConnectProvider", readOnly: true, rest: ["getIamOidcProvider"])
        package static let listOpenIDConnectProviders = CatalogueOperation(
            .iam, "ListOpenIDConnectProviders", readOnly: true, rest: ["listIamOidcProviders"])
        package static let deleteOpenIDConnectProvider = CatalogueOperation(
            .iam, "DeleteOpenIDConnectProvider", readOnly: false, rest: ["deleteIamOidcProvider"])
        package static let updateOpenIDConnectProviderThumbprint = CatalogueOperation(
            .iam, "UpdateOpenIDConnectProviderThumbprint", readOnly: false, rest: ["updateIamOidcProviderThumbprints"])
        package static let addClientIDToOpenIDConnectProvider = CatalogueOperation(
            .iam, "AddClientIDToOpenIDConnectProvider", readOnly: false, rest: ["addIamOidcProviderClientId"])
        package static let removeClientIDFromOpenIDConnectProvider = CatalogueOperation(
            .iam, "RemoveClientIDFromOpenIDConnectProvider", readOnly: false, rest: ["removeIamOidcProviderClientId"])
        package static let tagOpenIDConnectProvider = CatalogueOperation(
            .iam, "TagOpenIDConnectProvider", readOnly: false, rest: ["tagIamOidcProvider"])
        package static let untagOpenIDConnectProvider = CatalogueOperation(
            .iam, "UntagOpenIDConnectProvider", readOnly: false, rest: ["untagIamOidcProvider"])
        package static let listOpenIDConnectProviderTags = CatalogueOperation(
            .iam, "ListOpenIDConnectProviderTags", readOnly: true, rest: ["listIamOidcProviderTags"])
        package static let createSAMLProvider = CatalogueOperation(.iam, "CreateSAMLProvider", readOnly: false, rest: ["createIamSamlProvider"])
        package static let getSAMLProvider = CatalogueOperation(.iam, "GetSAMLProvider", readOnly: true, rest: ["getIamSamlProvider"])
        package static let listSAMLProviders = CatalogueOperation(.iam, "ListSAMLProviders", readOnly: true, rest: ["listIamSamlProviders"])
        package static let updateSAMLProvider = CatalogueOperation(.iam, "UpdateSAMLProvider", readOnly: false, rest: ["updateIamSamlProvider"])
        package static let deleteSAMLProvider = CatalogueOperation(.iam, "DeleteSAMLProvider", readOnly: false, rest: ["deleteIamSamlProvider"])
        package static let tagSAMLProvider = CatalogueOperation(.iam, "TagSAMLProvider", readOnly: false, rest: ["tagIamSamlProvider"])
        package static let untagSAMLProvider = CatalogueOperation(.iam, "UntagSAMLProvider", readOnly: false, rest: ["untagIamSamlProvider"])
        package static let listSAMLProviderTags = CatalogueOperation(.iam, "ListSAMLProviderTags", readOnly: true, rest: ["listIamSamlProviderTags"])
        package static let updateAccountPasswordPolicy = CatalogueOperation(
            .iam, "UpdateAccountPasswordPolicy", readOnly: false, rest: ["updateIamPasswordPolicy"])
        package static let getAccountPasswordPolicy = CatalogueOperation(
            .iam, "GetAccountPasswordPolicy", readOnly: true, rest: ["getIamPasswordPolicy"])
        package static let deleteAccountPasswordPolicy = CatalogueOperation(
            .iam, "DeleteAccountPasswordPolicy", readOnly: false, rest: ["deleteIamPasswordPolicy"])
        package static let createLoginProfile = CatalogueOperation(.iam, "CreateLoginProfile", readOnly: false, rest: ["createIamLoginProfile"])
        package static let getLoginProfile = CatalogueOperation(.iam, "GetLoginProfile", readOnly: true, rest: ["getIamLoginProfile"])
        package static let updateLoginProfile = CatalogueOperation(.iam, "UpdateLoginProfile", readOnly: false, rest: ["updateIamLoginProfile"])
        package static let deleteLoginProfile = CatalogueOperation(.iam, "DeleteLoginProfile", readOnly: false, rest: ["deleteIamLoginProfile"])
        package static let changePassword = CatalogueOperation(.iam, "ChangePassword", readOnly: false, rest: ["changeIamPassword"])
        package static let createServiceLinkedRole = CatalogueOperation(
            .iam, "CreateServiceLinkedRole", readOnly: false, rest: ["createIamServiceLinkedRole"])
        package static let deleteServiceLinkedRole = CatalogueOperation(
            .iam, "DeleteServiceLinkedRole", readOnly: false, rest: ["deleteIamServiceLinkedRole"])
        package static let getServiceLinkedRoleDeletionStatus = CatalogueOperation(
            .iam, "GetServiceLinkedRoleDeletionStatus", readOnly: true, rest: ["getIamServiceLinkedRoleDeletionStatus"])
        package static let createVirtualMFADevice = CatalogueOperation(
            .iam, "CreateVirtualMFADevice", readOnly: false, rest: ["createIamVirtualMfaDevice"])
        package static let enableMFADevice = CatalogueOperation(.iam, "EnableMFADevice", readOnly: false, rest: ["enableIamMfaDevice"])
        package static let deactivateMFADevice = CatalogueOperation(.iam, "DeactivateMFADevice", readOnly: false, rest: ["deactivateIamMfaDevice"])
        package static let deleteVirtualMFADevice = CatalogueOperation(
            .iam, "DeleteVirtualMFADevice", readOnly: false, rest: ["deleteIamVirtualMfaDevice"])
        package static let resyncMFADevice = CatalogueOperation(.iam, "ResyncMFADevice", readOnly: false, rest: ["resyncIamMfaDevice"])
        package static let listMFADevices = CatalogueOperation(.iam, "ListMFADevices", readOnly: true, rest: ["listIamMfaDevices"])
        package static let listVirtualMFADevices = CatalogueOperation(
            .iam, "ListVirtualMFADevices", readOnly: true, rest: ["listIamVirtualMfaDevices"])
        package static let getMFADevice = CatalogueOperation(.iam, "GetMFADevice", readOnly: true, rest: ["getIamMfaDevice"])
        package static let tagMFADevice = CatalogueOperation(.iam, "TagMFADevice", readOnly: false, rest: ["tagIamMfaDevice"])
        package static let untagMFADevice = CatalogueOperation(.iam, "UntagMFADevice", readOnly: false, rest: ["untagIamMfaDevice"])
        package static let listMFADeviceTags = CatalogueOperation(.iam, "ListMFADeviceTags", readOnly: true, rest: ["listIamMfaDeviceTags"])

        package static let all: [CatalogueOperation] = [
            createUser,
            getUser,
            listUsers,
            updateUser,
            deleteUser,
            createGroup,
            getGroup,
            listGroups,
            deleteGroup,
            updateGroup,
            tagPolicy,
            untagPolicy,
            listPolicyTags,
            generateCredentialReport,
            getCredentialReport,
            getAccessKeyLastUsed,
            getAccountAuthorizationDetails,
            createServiceLinkedRole,
            deleteServiceLinkedRole,
            getServiceLinkedRoleDeletionStatus,
            createVirtualMFADevice,
            enableMFADevice,
            deactivateMFADevice,
            deleteVirtualMFADevice,
            resyncMFADevice,
            listMFADevices,
            listVirtualMFADevices,
            getMFADevice,
            tagMFADevice,
            untagMFADevice,
            listMFADeviceTags,
            addUserToGroup,
            removeUserFromGroup,
            listGroupsForUser,
            createRole,
            getRole,
            listRoles,
            updateRole,
            updateRoleDescription,
            listEntitiesForPolicy,
            getAccountSummary,
            createAccountAlias,
            deleteAccountAlias,
            listAccountAliases,
            deleteRole,
            updateAssumeRolePolicy,
            putUserPolicy,
            getUserPolicy,
            deleteUserPolicy,
            listUserPolicies,
            putRolePolicy,
            getRolePolicy,
            deleteRolePolicy,
            listRolePolicies,
            putGroupPolicy,
            getGroupPolicy,
            deleteGroupPolicy,
            listGroupPolicies,
            createPolicy,
            getPolicy,
            listPolicies,
            deletePolicy,
            createPolicyVersion,
            getPolicyVersion,
            listPolicyVersions,
            setDefaultPolicyVersion,
            deletePolicyVersion,
            attachUserPolicy,
            attachRolePolicy,
            attachGroupPolicy,
            detachUserPolicy,
            detachRolePolicy,
            detachGroupPolicy,
            listAttachedUserPolicies,
            listAttachedRolePolicies,
            listAttachedGroupPolicies,
            putUserPermissionsBoundary,
            putRolePermissionsBoundary,
            deleteUserPermissionsBoundary,
            deleteRolePermissionsBoundary,
            tagUser,
            untagUser,
            listUserTags,
            tagRole,
            untagRole,
            listRoleTags,
            createAccessKey,
            listAccessKeys,
            updateAccessKey,
            deleteAccessKey,
            getContextKeysForPrincipalPolicy,
            getContextKeysForCustomPolicy,
            createOpenIDConnectProvider,
            getOpenIDConnectProvider,
            listOpenIDConnectProviders,
            deleteOpenIDConnectProvider,
            updateOpenIDConnectProviderThumbprint,
            addClientIDToOpenIDConnectProvider,
            removeClientIDFromOpenIDConnectProvider,
            tagOpenIDConnectProvider,
            untagOpenIDConnectProvider,
            listOpenIDConnectProviderTags,
            createSAMLProvider,
            getSAMLProvider,
            listSAMLProviders,
            updateSAMLProvider,
            deleteSAMLProvider,
            tagSAMLProvider,
            untagSAMLProvider,
            listSAMLProviderTags,
            updateAccountPasswordPolicy,
            getAccountPasswordPolicy,
            deleteAccountPasswordPolicy,
            createLoginProfile,
            getLoginProfile,
            updateLoginProfile,
            deleteLoginProfile,
            changePassword,
        ]
    }

    package static let iam: [CatalogueOperation] = IAM.all
}
