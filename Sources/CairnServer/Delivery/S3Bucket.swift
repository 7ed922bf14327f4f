import AsyncHTTPClient
import CairnCore
import CairnPolicy
import Crypto
package import Foundation
import NIOCore
import NIOHTTP1

/// A bucket on an S3-compatible service (path-style addressing, SigV4-signed), mapped by configuration.
package struct S3Bucket: LogBucket {
    package let name: String
    package let endpoint: URL
    package let credentials: S3Credentials

    package init(name: String, endpoint: URL, credentials: S3Credentials) {
        self.name = name
        self.endpoint = endpoint
        self.credentials = credentials
    }

    package func put(key: String, body: Data, metadata: [String: String]) async throws {
        var headers = ["content-type": "application/gzip", "x-amz-acl": "bucket-owner-full-control"]
        for (k, v) in metadata { headers["x-amz-meta-\(k.lowercased())"] = v }
        let response = try await send("PUT", path: objectPath(key), query: "", headers: headers, body: body)
        guard (200..<300).contains(response.status) else { throw failure(response) }
    }

    package func get(key: String) async throws -> (body: Data, metadata: [String: String])? {
        let response = try await send("GET", path: objectPath(key), query: "", headers: [:], body: Data())
        if response.status == 404 { return nil }
        guard (200..<300).contains(response.status) else { throw failure(response) }
        var metadata: [String: String] = [:]
        for (k, v) in response.headers where k.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(k.lowercased().dropFirst("x-amz-meta-".count))] = v
        }
        return (response.body, metadata)
    }

    package func list(prefix: String) async throws -> [String] {
        var keys: [String] = []
        var token: String?
        repeat {
            var params = [("list-type", "2"), ("prefix", prefix)]
            if let token { params.append(("continuation-token", token)) }
            let query = params.sorted { $0.0 < $1.0 }.map { "\(SigV4Request.uriEncode($0.0))=\(SigV4Request.uriEncode($0.1))" }.joined(separator: "&")
            let response = try await send("GET", path: "/\(name)", query: query, headers: [:], body: Data())
            guard (200..<300).contains(response.status) else { throw failure(response) }
            let xml = String(decoding: response.body, as: UTF8.self)
            keys += Self.elements("Key", in: xml).map(Self.unescapeXML)
            token = Self.elements("IsTruncated", in: xml).first == "true" ? Self.elements("NextContinuationToken", in: xml).first : nil
        } while token != nil
        return keys.sorted()
    }

    private func objectPath(_ key: String) -> String { "/\(name)/" + SigV4Request.uriEncode(key, keepSlash: true) }

    private struct Response {
        let status: Int
        let headers: [(String, String)]
        let body: Data
    }

    private func send(_ method: String, path: String, query: String, headers extra: [String: String], body: Data) async throws -> Response {
        let basePath = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let fullPath = basePath + path
        var host = endpoint.host ?? "localhost"
        if let port = endpoint.port { host += ":\(port)" }
        let now = Date()
        let stamp = UTCTimestamp.compact(now)
        let payloadHash = Hexadecimal.string(SHA256.hash(data: body))
        var headers = extra
        headers["host"] = host
        headers["x-amz-date"] = stamp
        headers["x-amz-content-sha256"] = payloadHash
        let signed = headers.keys.sorted()
        let request = SigV4Request(method: method, rawPath: fullPath, rawQuery: query, headers: headers, bodyHash: payloadHash)
        let claim = SigV4Request.Claim(
            accessKeyId: credentials.accessKeyId, date: String(stamp.prefix(8)), region: credentials.region, service: "s3",
            signedHeaders: signed, signature: "", timestamp: stamp, sessionToken: nil, presigned: false, expires: nil)
        let signature = request.expectedSignature(for: claim, secret: credentials.secretAccessKey, doubleEncodePath: false)
        headers["authorization"] =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(stamp.prefix(8))/\(credentials.region)/s3/aws4_request, SignedHeaders=\(signed.joined(separator: ";")), Signature=\(signature)"

        var origin = "\(endpoint.scheme ?? "http")://\(host)"
        origin += fullPath + (query.isEmpty ? "" : "?\(query)")
        var http = HTTPClientRequest(url: origin)
        http.method = HTTPMethod(rawValue: method)
        for (k, v) in headers where k != "host" { http.headers.add(name: k, value: v) }
        if !body.isEmpty { http.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(http, timeout: .seconds(30))
        } catch {
            throw LogBucketError(code: "ServiceUnavailable", detail: "\(endpoint.absoluteString): \(error)")
        }
        let bytes = try await response.body.collect(upTo: 256 * 1024 * 1024)
        return Response(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Data(buffer: bytes))
    }

    private func failure(_ response: Response) -> LogBucketError {
        let xml = String(decoding: response.body, as: UTF8.self)
        let code = Self.elements("Code", in: xml).first ?? "HTTP\(response.status)"
        return LogBucketError(code: code, detail: Self.elements("Message", in: xml).first ?? "bucket \(name) answered \(response.status)")
    }

    static func elements(_ tag: String, in xml: String) -> [String] {
        var out: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<\(tag)>"), let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex) {
            out.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    static func unescapeXML(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// The key Cairn signs S3 requests with, and the region it signs for.
package struct S3Credentials: Sendable {
    package let accessKeyId: String
    package let secretAccessKey: String
    package let region: String

    package init(accessKeyId: String, secretAccessKey: String, region: String) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.region = region
    }
}
