/// What an account is to AWS Organizations, which decides what it may call: the management account may do
/// everything; a delegated administrator (for any service) may read the organization; a member may describe
/// its organization and leave it; a standalone account may create one or answer an invitation.
package enum OrganizationStanding: Sendable, Equatable {
    case standalone
    case member(OrganizationRecord)
    case delegatedAdministrator(OrganizationRecord)
    case management(OrganizationRecord)

    package var organization: OrganizationRecord? {
        switch self {
        case .standalone: nil
        case .member(let o), .delegatedAdministrator(let o), .management(let o): o
        }
    }

    /// Any account of an organization; standalone → AWSOrganizationsNotInUseException.
    package func requireOrganization() throws(ServiceError) -> OrganizationRecord {
        guard let o = organization else { throw .organizationsNotInUse }
        return o
    }

    /// The management account only; others → AccessDeniedException, as AWS refuses a member.
    package func requireManagement() throws(ServiceError) -> OrganizationRecord {
        guard case .management(let o) = self else {
            if organization == nil { throw .organizationsNotInUse }
            throw .organizationsAccessDenied
        }
        return o
    }

    /// The management account or a delegated administrator: AWS's rule for the organization's read calls.
    package func requireReader() throws(ServiceError) -> OrganizationRecord {
        switch self {
        case .management(let o), .delegatedAdministrator(let o): return o
        case .member: throw .organizationsAccessDenied
        case .standalone: throw .organizationsNotInUse
        }
    }

    package var isManagement: Bool {
        if case .management = self { return true }
        return false
    }
}
