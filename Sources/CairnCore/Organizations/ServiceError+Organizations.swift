/// AWS Organizations' errors, with AWS's codes and, where AWS's wording is known, its messages. All are
/// client faults (HTTP 400), as the Organizations endpoint answers them.
extension ServiceError {
    private static func org(_ code: String, _ message: String, reason: String? = nil) -> ServiceError {
        ServiceError(code: code, status: 400, message: message, reason: reason)
    }

    package static let organizationsNotInUse = org("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.")
    /// Organizations' own refusal for a caller whose role in the organization does not allow the call.
    package static let organizationsAccessDenied = org("AccessDeniedException", "You don't have permissions to access this resource.")
    package static let alreadyInOrganization = org("AlreadyInOrganizationException", "The AWS account is already a member of an organization.")
    package static let organizationNotEmpty = org(
        "OrganizationNotEmptyException", "To delete an organization you must first remove all member accounts (except the master).")
    package static let duplicateOrganizationalUnit = org("DuplicateOrganizationalUnitException", "An OU with the same name already exists.")
    package static let parentNotFound = org("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.")
    package static let organizationalUnitNotFound = org(
        "OrganizationalUnitNotFoundException", "We can't find an OU with the OrganizationalUnitId that you specified.")
    package static let organizationalUnitNotEmpty = org(
        "OrganizationalUnitNotEmptyException",
        "The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try again.")
    package static let childNotFound = org(
        "ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.")
    package static let accountNotFound = org("AccountNotFoundException", "You specified an account that doesn't exist.")
    package static let accountAlreadyClosed = org("AccountAlreadyClosedException", "You attempted to close an account that is already closed.")
    /// CloseAccount on an account whose closure is still under way.
    package static let accountClosureUnderWay = org(
        "ConflictException",
        "The request failed because it conflicts with the current state of the specified resource: the account is already being closed.")
    package static let resourcePolicyNotFound = org(
        "ResourcePolicyNotFoundException", "We can't find a resource policy request with the parameter that you specified.")
    package static let sourceParentNotFound = org(
        "SourceParentNotFoundException", "We can't find a source root or OU with the ParentId that you specified.")
    package static let destinationParentNotFound = org(
        "DestinationParentNotFoundException", "We can't find the destination container (a root or OU) with the ParentId that you specified.")
    package static let duplicateAccount = org("DuplicateAccountException", "That account is already present in the specified destination.")
    package static let createAccountStatusNotFound = org(
        "CreateAccountStatusNotFoundException", "We can't find a create account request with the CreateAccountRequestId that you specified.")
    package static let handshakeNotFound = org("HandshakeNotFoundException", "We can't find a handshake with the HandshakeId that you specified.")
    package static let handshakeAlreadyInState = org(
        "HandshakeAlreadyInStateException",
        "The specified handshake is already in the requested state. For example, you can't accept a handshake that was already accepted.")
    package static let invalidHandshakeTransition = org(
        "InvalidHandshakeTransitionException",
        "You can't perform the operation on the handshake in its current state. For example, you can't cancel a handshake that was already accepted or accept a handshake that was already declined."
    )
    package static let duplicateHandshake = org(
        "DuplicateHandshakeException",
        "A handshake with the same action and target already exists. For example, if you invited an account to join your organization, the invited account might already have a pending invitation from this organization."
    )
    package static let masterCannotLeave = org(
        "MasterCannotLeaveOrganizationException",
        "You can't remove a management account from an organization. If you want the management account to become a member account in another organization, you must first delete the current organization of the management account."
    )
    package static let rootNotFound = org("RootNotFoundException", "We can't find a root with the RootId that you specified.")
    package static let policyTypeAlreadyEnabled = org(
        "PolicyTypeAlreadyEnabledException", "The specified policy type is already enabled in the specified root.")
    package static let policyTypeNotEnabled = org(
        "PolicyTypeNotEnabledException",
        "The specified policy type isn't currently enabled in this root. You can't attach policies of the specified type to entities in a root until you enable that type in the root."
    )
    package static let policyTypeNotAvailable = org(
        "PolicyTypeNotAvailableForOrganizationException",
        "You can't use the specified policy type with the feature set currently enabled for this organization. For example, you can enable SCPs only after you enable all features in the organization."
    )
    package static let effectivePolicyNotFound = org(
        "EffectivePolicyNotFoundException", "We can't find an effective policy of the specified type for the specified target.")
    package static let duplicatePolicy = org("DuplicatePolicyException", "A policy with the same name already exists.")
    package static let policyNotFound = org("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.")
    package static let policyInUse = org(
        "PolicyInUseException",
        "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.")
    package static let duplicatePolicyAttachment = org(
        "DuplicatePolicyAttachmentException", "The selected policy is already attached to the specified target.")
    package static let policyNotAttached = org(
        "PolicyNotAttachedException", "The policy isn't attached to the specified target in the specified root.")
    package static let targetNotFound = org(
        "TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.")
    package static let accountAlreadyRegistered = org(
        "AccountAlreadyRegisteredException", "The provided account is already a delegated administrator for your organization.")
    package static let accountNotRegistered = org(
        "AccountNotRegisteredException", "The provided account is not a registered delegated administrator for your organization.")

    package static func malformedSCPDocument(_ detail: String) -> ServiceError {
        org("MalformedPolicyDocumentException", "The provided policy document doesn't meet the requirements of the specified policy type: \(detail)")
    }

    /// ConstraintViolationException, whose `Reason` says which limit or rule was hit.
    package static func constraintViolation(_ reason: OrganizationConstraint) -> ServiceError {
        org("ConstraintViolationException", reason.message, reason: reason.rawValue)
    }

    package static func handshakeConstraintViolation(_ reason: HandshakeConstraint) -> ServiceError {
        org("HandshakeConstraintViolationException", reason.message, reason: reason.rawValue)
    }

    /// Organizations validates its own input and names the member at fault.
    package static func invalidInput(_ reason: String, _ message: String) -> ServiceError {
        org("InvalidInputException", message, reason: reason)
    }

    package static func inputRequired(_ member: String) -> ServiceError {
        invalidInput("INPUT_REQUIRED", "You must specify a value for \(member).")
    }

    package static func invalidPattern(_ member: String, _ value: String) -> ServiceError {
        invalidInput("INVALID_PATTERN", "The value '\(value)' for \(member) does not match the required pattern.")
    }

    package static let invalidNextToken = invalidInput("INVALID_NEXT_TOKEN", "The specified token is invalid.")
}

/// ConstraintViolationException's reasons that Cairn can raise, with AWS's explanations.
package enum OrganizationConstraint: String, Sendable {
    case accountNumberLimitExceeded = "ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    case ouDepthLimitExceeded = "OU_DEPTH_LIMIT_EXCEEDED"
    case ouNumberLimitExceeded = "OU_NUMBER_LIMIT_EXCEEDED"
    case policyNumberLimitExceeded = "POLICY_NUMBER_LIMIT_EXCEEDED"
    case policyContentLimitExceeded = "POLICY_CONTENT_LIMIT_EXCEEDED"
    case maxPolicyTypeAttachmentLimitExceeded = "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    case minPolicyTypeAttachmentLimitExceeded = "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    case accountCannotLeaveOrganization = "ACCOUNT_CANNOT_LEAVE_ORGANIZATION"
    case organizationNotInAllFeaturesMode = "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE"
    case maxDelegatedAdministratorsForServiceLimitExceeded = "MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED"
    case cannotRegisterMasterAsDelegatedAdministrator = "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR"
    case cannotRemoveDelegatedAdministratorFromOrg = "CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG"
    case serviceAccessNotEnabled = "SERVICE_ACCESS_NOT_ENABLED"
    case cannotRegisterSuspendedAccountAsDelegatedAdministrator = "CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR"
    case maxTagLimitExceeded = "MAX_TAG_LIMIT_EXCEEDED"
    case cannotCloseManagementAccount = "CANNOT_CLOSE_MANAGEMENT_ACCOUNT"
    case closeAccountQuotaExceeded = "CLOSE_ACCOUNT_QUOTA_EXCEEDED"

    package var message: String {
        switch self {
        case .accountNumberLimitExceeded: "You have reached the limit on the number of accounts in an organization."
        case .ouDepthLimitExceeded: "You attempted to create an OU tree that is too many levels deep."
        case .ouNumberLimitExceeded: "You have reached the limit on the number of OUs that you can have in an organization."
        case .policyNumberLimitExceeded: "You have reached the limit on the number of policies of this type that you can have in an organization."
        case .policyContentLimitExceeded: "You attempted to create a policy that is larger than the maximum size."
        case .maxPolicyTypeAttachmentLimitExceeded: "You attempted to exceed the number of policies of this type that you can attach to an entity."
        case .minPolicyTypeAttachmentLimitExceeded:
            "You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of this type required."
        case .accountCannotLeaveOrganization:
            "You attempted to remove the management account from the organization. You can't remove the management account."
        case .organizationNotInAllFeaturesMode:
            "You attempted to perform an operation that requires the organization to be configured to support all features."
        case .maxDelegatedAdministratorsForServiceLimitExceeded:
            "You attempted to register more delegated administrators than allowed for the service principal."
        case .cannotRegisterMasterAsDelegatedAdministrator:
            "You can't register the management account of the organization as a delegated administrator for an AWS service integrated with Organizations."
        case .cannotRemoveDelegatedAdministratorFromOrg:
            "You can't remove an account that is a delegated administrator from the organization. Deregister it as a delegated administrator first."
        case .serviceAccessNotEnabled:
            "You attempted to register a delegated administrator before you enabled service access for the service principal."
        case .cannotRegisterSuspendedAccountAsDelegatedAdministrator: "You can't register a suspended account as a delegated administrator."
        case .maxTagLimitExceeded: "You have exceeded the number of tags allowed on this resource."
        case .cannotCloseManagementAccount: "You attempted to close the management account. You can't close the management account with this API."
        case .closeAccountQuotaExceeded:
            "You have exceeded the number of accounts that you can close within a rolling 30-day period: the higher of 250 or 20% of the organization's member accounts, up to 1,000."
        }
    }
}

/// HandshakeConstraintViolationException's reasons that Cairn can raise.
package enum HandshakeConstraint: String, Sendable {
    case accountNumberLimitExceeded = "ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    case alreadyInAnOrganization = "ALREADY_IN_AN_ORGANIZATION"
    case sourceAndTargetCannotMatch = "SOURCE_AND_TARGET_CANNOT_MATCH"
    case organizationAlreadyHasAllFeatures = "ORGANIZATION_ALREADY_HAS_ALL_FEATURES"
    case organizationIsAlreadyPendingAllFeaturesMigration = "ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION"
    case inviteDisabledDuringEnableAllFeatures = "INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES"

    package var message: String {
        switch self {
        case .accountNumberLimitExceeded:
            "You can't invite an account to the organization because that would exceed the limit on the number of accounts in the organization."
        case .alreadyInAnOrganization: "The handshake request is invalid because the invited account is already a member of an organization."
        case .sourceAndTargetCannotMatch: "You can't invite the management account of the organization to join it."
        case .organizationAlreadyHasAllFeatures: "The handshake request is invalid because the organization has already enabled all features."
        case .organizationIsAlreadyPendingAllFeaturesMigration:
            "The handshake request is invalid because the organization is already in the process of enabling all features."
        case .inviteDisabledDuringEnableAllFeatures:
            "You can't issue new invitations to join an organization while it's in the process of enabling all features."
        }
    }
}

/// CloudTrail's own errors for its delegated-administrator registration (RegisterOrganizationDelegatedAdmin).
extension ServiceError {
    private static func trail(_ code: String, _ message: String) -> ServiceError {
        ServiceError(code: code, status: 400, message: message)
    }

    package static let cloudTrailOrganizationsNotInUse = trail(
        "OrganizationsNotInUseException",
        "This request is made from an AWS account that is not a member of an organization. To make this request, sign in using the credentials of an account that belongs to an organization."
    )
    package static let notOrganizationManagementAccount = trail(
        "NotOrganizationManagementAccountException",
        "You cannot register or deregister a delegated administrator because this action requires being signed in with the management account of the organization."
    )
    package static let organizationNotInAllFeaturesMode = trail(
        "OrganizationNotInAllFeaturesModeException",
        "This organization is not configured to support all features. All features must be enabled in Organizations to support delegated administrators for CloudTrail."
    )
    package static func cloudTrailAccessNotEnabled(caller: AccountId) -> ServiceError {
        trail(
            "CloudTrailAccessNotEnabledException",
            "The request could not be processed because your organization hasn't enabled CloudTrail service access. Enable service access for CloudTrail, and then try again. You are signed in with the following AWS account ID: \(caller.value)"
        )
    }
    package static let cannotDelegateManagementAccount = trail(
        "CannotDelegateManagementAccountException", "You cannot register the management account of the organization as a delegated administrator.")
    package static func cloudTrailAccountNotFound(_ account: String) -> ServiceError {
        trail("AccountNotFoundException", "The account \(account) was not found or is not a member of the organization.")
    }
    package static func accountRegistered(_ account: String) -> ServiceError {
        trail("AccountRegisteredException", "Account \(account) is already registered as a delegated administrator for CloudTrail.")
    }
    package static func accountNotRegistered(_ account: String) -> ServiceError {
        trail("AccountNotRegisteredException", "Account \(account) is not registered as a delegated administrator for CloudTrail.")
    }
    package static let delegatedAdminAccountLimitExceeded = trail(
        "DelegatedAdminAccountLimitExceededException",
        "The maximum number of delegated administrators for CloudTrail (3) has been reached for this organization.")
    package static func invalidParameter(_ message: String) -> ServiceError { trail("InvalidParameterException", message) }
}
