import CairnCore
import CairnTestSupport
import Foundation
import Testing

/// SimulatePrincipalPolicy over the Query door on a live server: a member account's SCPs shape the result
/// and are reported in OrganizationsDecisionDetail, and the simulator is itself an authorized IAM action.
@Suite struct IAMSimulationQueryTests {
    static let admin = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
    static let denyS3 =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#

    static func simulate(_ server: TestServer, _ source: String, _ actions: [String], as who: TestCredentials) async throws -> (Int, String) {
        var fields = [("PolicySourceArn", source)]
        for (i, a) in actions.enumerated() { fields.append(("ActionNames.member.\(i + 1)", a)) }
        let r = try await server.awsQuery(IAMQueryTests.form("SimulatePrincipalPolicy", fields), service: "iam", credentials: who)
        return (Int(r.status.code), String(buffer: r.body))
    }

    @Test func aMembersSCPDecidesAndIsReportedWhileTheManagementAccountIsExempt() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("simmgmt")
            let member = try await server.createTenant("simmember")
            try await server.ok("CreateOrganization", ["FeatureSet": "ALL"], as: management)
            let roots = try await server.ok("ListRoots", as: management)
            let root = try #require(((roots["Roots"] as? [[String: Any]])?.first)?["Id"] as? String)
            try await server.ok("EnablePolicyType", ["RootId": root, "PolicyType": "SERVICE_CONTROL_POLICY"], as: management)
            let invite = try await server.ok("InviteAccountToOrganization", ["Target": ["Id": member.account, "Type": "ACCOUNT"]], as: management)
            let handshake = try #require((invite["Handshake"] as? [String: Any])?["Id"] as? String)
            try await server.ok("AcceptHandshake", ["HandshakeId": handshake], as: member)
            let policy = try await server.ok(
                "CreatePolicy", ["Name": "NoS3", "Description": "d", "Type": "SERVICE_CONTROL_POLICY", "Content": Self.denyS3], as: management)
            let policyId = try #require(((policy["Policy"] as? [String: Any])?["PolicySummary"] as? [String: Any])?["Id"] as? String)
            try await server.ok("AttachPolicy", ["PolicyId": policyId, "TargetId": root], as: management)

            let memberAccount = try #require(AccountId(member.account))
            let dev = try await server.createUser("dev", account: memberAccount, inline: [Self.admin])
            let (status, xml) = try await Self.simulate(server, dev.arn, ["s3:GetObject", "ec2:RunInstances"], as: member.credentials)
            #expect(status == 200, "\(xml)")
            let results = xml.components(separatedBy: "<EvalActionName>").dropFirst()
            let s3 = try #require(results.first { $0.hasPrefix("s3:GetObject") })
            #expect(s3.contains("<EvalDecision>explicitDeny</EvalDecision>"))
            #expect(s3.contains("<AllowedByOrganizations>false</AllowedByOrganizations>"))
            #expect(s3.contains("<MatchedStatements></MatchedStatements>"), "an SCP ends the simulation: no member statement is cited")
            let ec2 = try #require(results.first { $0.hasPrefix("ec2:RunInstances") })
            #expect(ec2.contains("<EvalDecision>allowed</EvalDecision>"))
            #expect(ec2.contains("<AllowedByOrganizations>true</AllowedByOrganizations>"))
            #expect(ec2.contains("<SourcePolicyId>user_dev_"), "\(ec2)")

            let managementAccount = try #require(AccountId(management.account))
            let ops = try await server.createUser("ops", account: managementAccount, inline: [Self.admin])
            let (_, mgmtXML) = try await Self.simulate(server, ops.arn, ["s3:GetObject"], as: management.credentials)
            #expect(mgmtXML.contains("<EvalDecision>allowed</EvalDecision>"))
            #expect(mgmtXML.contains("<AllowedByOrganizations>true</AllowedByOrganizations>"))

            // Another account's entity is not there for this caller.
            let (crossStatus, crossXML) = try await Self.simulate(server, ops.arn, ["s3:GetObject"], as: member.credentials)
            #expect(crossStatus == 404 && crossXML.contains("<Code>NoSuchEntity</Code>"))
        }
    }

    @Test func theSimulatorNeedsPermissionOnTheEntityItReads() async throws {
        try await withTestServer { server in
            let onlySelf = #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:SimulatePrincipalPolicy","Resource":"arn:aws:iam::\#(server.operatorAccount):user/auditor"}]}
                """#
            let auditor = try await server.createUser("auditor", inline: [onlySelf])
            let other = try await server.createUser("other", inline: [Self.admin])
            let (ownStatus, ownXML) = try await Self.simulate(server, auditor.arn, ["iam:SimulatePrincipalPolicy"], as: auditor.credentials)
            #expect(ownStatus == 200, "\(ownXML)")
            #expect(ownXML.contains("<EvalDecision>implicitDeny</EvalDecision>"), "the action on `*` is not what the policy allows")
            let (status, xml) = try await Self.simulate(server, other.arn, ["s3:GetObject"], as: auditor.credentials)
            #expect(status == 403 && xml.contains("<Code>AccessDenied</Code>"), "\(xml)")
        }
    }
}
