import CairnCore
import Foundation
import Hummingbird

/// Authenticates every `/v1/…` request with SigV4 (service name `cairn`) and sets the request scope the
/// generated handlers run in. The body is read here, once, because the signature covers it.
struct RESTAuthenticationMiddleware: RouterMiddleware {
    typealias Context = CairnRequestContext
    let authenticator: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/") || request.uri.path == "/v1" else {
            return try await next(request, context)
        }
        let (signed, body) = try await SignedRequestReader.read(request, context: context)
        let who = try await authenticator.authenticate(signed, now: Date(), logger: context.logger)
        guard who.service == .cairn else {
            throw ServiceError.incompleteSignature("Credential should be scoped to correct service: 'cairn'. ")
        }
        var request = request
        request.body = .init(buffer: body)
        let scope = RequestScope(
            requestId: context.requestId, principal: who.principal, region: who.region, sourceIP: context.sourceIP,
            userAgent: request.headers[.userAgent] ?? "", logger: context.logger, received: Date(),
                policyEpoch: who.policyEpoch, organizationEpoch: who.organizationEpoch)
        return try await RequestScope.$current.withValue(scope) { try await next(request, context) }
    }
}
