import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// EnableAllFeatures against a live server: a CONSOLIDATED_BILLING organization has no policies until every
/// invited member approved and the management account accepted its request.
@Suite struct AllFeaturesTests {
    func handshake(_ out: [String: Any]) -> [String: Any] { out["Handshake"] as? [String: Any] ?? [:] }

    @Test func aConsolidatedBillingOrganizationGetsPoliciesOnlyAfterEveryInvitedMemberApproves() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("cb-mgmt")
            let first = try await server.createTenant("cb-first")
            let second = try await server.createTenant("cb-second")
            let late = try await server.createTenant("cb-late")
            let org =
                try await server.ok("CreateOrganization", ["FeatureSet": "CONSOLIDATED_BILLING"], as: management)["Organization"] as! [String: Any]
            let organizationId = org["Id"] as! String
            let root = (try await server.ok("ListRoots", as: management)["Roots"] as! [[String: Any]])[0]["Id"] as! String
            for member in [first, second] {
                let invite = try await server.ok(
                    "InviteAccountToOrganization", ["Target": ["Id": member.account, "Type": "ACCOUNT"]], as: management)
                try await server.ok("AcceptHandshake", ["HandshakeId": handshake(invite)["Id"] as! String], as: member)
            }
            let pendingInvite = handshake(
                try await server.ok("InviteAccountToOrganization", ["Target": ["Id": late.account, "Type": "ACCOUNT"]], as: management))
            // No policy of any type while only consolidated billing is on.
            try await server.refused(
                "EnablePolicyType", ["RootId": root, "PolicyType": "SERVICE_CONTROL_POLICY"], as: management,
                "PolicyTypeNotAvailableForOrganizationException")
            try await server.refused("EnableAllFeatures", as: first, "AccessDeniedException")

            let request = handshake(try await server.ok("EnableAllFeatures", as: management))
            let requestId = try #require(request["Id"] as? String)
            #expect(request["Action"] as? String == "ENABLE_ALL_FEATURES" && request["State"] as? String == "REQUESTED")
            #expect(
                request["Arn"] as? String
                    == "arn:aws:organizations::\(management.account):handshake/\(organizationId)/enable_all_features/\(requestId)")
            #expect((request["Parties"] as? [[String: Any]])?.map { $0["Type"] as! String } == ["ORGANIZATION"])
            try await server.refused(
                "EnableAllFeatures", as: management, "HandshakeConstraintViolationException",
                reason: "ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION")
            // Open invitations are cancelled and new ones refused until it is done.
            let cancelled = try await server.ok("DescribeHandshake", ["HandshakeId": pendingInvite["Id"] as! String], as: management)
            #expect(handshake(cancelled)["State"] as? String == "CANCELED")
            try await server.refused(
                "InviteAccountToOrganization", ["Target": ["Id": late.account, "Type": "ACCOUNT"]], as: management,
                "HandshakeConstraintViolationException", reason: "INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES")
            // The request cannot be accepted before the members approved.
            try await server.refused("AcceptHandshake", ["HandshakeId": requestId], as: management, "InvalidHandshakeTransitionException")

            // Each invited member has its approval, naming the request as its parent.
            var approvals: [String] = []
            for member in [first, second] {
                let listed = try await server.ok("ListHandshakesForAccount", ["Filter": ["ActionType": "APPROVE_ALL_FEATURES"]], as: member)
                let mine = try #require((listed["Handshakes"] as? [[String: Any]])?.first)
                let resources = (mine["Resources"] as? [[String: Any]] ?? []).map { "\($0["Type"]!)=\($0["Value"]!)" }
                #expect(resources == ["PARENT_HANDSHAKE=\(requestId)", "ORGANIZATION=\(organizationId)", "ACCOUNT=\(member.account)"])
                approvals.append(mine["Id"] as! String)
            }
            let children = try await server.ok("ListHandshakesForOrganization", ["Filter": ["ParentHandshakeId": requestId]], as: management)
            #expect(Set((children["Handshakes"] as! [[String: Any]]).map { $0["Id"] as! String }) == Set(approvals))
            try await server.refused("AcceptHandshake", ["HandshakeId": approvals[0]], as: second, "HandshakeNotFoundException")

            let approved = try await server.ok("AcceptHandshake", ["HandshakeId": approvals[0]], as: first)
            #expect(handshake(approved)["State"] as? String == "ACCEPTED")
            let stillRequested = try await server.ok("DescribeHandshake", ["HandshakeId": requestId], as: management)
            #expect(handshake(stillRequested)["State"] as? String == "REQUESTED")
            // The second member leaves instead of answering: the request no longer waits for it.
            try await server.ok("LeaveOrganization", as: second)
            let open = try await server.ok("DescribeHandshake", ["HandshakeId": requestId], as: management)
            #expect(handshake(open)["State"] as? String == "OPEN")

            let done = try await server.ok("AcceptHandshake", ["HandshakeId": requestId], as: management)
            #expect(handshake(done)["State"] as? String == "ACCEPTED")
            let described = try await server.ok("DescribeOrganization", as: management)["Organization"] as! [String: Any]
            #expect(described["FeatureSet"] as? String == "ALL")
            // EnableAllFeatures does not enable SCPs by itself; now it can be done, and invitations work again.
            #expect(((try await server.ok("ListRoots", as: management)["Roots"] as! [[String: Any]])[0]["PolicyTypes"] as! [Any]).isEmpty)
            try await server.ok("EnablePolicyType", ["RootId": root, "PolicyType": "SERVICE_CONTROL_POLICY"], as: management)
            try await server.ok("InviteAccountToOrganization", ["Target": ["Id": late.account, "Type": "ACCOUNT"]], as: management)
            try await server.refused(
                "EnableAllFeatures", as: management, "HandshakeConstraintViolationException", reason: "ORGANIZATION_ALREADY_HAS_ALL_FEATURES")
        }
    }

    @Test func anOrganizationWithoutInvitedMembersCanFinishAtOnceAndACancelledRequestEndsItsApprovals() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("cb2-mgmt")
            let member = try await server.createTenant("cb2-member")
            try await server.ok("CreateOrganization", ["FeatureSet": "CONSOLIDATED_BILLING"], as: management)
            let invite = try await server.ok("InviteAccountToOrganization", ["Target": ["Id": member.account, "Type": "ACCOUNT"]], as: management)
            try await server.ok("AcceptHandshake", ["HandshakeId": handshake(invite)["Id"] as! String], as: member)

            let request = handshake(try await server.ok("EnableAllFeatures", as: management))
            let listed = try await server.ok("ListHandshakesForAccount", ["Filter": ["ActionType": "APPROVE_ALL_FEATURES"]], as: member)
            let approval = try #require((listed["Handshakes"] as? [[String: Any]])?.first?["Id"] as? String)
            let cancelled = try await server.ok("CancelHandshake", ["HandshakeId": request["Id"] as! String], as: management)
            #expect(handshake(cancelled)["State"] as? String == "CANCELED")
            let gone = try await server.ok("DescribeHandshake", ["HandshakeId": approval], as: member)
            #expect(handshake(gone)["State"] as? String == "CANCELED")
            try await server.refused("AcceptHandshake", ["HandshakeId": approval], as: member, "InvalidHandshakeTransitionException")

            // With the invited member gone, a new request is OPEN at once.
            try await server.ok("RemoveAccountFromOrganization", ["AccountId": member.account], as: management)
            let again = handshake(try await server.ok("EnableAllFeatures", as: management))
            #expect(again["State"] as? String == "OPEN")
            try await server.ok("AcceptHandshake", ["HandshakeId": again["Id"] as! String], as: management)
            let org = try await server.ok("DescribeOrganization", as: management)["Organization"] as! [String: Any]
            #expect(org["FeatureSet"] as? String == "ALL")
        }
    }
}
