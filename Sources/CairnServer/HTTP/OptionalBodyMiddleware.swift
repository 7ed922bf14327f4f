import HTTPTypes
import OpenAPIRuntime

/// A request with neither a body nor a Content-Type carries no body. The Hummingbird transport hands the
/// generated code an empty body even then, which an optional JSON request body (POST /v1/organization)
/// would refuse as invalid JSON. The body is already in memory: RESTAuthenticationMiddleware read it to
/// check the signature. A GET or HEAD (none of which has a request body in openapi.yaml) is passed on without one.
struct OptionalBodyMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard request.headerFields[.contentType] == nil, let body else { return try await next(request, body, metadata) }
        // No GET in openapi.yaml takes a body: nothing to read, and reading the empty stream cost a GET a few
        // task switches (docs/benchmarks.md, 2026-12-07).
        if request.method == .get || request.method == .head { return try await next(request, nil, metadata) }
        let bytes = try await [UInt8](collecting: body, upTo: .max)
        return try await next(request, bytes.isEmpty ? nil : HTTPBody(bytes), metadata)
    }
}
