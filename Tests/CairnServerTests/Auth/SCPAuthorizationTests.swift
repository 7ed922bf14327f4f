import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// SCPs on the caller's path apply to every call of member accounts, their root users included, and never to
/// the management account; a change made through the Organizations API applies from the next request.
@Suite struct SCPAuthorizationTests {
    static let denyListRegions =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"cairn:ListRegions","Resource":"*"}]}"#

    @Test func aDenyInAnOUsSCPStopsAMembersRootButNotTheManagementAccount() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("member")
            let org = try await server.ok("CreateOrganization", ["FeatureSet": "ALL"], as: management)
            let orgId = try #require((org["Organization"] as? [String: Any])?["Id"] as? String)
            let roots = try await server.ok("ListRoots", as: management)
            let root = try #require(((roots["Roots"] as? [[String: Any]])?.first)?["Id"] as? String)
            try await server.ok("EnablePolicyType", ["RootId": root, "PolicyType": "SERVICE_CONTROL_POLICY"], as: management)
            let invite = try await server.ok("InviteAccountToOrganization", ["Target": ["Id": member.account, "Type": "ACCOUNT"]], as: management)
            let handshake = try #require((invite["Handshake"] as? [String: Any])?["Id"] as? String)
            try await server.ok("AcceptHandshake", ["HandshakeId": handshake], as: member)
            let ou = try await server.ok("CreateOrganizationalUnit", ["ParentId": root, "Name": "Workloads"], as: management)
            let ouId = try #require((ou["OrganizationalUnit"] as? [String: Any])?["Id"] as? String)
            try await server.ok("MoveAccount", ["AccountId": member.account, "SourceParentId": root, "DestinationParentId": ouId], as: management)

            func regions(_ who: TestCredentials) async throws -> TestResponse { try await server.send(.get, "/v1/regions", credentials: who) }
            #expect(try await regions(member.credentials).status == .ok, "FullAWSAccess alone allows everything")

            let policy = try await server.ok(
                "CreatePolicy", ["Name": "NoRegions", "Description": "d", "Type": "SERVICE_CONTROL_POLICY", "Content": Self.denyListRegions],
                as: management)
            let policyId = try #require(((policy["Policy"] as? [String: Any])?["PolicySummary"] as? [String: Any])?["Id"] as? String)
            try await server.ok("AttachPolicy", ["PolicyId": policyId, "TargetId": ouId], as: management)

            let denied = try await regions(member.credentials)
            #expect(denied.status.code == 403)
            #expect(String(buffer: denied.body).contains("with an explicit deny in a service control policy"))
            #expect(try await regions(management.credentials).status == .ok, "SCPs never apply to the management account")

            try await server.ok("DetachPolicy", ["PolicyId": policyId, "TargetId": ouId], as: management)
            #expect(try await regions(member.credentials).status == .ok, "a detach applies from the next request")

            // With only an STS-only SCP on the OU, the OU level allows nothing else: an implicit deny.
            let onlySTS = try await server.ok(
                "CreatePolicy",
                [
                    "Name": "OnlySTS", "Description": "d", "Type": "SERVICE_CONTROL_POLICY",
                    "Content": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:*","Resource":"*"}]}"#,
                ],
                as: management)
            let onlySTSId = try #require(((onlySTS["Policy"] as? [String: Any])?["PolicySummary"] as? [String: Any])?["Id"] as? String)
            try await server.ok("AttachPolicy", ["PolicyId": onlySTSId, "TargetId": ouId], as: management)
            try await server.ok("DetachPolicy", ["PolicyId": "p-FullAWSAccess", "TargetId": ouId], as: management)
            let implicit = try await regions(member.credentials)
            #expect(implicit.status.code == 403 && String(buffer: implicit.body).contains("no service control policy allows"))
            #expect(orgId.hasPrefix("o-"))
        }
    }

    @Test func principalOrgIDConditionsSeeTheCallersOrganization() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt2")
            let org = try await server.ok("CreateOrganization", ["FeatureSet": "ALL"], as: management)
            let orgId = try #require((org["Organization"] as? [String: Any])?["Id"] as? String)
            let account = try #require(AccountId(management.account))
            let inOrg = policy("Allow", "cairn:ListRegions", condition: #"{"StringEquals": {"aws:PrincipalOrgID": "\#(orgId)"}}"#)
            let otherOrg = policy("Allow", "cairn:ListRegions", condition: #"{"StringEquals": {"aws:PrincipalOrgID": "o-someoneelse1"}}"#)
            let alice = try await server.createUser("alice", account: account, inline: [inOrg])
            let bob = try await server.createUser("bob", account: account, inline: [otherOrg])
            #expect(try await server.send(.get, "/v1/regions", credentials: alice.credentials).status == .ok)
            #expect(try await server.send(.get, "/v1/regions", credentials: bob.credentials).status.code == 403)
        }
    }
}
