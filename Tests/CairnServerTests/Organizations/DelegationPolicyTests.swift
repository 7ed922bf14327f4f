import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// The organization's delegation policy: the management account puts it, Organizations checks what it may grant,
/// and a member account it names may then read the organization and manage its policies — only what it allows,
/// and only while it stands.
@Suite struct DelegationPolicyTests {
    func delegation(_ member: Tenant, _ actions: [String], resource: String = "*", principal: Any? = nil) -> String {
        let statement: [String: Any] = [
            "Sid": "Delegate", "Effect": "Allow", "Principal": principal ?? ["AWS": "arn:aws:iam::\(member.account):root"],
            "Action": actions, "Resource": resource,
        ]
        let data = try! JSONSerialization.data(withJSONObject: ["Version": "2012-10-17", "Statement": [statement]], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    let scp = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}"#

    @Test func aMemberTheDelegationPolicyNamesManagesPoliciesAndNothingElse() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("delegate")
            let bystander = try await server.createTenant("bystander")
            try await server.organizationForTrails(management: management, members: [member, bystander])
            let create: [String: Any] = ["Name": "guard", "Description": "d", "Type": "SERVICE_CONTROL_POLICY", "Content": scp]
            try await server.refused("CreatePolicy", create, as: member, "AccessDeniedException")
            try await server.refused("DescribeResourcePolicy", as: management, "ResourcePolicyNotFoundException")

            let put = try await server.ok(
                "PutResourcePolicy",
                ["Content": delegation(member, ["organizations:CreatePolicy", "organizations:Describe*", "organizations:List*"])],
                as: management)
            let summary = try #require((put["ResourcePolicy"] as? [String: Any])?["ResourcePolicySummary"] as? [String: Any])
            let id = try #require(summary["Id"] as? String)
            #expect(id.hasPrefix("rp-") && (summary["Arn"] as? String)?.hasSuffix("/\(id)") == true, "\(summary)")
            #expect((summary["Arn"] as? String)?.hasPrefix("arn:aws:organizations::\(management.account):resourcepolicy/o-") == true)

            let created = try await server.ok("CreatePolicy", create, as: member)
            let policyId = try #require((created["Policy"] as? [String: Any]).flatMap { ($0["PolicySummary"] as? [String: Any])?["Id"] as? String })
            #expect(try await server.ok("ListPolicies", ["Filter": "SERVICE_CONTROL_POLICY"], as: member)["Policies"] != nil)
            let described = try await server.ok("DescribeResourcePolicy", as: member)
            #expect((described["ResourcePolicy"] as? [String: Any])?["Content"] as? String != nil)
            try await server.refused("DeletePolicy", ["PolicyId": policyId], as: member, "AccessDeniedException")
            try await server.refused("CreatePolicy", create, as: bystander, "AccessDeniedException")
            try await server.refused(
                "PutResourcePolicy", ["Content": delegation(member, ["organizations:List*"])], as: member, "AccessDeniedException")

            // A new text replaces the old one, and keeps the id.
            let again = try await server.ok("PutResourcePolicy", ["Content": delegation(member, ["organizations:List*"])], as: management)
            #expect(((again["ResourcePolicy"] as? [String: Any])?["ResourcePolicySummary"] as? [String: Any])?["Id"] as? String == id)
            try await server.refused("CreatePolicy", create, as: member, "AccessDeniedException")
            try await server.ok("DeleteResourcePolicy", as: management)
            try await server.refused("ListPolicies", ["Filter": "SERVICE_CONTROL_POLICY"], as: member, "AccessDeniedException")
            try await server.refused("DeleteResourcePolicy", as: management, "ResourcePolicyNotFoundException")
        }
    }

    @Test func aPolicyGrantingWhatCannotBeDelegatedIsRefusedAndChangesNothing() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("delegate")
            try await server.organizationForTrails(management: management, members: [member])
            for (content, reason) in [
                (delegation(member, ["organizations:CreateAccount"]), "UNSUPPORTED_ACTION_IN_RESOURCE_POLICY"),
                (delegation(member, ["organizations:*"]), "UNSUPPORTED_ACTION_IN_RESOURCE_POLICY"),
                (delegation(member, ["cloudtrail:CreateTrail"]), "UNSUPPORTED_ACTION_IN_RESOURCE_POLICY"),
                (delegation(member, ["organizations:List*"], principal: "*"), "INVALID_PRINCIPAL"),
                (delegation(member, ["organizations:List*"], resource: "arn:aws:s3:::bucket"), "UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY"),
                ("{not json", "INVALID_RESOURCE_POLICY_JSON"),
            ] {
                try await server.refused("PutResourcePolicy", ["Content": content], as: management, "InvalidInputException", reason: reason)
            }
            try await server.refused("PutResourcePolicy", [:], as: management, "InvalidInputException", reason: "INPUT_REQUIRED")
            try await server.refused("DescribeResourcePolicy", as: management, "ResourcePolicyNotFoundException")
            let standalone = try await server.createTenant("alone")
            try await server.refused(
                "PutResourcePolicy", ["Content": delegation(member, ["organizations:List*"])], as: standalone, "AWSOrganizationsNotInUseException")
        }
    }
}

/// The delegation policy over REST: the same operations, in REST's shapes and REST's problems.
@Suite struct DelegationPolicyRESTTests {
    @Test func theDelegationPolicyIsPutReadAndDeletedOverREST() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("rest-mgmt")
            let member = try await server.createTenant("rest-delegate")
            try await server.organizationForTrails(management: management, members: [member])
            let policy = DelegationPolicyTests().delegation(member, ["organizations:Describe*", "organizations:List*"])
            try await server.restRefused(.get, "/v1/organization/resource-policy", as: management, "ResourcePolicyNotFoundException")
            // Refused, changing nothing: no content, content that is not a policy, a member putting it.
            let (status, _) = try await server.rest(.put, "/v1/organization/resource-policy", ["tags": []], as: management)
            #expect(status == 400)
            try await server.restRefused(.put, "/v1/organization/resource-policy", ["content": "{not json"], as: management, "InvalidInputException")
            try await server.restRefused(.put, "/v1/organization/resource-policy", ["content": policy], as: member, "AccessDeniedException")
            try await server.restRefused(.get, "/v1/organization/resource-policy", as: management, "ResourcePolicyNotFoundException")

            let put = try await server.rest(
                .put, "/v1/organization/resource-policy", ["content": policy, "tags": [["key": "owner", "value": "platform"]]], as: management,
                expect: 200)
            let summary = try #require(put["resourcePolicySummary"] as? [String: Any])
            #expect((summary["id"] as? String)?.hasPrefix("rp-") == true && put["content"] as? String == policy, "\(put)")
            let read = try await server.rest(.get, "/v1/organization/resource-policy", as: member, expect: 200)
            #expect((read["resourcePolicySummary"] as? [String: Any])?["arn"] as? String == summary["arn"] as? String)
            try await server.rest(.get, "/v1/organization/accounts", as: member, expect: 200)
            try await server.rest(.delete, "/v1/organization/resource-policy", as: management, expect: 204)
            try await server.restRefused(.get, "/v1/organization/accounts", as: member, "AccessDeniedException")
        }
    }
}
