import CairnCore
import CairnStore
import Hummingbird

/// A door's error boundary: whatever a door's routes throw — a refused signature, an operation the runner
/// answered with an error, a body past the size limit — leaves in that door's shape. One per door, as a
/// route group's middleware.
struct DoorErrorMiddleware: RouterMiddleware {
    typealias Context = CairnRequestContext
    /// Which shape a request of this door is answered in.
    let door: @Sendable (Request) -> ErrorEncoder.Door
    /// The REST door seals its refusals' authorization messages with the master key.
    var sealing: SecretBox? = nil

    static func rest(sealing secrets: SecretBox) -> DoorErrorMiddleware { DoorErrorMiddleware(door: { _ in .rest }, sealing: secrets) }

    /// The AWS door: JSON 1.1 and REST-JSON calls name their operation in the target header or the path; the
    /// rest are Query calls, answered in the namespace of the service the request was signed for.
    static let aws = DoorErrorMiddleware { request in
        let service = SignedRequestReader.signingService(of: request)
        if request.headers[.amzTarget] != nil || request.uri.path != "/" { return .json(service) }
        return .query(service)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return ErrorEncoder.response(
                ErrorEncoder.serviceError(from: error, logger: context.logger), door: door(request), requestId: context.requestId,
                sealing: sealing)
        }
    }
}
