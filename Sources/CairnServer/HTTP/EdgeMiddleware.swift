import CairnCore
import HTTPTypes
import Hummingbird
import Metrics
import OpenAPIRuntime

/// The outermost layer: every response carries `x-amzn-RequestId`, every error leaves in its front door's
/// shape (never a bare 500 page), and every request is counted.
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = CairnRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let unwrapped = ErrorEncoder.serviceError(from: error)
            if unwrapped.status >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            let door: ErrorEncoder.Door =
                request.uri.path != "/" ? .rest : (request.headers[HTTPField.Name("x-amz-target")!] != nil ? .json : .query(nil))
            response = ErrorEncoder.response(unwrapped, door: door, requestId: context.requestId)
        }
        response.headers[HTTPField.Name("x-amzn-RequestId")!] = context.requestId
        let route = context.endpointPath ?? "unmatched"
        Counter(label: "cairn_http_requests_total", dimensions: [("route", route), ("status", String(response.status.code))]).increment()
        Timer(label: "cairn_http_request_duration_seconds", dimensions: [("route", route)]).recordNanoseconds((ContinuousClock.now - started).nanoseconds)
        return response
    }

    /// The OpenAPI layer wraps handler errors and its own decoding failures; a decoding failure is the
    /// caller's mistake and its message names the field.
    static func explain(_ error: ServerError) -> ServiceError {
        if let e = error.underlyingError as? ServiceError { return e }
        if let e = error.underlyingError as? DecodingError {
            switch e {
            case .keyNotFound(let key, let ctx):
                return .missingParameter((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
                let path = ctx.codingPath.map(\.stringValue).joined(separator: ".")
                return .serialization("\(path.isEmpty ? "body" : path): \(ctx.debugDescription)")
            @unknown default:
                return .serialization("The request body could not be read.")
            }
        }
        if error.causeDescription.contains("Unexpected content type") || error.causeDescription.contains("content type") {
            return ServiceError(code: "UnsupportedMediaType", status: 415, message: "Content-Type must be application/json")
        }
        if error.httpStatus.code < 500 || error.causeDescription.lowercased().contains("decod") {
            return .serialization("\(error.causeDescription): \(error.underlyingError)")
        }
        return ErrorEncoder.serviceError(from: error.underlyingError)
    }
}
