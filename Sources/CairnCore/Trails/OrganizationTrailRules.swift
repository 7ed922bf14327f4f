/// Who may create, change and convert organization trails, and the prerequisites each needs.
package enum OrganizationTrailRules {
    /// The caller's place in its organization, as far as CloudTrail is concerned.
    package enum Standing: Hashable, Sendable {
        /// The account belongs to no organization.
        case standalone
        case managementAccount
        /// A member registered as a CloudTrail delegated administrator.
        case delegatedAdministrator
        case memberAccount
    }

    /// The organization-side facts the rules look at. The store gathers them; nothing here looks them up.
    package struct Facts: Hashable, Sendable {
        package let callerAccountId: String
        package let standing: Standing
        package let managementAccountId: String?
        /// Feature set ALL (not CONSOLIDATED_BILLING).
        package let allFeaturesEnabled: Bool
        /// Trusted access enabled for `cloudtrail.amazonaws.com`.
        package let trustedAccessEnabled: Bool
        /// `AWSServiceRoleForCloudTrail` exists in the management account.
        package let managementAccountHasServiceLinkedRole: Bool
        /// The caller's identity may call the Organizations/IAM APIs CloudTrail needs (ListAccounts,
        /// DescribeOrganization, iam:CreateServiceLinkedRole, …).
        package let callerHasDependencyPermissions: Bool

        package init(
            callerAccountId: String, standing: Standing, managementAccountId: String?, allFeaturesEnabled: Bool,
            trustedAccessEnabled: Bool, managementAccountHasServiceLinkedRole: Bool,
            callerHasDependencyPermissions: Bool = true
        ) {
            self.callerAccountId = callerAccountId
            self.standing = standing
            self.managementAccountId = managementAccountId
            self.allFeaturesEnabled = allFeaturesEnabled
            self.trustedAccessEnabled = trustedAccessEnabled
            self.managementAccountHasServiceLinkedRole = managementAccountHasServiceLinkedRole
            self.callerHasDependencyPermissions = callerHasDependencyPermissions
        }
    }

    package enum Action: Hashable, Sendable {
        /// CreateTrail with IsOrganizationTrail=true.
        case create
        /// UpdateTrail (or another mutation) of a trail that is and stays an organization trail.
        case modify
        /// UpdateTrail IsOrganizationTrail false → true: management account only.
        case convertToOrganizationTrail
        /// UpdateTrail IsOrganizationTrail true → false: management account only.
        case convertToAccountTrail
    }

    /// What the caller must do after the rules pass.
    package struct Clearance: Hashable, Sendable {
        /// The account that owns the trail: always the management account, also when a delegated
        /// administrator created it, so its ARN carries the management account id.
        package let ownerAccountId: String
        /// The management account calling CloudTrail creates the missing service-linked role as a side
        /// effect (it is not created by Organizations-side setup).
        package let createsServiceLinkedRole: Bool
    }

    /// Returns the first unmet rule, in this order:
    /// 1. the caller belongs to an organization (`OrganizationsNotInUseException`);
    /// 2. the organization has all features (`OrganizationNotInAllFeaturesModeException`);
    /// 3. the caller is the management account, or a delegated administrator for create/modify
    ///    (`NotOrganizationMasterAccountException`);
    /// 4. trusted access for cloudtrail.amazonaws.com is enabled (`CloudTrailAccessNotEnabledException`);
    /// 5. the management account has the service-linked role, unless the caller is the management account,
    ///    which creates it (`NoManagementAccountSLRExistsException`);
    /// 6. the caller may call the dependency APIs (`InsufficientDependencyServiceAccessPermissionException`).
    ///
    /// Converting back to an account trail checks only 1 and 3: it removes organization resources, so
    /// trusted access and the role are not needed for it.
    package static func check(_ action: Action, facts: Facts) throws(TrailRuleViolation) -> Clearance {
        guard facts.standing != .standalone, let management = facts.managementAccountId else {
            throw .organizationsNotInUse
        }
        if action != .convertToAccountTrail && !facts.allFeaturesEnabled {
            throw .organizationNotInAllFeaturesMode
        }
        switch (facts.standing, action) {
        case (.managementAccount, _), (.delegatedAdministrator, .create), (.delegatedAdministrator, .modify):
            break
        default:
            throw .notOrganizationMasterAccount
        }
        if action == .convertToAccountTrail {
            return Clearance(ownerAccountId: management, createsServiceLinkedRole: false)
        }
        if !facts.trustedAccessEnabled {
            throw .cloudTrailAccessNotEnabled(callerAccountId: facts.callerAccountId)
        }
        let isManagement = facts.standing == .managementAccount
        if !facts.managementAccountHasServiceLinkedRole && !isManagement {
            throw .noManagementAccountServiceLinkedRole
        }
        if !facts.callerHasDependencyPermissions {
            throw .insufficientDependencyServiceAccess
        }
        return Clearance(ownerAccountId: management, createsServiceLinkedRole: !facts.managementAccountHasServiceLinkedRole)
    }
}
