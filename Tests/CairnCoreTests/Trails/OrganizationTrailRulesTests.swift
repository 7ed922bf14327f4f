import Testing

@testable import CairnCore

@Suite("Organization trail prerequisites")
struct OrganizationTrailRulesTests {
    typealias F = TrailFixtures
    typealias Rules = OrganizationTrailRules

    func facts(
        _ standing: Rules.Standing, caller: String = F.management, allFeatures: Bool = true, trustedAccess: Bool = true,
        serviceLinkedRole: Bool = true, permissions: Bool = true
    ) -> Rules.Facts {
        Rules.Facts(
            callerAccountId: caller, standing: standing, managementAccountId: standing == .standalone ? nil : F.management,
            allFeaturesEnabled: allFeatures, trustedAccessEnabled: trustedAccess,
            managementAccountHasServiceLinkedRole: serviceLinkedRole, callerHasDependencyPermissions: permissions)
    }

    @Test("the management account may create an organization trail, and owns it")
    func managementCreates() throws {
        let clearance = try Rules.check(.create, facts: facts(.managementAccount))
        #expect(clearance.ownerAccountId == F.management && !clearance.createsServiceLinkedRole)
    }

    @Test("a delegated administrator may create one, but the management account owns it")
    func delegatedAdministratorCreates() throws {
        #expect(try Rules.check(.create, facts: facts(.delegatedAdministrator, caller: F.delegatedAdmin)).ownerAccountId == F.management)
        #expect(try Rules.check(.modify, facts: facts(.delegatedAdministrator, caller: F.delegatedAdmin)).ownerAccountId == F.management)
    }

    @Test("an account outside any organization gets OrganizationsNotInUseException")
    func standalone() {
        #expect(F.violation { try Rules.check(.create, facts: facts(.standalone, caller: F.outsider)) } == .organizationsNotInUse)
    }

    @Test("a consolidated-billing organization gets OrganizationNotInAllFeaturesModeException")
    func consolidatedBilling() {
        #expect(F.violation { try Rules.check(.create, facts: facts(.managementAccount, allFeatures: false)) } == .organizationNotInAllFeaturesMode)
    }

    @Test("a plain member gets NotOrganizationMasterAccountException with AWS's message")
    func member() {
        #expect(F.violation { try Rules.check(.create, facts: facts(.memberAccount, caller: F.member)) } == .notOrganizationMasterAccount)
        #expect(
            TrailRuleViolation.notOrganizationMasterAccount.message
                == "You cannot configure or manage trails for an organization because this action requires being signed in with the management account."
        )
    }

    @Test(
        "only the management account converts between account and organization trails",
        arguments: [
            Rules.Action.convertToOrganizationTrail, .convertToAccountTrail,
        ])
    func conversionsAreManagementOnly(action: Rules.Action) throws {
        #expect(
            F.violation { try Rules.check(action, facts: facts(.delegatedAdministrator, caller: F.delegatedAdmin)) } == .notOrganizationMasterAccount)
        #expect(try Rules.check(action, facts: facts(.managementAccount)).ownerAccountId == F.management)
    }

    @Test("trusted access not enabled is CloudTrailAccessNotEnabledException naming the caller")
    func trustedAccess() {
        #expect(
            F.violation { try Rules.check(.create, facts: facts(.managementAccount, trustedAccess: false)) }
                == .cloudTrailAccessNotEnabled(callerAccountId: F.management))
        #expect(
            TrailRuleViolation.cloudTrailAccessNotEnabled(callerAccountId: F.management).message.hasSuffix(
                "You are signed in with the following AWS account ID: 111111111111"))
    }

    @Test("a missing service-linked role is created by the management account, refused for a delegated administrator")
    func serviceLinkedRole() throws {
        #expect(try Rules.check(.create, facts: facts(.managementAccount, serviceLinkedRole: false)).createsServiceLinkedRole)
        #expect(
            F.violation { try Rules.check(.create, facts: facts(.delegatedAdministrator, caller: F.delegatedAdmin, serviceLinkedRole: false)) }
                == .noManagementAccountServiceLinkedRole)
    }

    @Test("a caller without the dependency permissions gets InsufficientDependencyServiceAccessPermissionException")
    func dependencyPermissions() {
        #expect(
            F.violation { try Rules.check(.create, facts: facts(.managementAccount, permissions: false)) } == .insufficientDependencyServiceAccess)
    }

    @Test("the first unmet rule wins, in the documented order")
    func order() {
        let everythingMissing = { (standing: Rules.Standing) in
            facts(standing, caller: F.member, allFeatures: false, trustedAccess: false, serviceLinkedRole: false, permissions: false)
        }
        #expect(F.violation { try Rules.check(.create, facts: everythingMissing(.standalone)) } == .organizationsNotInUse)
        #expect(F.violation { try Rules.check(.create, facts: everythingMissing(.memberAccount)) } == .organizationNotInAllFeaturesMode)
        #expect(
            F.violation { try Rules.check(.create, facts: facts(.memberAccount, caller: F.member, trustedAccess: false)) }
                == .notOrganizationMasterAccount)
        #expect(
            F.violation {
                try Rules.check(
                    .create, facts: facts(.delegatedAdministrator, caller: F.delegatedAdmin, trustedAccess: false, serviceLinkedRole: false))
            }?.code
                == "CloudTrailAccessNotEnabledException")
        #expect(
            F.violation {
                try Rules.check(
                    .create, facts: facts(.delegatedAdministrator, caller: F.delegatedAdmin, serviceLinkedRole: false, permissions: false))
            }
                == .noManagementAccountServiceLinkedRole)
    }

    @Test("converting back to an account trail needs neither trusted access nor all features")
    func convertBackIsLenient() {
        #expect(
            F.violation {
                try Rules.check(
                    .convertToAccountTrail, facts: facts(.managementAccount, allFeatures: false, trustedAccess: false, serviceLinkedRole: false))
            } == nil)
    }
}
