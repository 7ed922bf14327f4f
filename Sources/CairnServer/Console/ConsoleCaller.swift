import CairnCore
import Foundation
import Logging

/// A signed-in browser's request: who (the session's principal), in which region, and the form it sent. Each
/// operation a page runs gets a scope of its own (its own request id and time), as each API call the AWS console
/// makes is a call of its own.
struct ConsoleCaller: Sendable {
    let session: ConsoleSession
    let authenticated: Authenticator.Authenticated
    let sourceIP: String
    let userAgent: String
    let logger: Logger
    /// The query string's fields (GET) or the body's (POST).
    let form: ConsoleForm

    var principal: Principal { authenticated.principal }
    var region: String { authenticated.region }

    func scope() -> RequestScope {
        RequestScope(
            requestId: CallIdentifier.next(), principal: principal, region: region, sourceIP: sourceIP, userAgent: userAgent,
            logger: logger, received: Date(), policyEpoch: authenticated.policyEpoch, organizationEpoch: authenticated.organizationEpoch)
    }
}
