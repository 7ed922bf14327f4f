import CairnTestSupport
import Foundation
import Testing

extension TestServer {
    /// A CloudTrail JSON 1.1 call as botocore sends it, from `region`; the operator's root when no tenant.
    @discardableResult
    func cloudTrail(
        _ operation: String, _ body: [String: Any] = [:], as tenant: Tenant? = nil, region: String = TestServer.region
    ) async throws -> (status: Int, body: [String: Any]) {
        let data = try JSONSerialization.data(withJSONObject: body)
        let r = try await send(
            .post, "/", body: String(decoding: data, as: UTF8.self), service: "cloudtrail", region: region,
            credentials: tenant?.credentials,
            headers: [
                "x-amz-target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.\(operation)", "content-type": "application/x-amz-json-1.1",
            ])
        return (Int(r.status.code), json(r))
    }

    /// A CloudTrail call that must succeed.
    @discardableResult
    func trailOK(
        _ operation: String, _ body: [String: Any] = [:], as tenant: Tenant? = nil, region: String = TestServer.region
    ) async throws -> [String: Any] {
        let (status, out) = try await cloudTrail(operation, body, as: tenant, region: region)
        #expect(status == 200, "\(operation) failed: \(out)")
        return out
    }

    /// A CloudTrail call that must be refused with `code` (and, when given, exactly `message`).
    func trailRefused(
        _ operation: String, _ body: [String: Any] = [:], as tenant: Tenant? = nil, region: String = TestServer.region,
        _ code: String, message: String? = nil
    ) async throws {
        let (status, out) = try await cloudTrail(operation, body, as: tenant, region: region)
        #expect(status == 400 && out["__type"] as? String == code, "\(operation) answered \(status) \(out), expected \(code)")
        if let message { #expect(out["message"] as? String == message, "\(operation): \(out)") }
    }

    /// The ARNs DescribeTrails shows a tenant in a region.
    func visibleTrailARNs(as tenant: Tenant? = nil, region: String = TestServer.region, shadows: Bool = true) async throws -> [String] {
        let out = try await trailOK("DescribeTrails", ["includeShadowTrails": shadows], as: tenant, region: region)
        return ((out["trailList"] as? [[String: Any]]) ?? []).compactMap { $0["TrailARN"] as? String }
    }

    /// An organization with all features and CloudTrail trusted access, `management` at its head and the
    /// given tenants as members.
    func organizationForTrails(management: Tenant, members: [Tenant]) async throws {
        try await ok("CreateOrganization", ["FeatureSet": "ALL"], as: management)
        for member in members {
            let invite = try await ok("InviteAccountToOrganization", ["Target": ["Type": "ACCOUNT", "Id": member.account]], as: management)
            let id = try #require((invite["Handshake"] as? [String: Any])?["Id"] as? String)
            try await ok("AcceptHandshake", ["HandshakeId": id], as: member)
        }
        try await ok("EnableAWSServiceAccess", ["ServicePrincipal": "cloudtrail.amazonaws.com"], as: management)
    }
}
