import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A browser as far as the console can tell: it keeps the cookies the console sets, sends them back, and submits
/// forms with the CSRF token of the page it read last.
final class ConsoleBrowser: @unchecked Sendable {
    let server: TestServer
    private(set) var cookies: [String: String] = [:]
    private(set) var lastPage = ""

    init(_ server: TestServer) { self.server = server }

    @discardableResult
    func get(_ path: String) async throws -> TestResponse {
        let response = try await server.unsigned(.get, path, headers: headers())
        keep(response)
        return response
    }

    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> TestResponse {
        let token = csrf ?? csrfToken() ?? ""
        let body = (fields + [("csrf", token)]).map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await server.unsigned(.post, path, body: body, headers: headers)
        keep(response)
        return response
    }

    func signInWithKeys(_ keyId: String, _ secret: String) async throws -> TestResponse {
        try await get("/console/sign-in")
        return try await post("/console/sign-in", [("accessKeyId", keyId), ("secretAccessKey", secret)])
    }

    /// The CSRF token in the page read last.
    func csrfToken() -> String? {
        lastPage.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.1) }
    }

    func forget(_ name: String) { cookies[name] = nil }
    func set(cookie name: String, _ value: String) { cookies[name] = value }

    private func headers() -> HTTPFields {
        var fields: HTTPFields = [.userAgent: "ConsoleBrowser/1.0"]
        if !cookies.isEmpty { fields[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return fields
    }

    private func keep(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if response.status == .ok || response.status.code >= 400 { lastPage = String(buffer: response.body) }
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
