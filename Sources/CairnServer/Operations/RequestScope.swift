import CairnCore
import Foundation
import Logging

/// What a door learned about a call before the operation runs: who, where, from which address. The AWS door
/// hands it to the runner; generated REST handlers only see their typed input, so for them it travels as a
/// task-local (RESTScopeMiddleware), the pattern Hummingbird's OpenAPI template uses.
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

    @TaskLocal static var current: RequestScope?

    /// The facts an operation's authorization and event start from.
    func facts(for entry: CatalogueOperation) -> CallFacts {
        CallFacts(
            operation: entry, principal: principal, region: region, requestId: requestId, sourceIP: sourceIP, userAgent: userAgent,
            time: received)
    }
}
