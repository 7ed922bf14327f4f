import CairnCore
import Foundation
package import Hummingbird
import NIOCore

/// Per-request context: Hummingbird's core storage, the request id and peer address (every response header
/// and every event needs them), and the authenticated caller, which AuthenticationMiddleware sets.
package struct CairnRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    let requestId: String
    let sourceIP: String
    /// Who signed the request; nil until AuthenticationMiddleware has run, and on anonymous routes.
    var caller: Authenticator.Authenticated?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestId = CallIdentifier.next()
        sourceIP = source.channel.remoteAddress?.ipAddress ?? "127.0.0.1"
        logger[metadataKey: "requestId"] = .string(requestId)
    }

    /// Bodies are read once, up to this size; larger ones are refused with 413 before any work.
    package var maxUploadSize: Int { ServerSettings.maxBodyBytes }

    /// The scope an operation runs in: who, where, from which address, as of when.
    /// The scope of an unsigned call, whose operation named its caller. Such calls go to STS's global endpoint,
    /// so their region is us-east-1, as a request without a credential scope has none of its own.
    func unsignedScope(_ principal: Principal, userAgent: String?) -> RequestScope {
        RequestScope(
            requestId: requestId, principal: principal, region: "us-east-1", sourceIP: sourceIP, userAgent: userAgent ?? "", logger: logger,
            received: Date(), policyEpoch: -1)
    }

    func scope(userAgent: String?) throws -> RequestScope {
        // Reaching an operation without an authenticated caller is a wiring bug, never a caller's fault.
        guard let caller else { throw ServiceError.internalFailure }
        return RequestScope(
            requestId: requestId, principal: caller.principal, region: caller.region, sourceIP: sourceIP, userAgent: userAgent ?? "",
            logger: logger, received: Date(), policyEpoch: caller.policyEpoch, organizationEpoch: caller.organizationEpoch)
    }
}
