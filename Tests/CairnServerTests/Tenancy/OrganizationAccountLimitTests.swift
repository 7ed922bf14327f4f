import CairnTestSupport
import Foundation
import Testing

/// The organization account quota: AWS's 10 by default (the management account included), a different default
/// for new organizations from the operator's configuration, and one organization's quota raised by the operator
/// over REST — refused to anyone else, and never below the accounts the organization has.
@Suite struct OrganizationAccountLimitTests {
    func createAccounts(_ server: TestServer, _ tenant: Tenant, _ count: Int) async throws -> [Int] {
        var statuses: [Int] = []
        for i in 0..<count {
            let (status, body) = try await server.organizations(
                "CreateAccount", ["Email": "m\(i)-\(UUID().uuidString.prefix(6))@limit.example", "AccountName": "member\(i)"], as: tenant)
            statuses.append(status == 200 ? 200 : ((body["Reason"] as? String) == "ACCOUNT_NUMBER_LIMIT_EXCEEDED" ? 409 : status))
        }
        return statuses
    }

    func setLimit(_ server: TestServer, _ org: String, _ limit: Int, as who: TestCredentials? = nil) async throws -> (Int, [String: Any]) {
        let r = try await server.send(
            .put, "/v1/organizations/\(org)/account-limit", body: #"{"accountLimit": \#(limit)}"#, credentials: who,
            headers: ["content-type": "application/json"])
        return (Int(r.status.code), server.json(r))
    }

    @Test func theDefaultIsTenAndTheOperatorRaisesOneOrganizationsQuota() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("limits")
            let org = try await server.ok("CreateOrganization", ["FeatureSet": "ALL"], as: tenant)
            let orgId = try #require((org["Organization"] as? [String: Any])?["Id"] as? String)
            // The management account is the first of ten.
            let first = try await createAccounts(server, tenant, 10)
            #expect(first.prefix(9).allSatisfy { $0 == 200 } && first.last == 409, "\(first)")

            let (denied, _) = try await setLimit(server, orgId, 50, as: tenant.credentials)
            #expect(denied == 403, "only the operator sets quotas")
            let (tooLow, lowBody) = try await setLimit(server, orgId, 5)
            #expect(tooLow == 400 && (lowBody["detail"] as? String)?.contains("10 accounts") == true, "\(lowBody)")
            let (missing, _) = try await setLimit(server, "o-zzzzzzzzzz", 20)
            #expect(missing == 404)
            let (bad, _) = try await setLimit(server, "not-an-org", 20)
            #expect(bad == 400)

            let (ok, body) = try await setLimit(server, orgId, 12)
            #expect(ok == 200 && body["accountLimit"] as? Int == 12 && body["accountCount"] as? Int == 10, "\(body)")
            #expect(try await createAccounts(server, tenant, 3) == [200, 200, 409])
        }
    }

    @Test func newOrganizationsTakeTheConfiguredDefault() async throws {
        try await withTestServer(organizationAccountLimit: 3) { server in
            let tenant = try await server.createTenant("smallorg")
            try await server.ok("CreateOrganization", ["FeatureSet": "ALL"], as: tenant)
            #expect(try await createAccounts(server, tenant, 3) == [200, 200, 409])
        }
    }
}
