import CairnCore
import CairnStore
import HTTPTypes
import Hummingbird
import Metrics

/// The outermost layer, and the one place that sets `x-amzn-RequestId`: on every response, of every door.
/// It counts requests by route and status, and answers what reached no door (an unknown path or method) as
/// a REST problem; each door words its own errors (AWSErrorMiddleware, RESTErrorMiddleware).
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = CairnRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = ErrorEncoder.response(
                ErrorEncoder.serviceError(from: error, logger: context.logger), door: .rest, requestId: context.requestId)
        }
        response.headers[.requestId] = context.requestId
        let route = context.endpointPath ?? "unmatched"
        MetricHandles.shared.counter("cairn_http_requests_total", ("route", route), ("status", String(response.status.code))).increment()
        MetricHandles.shared.timer("cairn_http_request_duration_seconds", ("route", route))
            .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
        return response
    }
}

extension HTTPField.Name {
    static let requestId = HTTPField.Name("x-amzn-RequestId")!
    static let amzTarget = HTTPField.Name("x-amz-target")!
}
