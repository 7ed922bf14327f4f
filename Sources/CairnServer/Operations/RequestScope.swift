import CairnCore
import Foundation
import Logging

/// What the front door learned about a call before the operation runs: who, where, from which address.
/// Generated OpenAPI handlers only see their typed input, so the scope travels as a task-local value set by
/// the authenticating middleware, the pattern Hummingbird's OpenAPI template uses.
struct RequestScope: Sendable {
    let requestId: String
    let principal: Principal
    let region: String
    let sourceIP: String
    let userAgent: String
    let logger: Logger
    let received: Date
    let policyEpoch: Int64
    var organizationEpoch: Int64 = -1
    /// Shared by every copy of the scope, so the front door sees what the runner recorded.
    let ledger = CallLedger()

    @TaskLocal static var current: RequestScope?

    /// The facts an operation's authorization and event start from.
    func facts(for entry: CatalogueOperation) -> CallFacts {
        CallFacts(
            operation: entry, principal: principal, region: region, requestId: requestId, sourceIP: sourceIP, userAgent: userAgent,
            time: received)
    }
}
