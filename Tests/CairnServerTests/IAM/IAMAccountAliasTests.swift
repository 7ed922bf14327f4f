import CairnCore
import CairnTestSupport
import Foundation
import Testing

/// Account aliases are unique across the service even when accounts race for one: exactly one account gets it, the
/// others are told EntityAlreadyExists (not a 500), and each refused call is recorded and changes nothing.
@Suite struct IAMAccountAliasTests {
    @Test func accountsRacingForOneAliasGetOneWinnerAndClearRefusals() async throws {
        try await withTestServer { server in
            var tenants: [Tenant] = []
            for i in 0..<6 { tenants.append(try await server.createTenant("alias-race-\(i)")) }
            let form = IAMQueryTests.form("CreateAccountAlias", [("AccountAlias", "contested-alias")])
            let statuses = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for tenant in tenants {
                    group.addTask {
                        let r = try await server.awsQuery(form, service: "iam", credentials: tenant.credentials)
                        return (Int(r.status.code), String(buffer: r.body))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == 200 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0.0 == 409 && $0.1.contains("<Code>EntityAlreadyExists</Code>") }.count == 5, "\(statuses)")
            var holders = 0
            for tenant in tenants {
                let r = try await server.awsQuery(IAMQueryTests.form("ListAccountAliases"), service: "iam", credentials: tenant.credentials)
                if String(buffer: r.body).contains("<member>contested-alias</member>") { holders += 1 }
            }
            #expect(holders == 1)
        }
    }
}
