import CairnCore
import CairnPolicy
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reads a request's body (bounded) and the parts a SigV4 signature covers.
enum SignedRequestReader {
    static func read(_ request: Request, context: CairnRequestContext) async throws -> (SigV4Request, ByteBuffer) {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: ServerSettings.maxBodyBytes)
        } catch {
            throw ServiceError.bodyTooLarge(limit: ServerSettings.maxBodyBytes)
        }
        var headers: [String: String] = [:]
        for field in request.headers {
            // HTTPTypes keeps field names lowercase already (`canonicalName`).
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0),\(field.value)" } ?? field.value
        }
        if headers["host"] == nil, let authority = request.head.authority { headers["host"] = authority }
        let computed = Hexadecimal.string(SHA256.hash(data: body.readableBytesView))
        var bodyHash = computed
        if let declared = headers["x-amz-content-sha256"] {
            if declared == "UNSIGNED-PAYLOAD" {
                bodyHash = declared
            } else if declared.lowercased() != computed {
                throw ServiceError(
                    code: "XAmzContentSHA256Mismatch", status: 400,
                    message: "The provided 'x-amz-content-sha256' header does not match what was computed.")
            }
        }
        let path = request.uri.path
        let query = request.uri.query ?? ""
        return (
            SigV4Request(method: request.method.rawValue, rawPath: path, rawQuery: query, headers: headers, bodyHash: bodyHash),
            body
        )
    }

    /// The service a request says it was signed for, read from its credential scope without checking
    /// anything: only to answer a refusal in that service's words before the request is authenticated.
    static func signingService(of request: Request) -> Service? {
        let credential: Substring?
        if let header = request.headers[.authorization], let range = header.range(of: "Credential=") {
            credential = header[range.upperBound...].prefix { $0 != "," && $0 != " " }
        } else if let query = request.uri.query {
            credential = SigV4Request.parseQuery(query)["X-Amz-Credential"].map { Substring($0) }
        } else {
            credential = nil
        }
        guard let parts = credential?.split(separator: "/", omittingEmptySubsequences: false), parts.count == 5 else { return nil }
        return Service(signingName: String(parts[3]))
    }
}
