/// The role a document plays. The same grammar means different things per role: a Principal is required in
/// trust and resource policies and forbidden elsewhere; SCPs and boundaries never grant on their own.
package enum PolicyType: String, Sendable, Hashable, Codable, CaseIterable {
    case identity
    case resource
    case scp
    /// A resource control policy: applies to the resources of its organization's member accounts, whoever calls.
    case rcp
    case permissionsBoundary
    case session
    case trust

    /// Accepts the short spellings people type on a command line.
    package init?(name: String) {
        switch name.lowercased() {
        case "identity", "iam": self = .identity
        case "resource": self = .resource
        case "scp", "servicecontrolpolicy": self = .scp
        case "rcp", "resourcecontrolpolicy": self = .rcp
        case "boundary", "permissionsboundary", "permissions-boundary": self = .permissionsBoundary
        case "session": self = .session
        case "trust", "assumerolepolicy": self = .trust
        default: return nil
        }
    }

    /// Resource-attached documents name who they apply to; identity-attached ones are implicitly about their holder.
    package var requiresPrincipal: Bool { self == .resource || self == .trust }
}
