import HTTPTypes
import OpenAPIRuntime

/// A request with neither a body nor a Content-Type carries no body. The Hummingbird transport hands the
/// generated code an empty body even then, which an optional JSON request body (POST /v1/organization)
/// would refuse as invalid JSON. The body is already in memory: RESTAuthenticationMiddleware read it to
/// check the signature.
struct OptionalBodyMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard request.headerFields[.contentType] == nil, let body else { return try await next(request, body, metadata) }
        let bytes = try await [UInt8](collecting: body, upTo: .max)
        return try await next(request, bytes.isEmpty ? nil : HTTPBody(bytes), metadata)
    }
}
