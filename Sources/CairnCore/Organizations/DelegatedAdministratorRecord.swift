package import Foundation

/// A member account registered as delegated administrator for one service principal.
package struct DelegatedAdministratorRecord: Sendable, Equatable {
    package let member: MemberAccountRecord
    package let servicePrincipal: String
    package let delegatedAt: Date

    package init(member: MemberAccountRecord, servicePrincipal: String, delegatedAt: Date) {
        self.member = member
        self.servicePrincipal = servicePrincipal
        self.delegatedAt = delegatedAt
    }
}

/// A service principal with trusted access to an organization.
package struct EnabledServiceRecord: Sendable, Equatable {
    package let servicePrincipal: String
    package let enabledAt: Date

    package init(servicePrincipal: String, enabledAt: Date) {
        self.servicePrincipal = servicePrincipal
        self.enabledAt = enabledAt
    }
}
