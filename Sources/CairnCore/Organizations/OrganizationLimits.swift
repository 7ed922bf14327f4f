/// AWS Organizations' quotas that Cairn enforces (Organizations quotas page), and its limits on
/// delegated administrators per service.
package enum OrganizationLimits {
    /// OUs nest at most five levels below the root.
    package static let maximumOUDepth = 5
    package static let maximumOUs = 1_000
    package static let maximumPoliciesPerType = 1_000
    /// Up to five SCPs attached directly to one root, OU or account.
    package static let maximumPoliciesPerTarget = 5
    package static let maximumSCPCharacters = 5_120
    package static let maximumPageSize = 20
    package static let invitationDays = 15
    /// AWS's default account quota per organization, and the ceiling an operator may raise one to.
    package static let defaultAccountLimit = 10
    package static let maximumAccountLimit = 100_000

    /// CloudTrail allows three delegated administrators per organization; Cairn sets no limit for other
    /// service principals (AWS's vary by service and are documented per service).
    package static func maximumDelegatedAdministrators(for servicePrincipal: String) -> Int? {
        servicePrincipal == "cloudtrail.amazonaws.com" ? 3 : nil
    }

    /// Service principals Organizations recognises: `name.amazonaws.com`, lowercase.
    package static func isRecognisedServicePrincipal(_ s: String) -> Bool {
        guard s.hasSuffix(".amazonaws.com"), s.utf8.count <= 128 else { return false }
        let name = s.dropLast(".amazonaws.com".count)
        return !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }
    }
}
