import Hummingbird
import NIOCore

/// Hands a REST answer to Hummingbird as one buffer. The OpenAPI transport turns every generated answer into a
/// streamed body, which Hummingbird writes as a head, then the body, each with its own `write` system call; a
/// single-buffer body goes out with its head in one `writev`. Measured on `GET /v1/trails` at 64 connections:
/// two writes per call became one (docs/benchmarks.md, issue 15). Bodies of unknown or large size still stream.
struct WholeBodyResponseMiddleware<Context: RequestContext>: RouterMiddleware {
    /// REST answers are pages of at most a few hundred items; beyond this they stream as before.
    static var largestGathered: Int { 1 << 20 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard let length = response.body.contentLength, length <= Self.largestGathered else { return response }
        let gathered = GatheredBody(capacity: length)
        try await response.body.write(BodyGatherer(into: gathered))
        response.body = ResponseBody(byteBuffer: gathered.buffer)
        return response
    }
}

/// Where a `BodyGatherer` puts what it is written; a class because the writer is consumed by value.
private final class GatheredBody {
    var buffer: ByteBuffer

    init(capacity: Int) { buffer = ByteBufferAllocator().buffer(capacity: capacity) }
}

private struct BodyGatherer: ResponseBodyWriter {
    let into: GatheredBody

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        into.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
