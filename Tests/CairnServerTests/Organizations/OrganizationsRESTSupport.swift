import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// REST calls as a tenant, for the Organizations REST suites.
extension TestServer {
    /// A signed REST call as `tenant`; returns the HTTP status and the decoded body.
    @discardableResult
    func rest(
        _ method: HTTPRequest.Method, _ path: String, query: String = "", _ body: [String: Any]? = nil, as tenant: Tenant
    ) async throws -> (status: Int, body: [String: Any]) {
        let text = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) } ?? ""
        let r = try await send(
            method, path, query: query, body: text, credentials: tenant.credentials,
            headers: body == nil ? [:] : ["content-type": "application/json"])
        return (Int(r.status.code), json(r))
    }

    /// A REST call that must answer `status`; returns the decoded body.
    @discardableResult
    func rest(
        _ method: HTTPRequest.Method, _ path: String, query: String = "", _ body: [String: Any]? = nil, as tenant: Tenant, expect status: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let (got, out) = try await rest(method, path, query: query, body, as: tenant)
        #expect(got == status, "\(method) \(path)?\(query) answered \(got) \(out)", sourceLocation: sourceLocation)
        return out
    }

    /// A REST call that must be refused with the AWS error `code` (HTTP 400, or 403 for AccessDeniedException);
    /// returns the problem's detail.
    @discardableResult
    func restRefused(
        _ method: HTTPRequest.Method, _ path: String, query: String = "", _ body: [String: Any]? = nil, as tenant: Tenant, _ code: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let (got, out) = try await rest(method, path, query: query, body, as: tenant)
        let status = code == "AccessDeniedException" ? 403 : 400
        #expect(
            got == status && out["code"] as? String == code, "\(method) \(path) answered \(got) \(out), expected \(code)",
            sourceLocation: sourceLocation)
        return out["detail"] as? String ?? ""
    }
}
