import Hummingbird

/// Generated REST handlers see only their typed input, so the caller's scope reaches them as a task-local,
/// set from the request context (the pattern of Hummingbird's OpenAPI template). The AWS door passes the
/// scope along explicitly and needs none of this.
struct RESTScopeMiddleware: RouterMiddleware {
    typealias Context = CairnRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let scope = try context.scope(userAgent: request.headers[.userAgent])
        return try await RequestScope.$current.withValue(scope) { try await next(request, context) }
    }
}
