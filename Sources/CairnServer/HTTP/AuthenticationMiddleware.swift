import CairnCore
import Foundation
import Hummingbird

/// Authenticates every request of a door with SigV4 and puts the caller on the request context. The body is
/// read here, once, because the signature covers it, and handed on in memory.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = CairnRequestContext
    let authenticator: Authenticator
    /// The signing name the door requires of every request (`cairn` for REST); nil when the operation decides
    /// (the AWS door serves several services).
    var signingService: Service? = nil
    /// Whether a request with no signature at all goes on with no caller: the AWS door serves the few operations
    /// AWS serves unsigned (sts:AssumeRoleWithWebIdentity) and refuses every other as unauthenticated.
    var admitsUnsigned = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let (signed, body) = try await SignedRequestReader.read(request, context: context)
        var context = context
        do {
            let caller = try await authenticator.authenticate(signed, now: Date(), logger: context.logger)
            if let signingService, caller.service != signingService { throw ServiceError.wrongSigningService(signingService) }
            context.caller = caller
        } catch let error as ServiceError where admitsUnsigned && error == .missingAuthentication {
            context.caller = nil
        }
        var request = request
        request.body = .init(buffer: body)
        return try await next(request, context)
    }
}
