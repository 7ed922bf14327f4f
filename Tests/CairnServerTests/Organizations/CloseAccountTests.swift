import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// CloseAccount over both doors: a member is PENDING_CLOSURE at once and refused from then on, CLOSED when the
/// closure completes (Status SUSPENDED, State CLOSED), and every refusal changes nothing.
@Suite struct CloseAccountTests {
    func account(_ server: TestServer, _ id: String, as tenant: Tenant) async throws -> [String: Any] {
        try await server.ok("DescribeAccount", ["AccountId": id], as: tenant)["Account"] as? [String: Any] ?? [:]
    }

    func invited(_ server: TestServer, _ member: Tenant, by management: Tenant) async throws {
        let invite = try await server.ok("InviteAccountToOrganization", ["Target": ["Id": member.account, "Type": "ACCOUNT"]], as: management)
        let id = (invite["Handshake"] as? [String: Any])?["Id"] as? String ?? ""
        try await server.ok("AcceptHandshake", ["HandshakeId": id], as: member)
    }

    @Test func aClosedMemberIsRefusedAtOnceAndClosedWhenTheClosureCompletes() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("close-mgmt")
            let member = try await server.createTenant("close-member")
            let other = try await server.createTenant("close-other")
            try await server.ok("CreateOrganization", as: management)
            try await invited(server, member, by: management)
            try await invited(server, other, by: management)
            try await server.ok("DescribeOrganization", as: member)

            // Refusals change nothing: not the management account, not someone else, not an unknown account.
            try await server.refused(
                "CloseAccount", ["AccountId": management.account], as: management, "ConstraintViolationException",
                reason: "CANNOT_CLOSE_MANAGEMENT_ACCOUNT")
            try await server.refused("CloseAccount", ["AccountId": member.account], as: other, "AccessDeniedException")
            try await server.refused("CloseAccount", ["AccountId": "999999999999"], as: management, "AccountNotFoundException")
            try await server.refused("CloseAccount", ["AccountId": "12"], as: management, "InvalidInputException", reason: "INVALID_PATTERN")
            try await server.refused("CloseAccount", [:], as: management, "InvalidInputException", reason: "INPUT_REQUIRED")
            #expect(try await account(server, member.account, as: management)["State"] as? String == "ACTIVE")

            // Closed: PENDING_CLOSURE at once, and the member's own credentials no longer work.
            try await server.ok("CloseAccount", ["AccountId": member.account], as: management)
            let pending = try await account(server, member.account, as: management)
            #expect(pending["Status"] as? String == "PENDING_CLOSURE" && pending["State"] as? String == "PENDING_CLOSURE")
            let (status, body) = try await server.organizations("DescribeOrganization", as: member)
            #expect(status == 403 && body["__type"] as? String == "AccountSuspendedException", "\(status) \(body)")
            try await server.refused("CloseAccount", ["AccountId": member.account], as: management, "ConflictException")

            // The closure completes: Status SUSPENDED, State CLOSED; the account stays in the organization.
            let completed = try await server.store.transaction(logger: .init(label: "test")) { tx in
                try await tx.organizations.completeClosures(requestedBefore: Date())
            }
            #expect(completed == 1)
            let closed = try await account(server, member.account, as: management)
            #expect(closed["Status"] as? String == "SUSPENDED" && closed["State"] as? String == "CLOSED")
            try await server.refused("CloseAccount", ["AccountId": member.account], as: management, "AccountAlreadyClosedException")
            let listed = try await server.ok("ListAccounts", as: management)["Accounts"] as? [[String: Any]] ?? []
            #expect(listed.contains { $0["Id"] as? String == member.account && $0["State"] as? String == "CLOSED" })

            // The REST door: the same operation, 202 while the closure runs.
            try await server.rest(.post, "/v1/organization/accounts/\(other.account)/close", as: management, expect: 202)
            try await server.restRefused(.post, "/v1/organization/accounts/\(other.account)/close", as: management, "ConflictException")
            try await server.restRefused(
                .post, "/v1/organization/accounts/\(management.account)/close", as: management, "ConstraintViolationException")
        }
    }

    @Test func anOrganizationWithoutAllFeaturesCannotCloseAccounts() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("close-cb-mgmt")
            let member = try await server.createTenant("close-cb-member")
            try await server.ok("CreateOrganization", ["FeatureSet": "CONSOLIDATED_BILLING"], as: management)
            try await invited(server, member, by: management)
            try await server.refused(
                "CloseAccount", ["AccountId": member.account], as: management, "ConstraintViolationException",
                reason: "ORGANIZATION_NOT_IN_ALL_FEATURES_MODE")
            #expect(try await account(server, member.account, as: management)["State"] as? String == "ACTIVE")
        }
    }

    @Test func theRollingQuotaIsTheHigherOf250Or20PercentAtMost1000() {
        #expect(OrganizationRepository.closureQuota(memberAccounts: 10) == 250)
        #expect(OrganizationRepository.closureQuota(memberAccounts: 2_000) == 400)
        #expect(OrganizationRepository.closureQuota(memberAccounts: 100_000) == 1_000)
    }
}
