/// libpq's target_session_attrs: which of a URL's hosts a session may use. libpq tries the hosts in order and keeps
/// the first that answers and qualifies; Cairn does the same, and again after a failover.
package enum TargetSessionAttributes: String, Sendable, CaseIterable {
    /// Any host that accepts the connection (libpq's default).
    case any
    /// A host whose sessions may write (`transaction_read_only` off): what the service's own pool asks for.
    case readWrite = "read-write"
    /// A host whose sessions are read-only.
    case readOnly = "read-only"
    /// A host that is not in recovery.
    case primary
    /// A host in recovery (a streaming standby).
    case standby
    /// A standby if one answers, else any host.
    case preferStandby = "prefer-standby"

    /// Whether a host in this state qualifies on the first pass over the hosts (prefer-standby takes any host on a
    /// second pass, as libpq does).
    package func accepts(inRecovery: Bool, readOnly: Bool) -> Bool {
        switch self {
        case .any: true
        case .readWrite: !readOnly
        case .readOnly: readOnly
        case .primary: !inRecovery
        case .standby, .preferStandby: inRecovery
        }
    }

    /// Whether the checks need to ask the server at all.
    package var asksServer: Bool { self != .any }
}
