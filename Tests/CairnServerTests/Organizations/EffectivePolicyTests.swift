import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Tag policies and the other management policy types against a live server: the effective policy merged down
/// the tree, who may read it, and the accounts whose merged policy is invalid.
@Suite struct EffectivePolicyTests {
    struct Tree: Sendable {
        let management: Tenant
        let member: Tenant
        let rootId: String
        let ouId: String
    }

    /// An organization with a member that joined by invitation and sits in one OU.
    func tree(_ server: TestServer, _ name: String) async throws -> Tree {
        let management = try await server.createTenant("\(name)-mgmt")
        let member = try await server.createTenant("\(name)-member")
        try await server.ok("CreateOrganization", ["FeatureSet": "ALL"], as: management)
        let root = (try await server.ok("ListRoots", as: management)["Roots"] as! [[String: Any]])[0]["Id"] as! String
        let invite = try await server.ok("InviteAccountToOrganization", ["Target": ["Id": member.account, "Type": "ACCOUNT"]], as: management)
        try await server.ok("AcceptHandshake", ["HandshakeId": (invite["Handshake"] as! [String: Any])["Id"] as! String], as: member)
        let ou = try await server.ok("CreateOrganizationalUnit", ["ParentId": root, "Name": "Marketing"], as: management)
        let ouId = (ou["OrganizationalUnit"] as! [String: Any])["Id"] as! String
        try await server.ok("MoveAccount", ["AccountId": member.account, "SourceParentId": root, "DestinationParentId": ouId], as: management)
        return Tree(management: management, member: member, rootId: root, ouId: ouId)
    }

    func create(_ server: TestServer, _ t: Tree, _ name: String, type: String, content: String) async throws -> String {
        let p = try await server.ok("CreatePolicy", ["Name": name, "Description": "", "Type": type, "Content": content], as: t.management)
        return ((p["Policy"] as! [String: Any])["PolicySummary"] as! [String: Any])["Id"] as! String
    }

    static let rootTags = #"{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"},"tag_value":{"@@assign":["Development","Support"]}}}}"#
    static let ouTags =
        #"{"tags":{"costcenter":{"tag_value":{"@@append":["Marketing"]},"enforced_for":{"@@append":["redshift:*","dynamodb:table"]}}}}"#

    @Test func theEffectiveTagPolicyMergesRootAndOUAsAWSShowsAndOnlyPermittedCallersReadIt() async throws {
        try await withTestServer { server in
            let t = try await tree(server, "tags")
            let a = try await create(server, t, "A", type: "TAG_POLICY", content: Self.rootTags)
            let c = try await create(server, t, "C", type: "TAG_POLICY", content: Self.ouTags)
            try await server.refused(
                "DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY", "TargetId": t.member.account], as: t.management,
                "EffectivePolicyNotFoundException")
            try await server.refused("AttachPolicy", ["PolicyId": a, "TargetId": t.rootId], as: t.management, "PolicyTypeNotEnabledException")
            let root = try await server.ok("EnablePolicyType", ["RootId": t.rootId, "PolicyType": "TAG_POLICY"], as: t.management)
            #expect(((root["Root"] as! [String: Any])["PolicyTypes"] as! [[String: Any]]).map { $0["Type"] as! String } == ["TAG_POLICY"])
            try await server.refused(
                "DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY", "TargetId": t.member.account], as: t.management,
                "EffectivePolicyNotFoundException")
            try await server.ok("AttachPolicy", ["PolicyId": a, "TargetId": t.rootId], as: t.management)
            try await server.ok("AttachPolicy", ["PolicyId": c, "TargetId": t.ouId], as: t.management)

            let expected =
                #"{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support","Marketing"],"enforced_for":["redshift:*","dynamodb:table"]}}}"#
            let described = try await server.ok(
                "DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY", "TargetId": t.member.account], as: t.management)
            let effective = try #require(described["EffectivePolicy"] as? [String: Any])
            #expect(effective["PolicyContent"] as? String == expected)
            #expect(effective["TargetId"] as? String == t.member.account && effective["PolicyType"] as? String == "TAG_POLICY")
            #expect(effective["LastUpdatedTimestamp"] is Double)
            // The member reads its own without naming itself; the management account sits at the root and gets A only.
            let own = try await server.ok("DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY"], as: t.member)
            #expect((own["EffectivePolicy"] as? [String: Any])?["PolicyContent"] as? String == expected)
            let management = try await server.ok("DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY"], as: t.management)
            #expect(
                (management["EffectivePolicy"] as? [String: Any])?["PolicyContent"] as? String
                    == #"{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support"]}}}"#)

            try await server.refused(
                "DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY", "TargetId": t.management.account], as: t.member, "AccessDeniedException")
            try await server.refused(
                "DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY", "TargetId": t.ouId], as: t.management, "InvalidInputException",
                reason: "TARGET_NOT_SUPPORTED")
            try await server.refused(
                "DescribeEffectivePolicy", ["PolicyType": "SERVICE_CONTROL_POLICY"], as: t.management, "InvalidInputException",
                reason: "INVALID_ENUM_POLICY_TYPE")
            try await server.refused(
                "DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY", "TargetId": "999999999999"], as: t.management, "TargetNotFoundException")
            let outsider = try await server.createTenant("tags-outsider")
            try await server.refused("DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY"], as: outsider, "AWSOrganizationsNotInUseException")

            // Policies of one type are filtered by type and a tag policy never shows among SCPs.
            let scps = try await server.ok("ListPoliciesForTarget", ["TargetId": t.rootId, "Filter": "SERVICE_CONTROL_POLICY"], as: t.management)
            #expect((scps["Policies"] as! [[String: Any]]).isEmpty)
            let tags = try await server.ok("ListPoliciesForTarget", ["TargetId": t.rootId, "Filter": "TAG_POLICY"], as: t.management)
            let summary = try #require((tags["Policies"] as! [[String: Any]]).first)
            #expect((summary["Arn"] as? String)?.contains("/tag_policy/\(a)") == true)
            // Detaching a tag policy leaves a target with none: management types have no minimum.
            try await server.ok("DetachPolicy", ["PolicyId": c, "TargetId": t.ouId], as: t.management)
            let after = try await server.ok("DescribeEffectivePolicy", ["PolicyType": "TAG_POLICY"], as: t.member)
            #expect(
                (after["EffectivePolicy"] as? [String: Any])?["PolicyContent"] as? String
                    == #"{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support"]}}}"#)
        }
    }

    @Test func malformedManagementPoliciesAreRefusedAndNothingIsStored() async throws {
        try await withTestServer { server in
            let t = try await tree(server, "tagsyntax")
            for (content, fragment) in [
                (#"{"tags":{"costcenter":{"tag_value":{"@@append":"Marketing"}}}}"#, "must be a JSON array"),
                (#"{"tags":{"costcenter":{"tag_value":{"@@replace":["A"]}}}}"#, "@@replace"),
                (#"["tags"]"#, "JSON object at the top level"),
                (#"{"tags":{"costcenter":{"enforced_for":{"@@assign":["*"]}}}}"#, "every service"),
            ] {
                let (status, out) = try await server.organizations(
                    "CreatePolicy", ["Name": "bad", "Description": "", "Type": "TAG_POLICY", "Content": content], as: t.management)
                #expect(status == 400 && out["__type"] as? String == "MalformedPolicyDocumentException", "\(content): \(out)")
                #expect((out["message"] as? String ?? "").contains(fragment), "\(out)")
            }
            let big = #"{"tags":{"a":{"tag_key":{"@@assign":"a"}}}}"# + String(repeating: " ", count: 10_000)
            try await server.refused(
                "CreatePolicy", ["Name": "big", "Description": "", "Type": "TAG_POLICY", "Content": big], as: t.management,
                "ConstraintViolationException", reason: "POLICY_CONTENT_LIMIT_EXCEEDED")
            let listed = try await server.ok("ListPolicies", ["Filter": "TAG_POLICY"], as: t.management)
            #expect((listed["Policies"] as! [[String: Any]]).isEmpty)
        }
    }

    @Test func anInvalidEffectivePolicyListsItsAccountAndExplainsItself() async throws {
        try await withTestServer { server in
            let t = try await tree(server, "optout")
            try await server.ok("EnablePolicyType", ["RootId": t.rootId, "PolicyType": "AISERVICES_OPT_OUT_POLICY"], as: t.management)
            let root = try await create(
                server, t, "OptOut", type: "AISERVICES_OPT_OUT_POLICY", content: #"{"services":{"default":{"opt_out_policy":{"@@assign":"optOut"}}}}"#
            )
            let child = try await create(
                server, t, "Append", type: "AISERVICES_OPT_OUT_POLICY",
                content: #"{"services":{"default":{"opt_out_policy":{"@@append":["optIn"]}}}}"#)
            try await server.ok("AttachPolicy", ["PolicyId": root, "TargetId": t.rootId], as: t.management)
            let clean = try await server.ok("ListAccountsWithInvalidEffectivePolicy", ["PolicyType": "AISERVICES_OPT_OUT_POLICY"], as: t.management)
            #expect((clean["Accounts"] as! [[String: Any]]).isEmpty && clean["PolicyType"] as? String == "AISERVICES_OPT_OUT_POLICY")

            try await server.ok("AttachPolicy", ["PolicyId": child, "TargetId": t.ouId], as: t.management)
            let invalid = try await server.ok("ListAccountsWithInvalidEffectivePolicy", ["PolicyType": "AISERVICES_OPT_OUT_POLICY"], as: t.management)
            #expect((invalid["Accounts"] as! [[String: Any]]).map { $0["Id"] as! String } == [t.member.account])
            let errors = try await server.ok(
                "ListEffectivePolicyValidationErrors", ["AccountId": t.member.account, "PolicyType": "AISERVICES_OPT_OUT_POLICY"], as: t.management)
            let organizationId = try await orgId(server, t)
            #expect(errors["Path"] as? String == "\(organizationId)/\(t.rootId)/\(t.ouId)/\(t.member.account)/")
            let first = try #require((errors["EffectivePolicyValidationErrors"] as? [[String: Any]])?.first)
            #expect(first["ErrorCode"] as? String == "INVALID_OPERATOR")
            #expect(first["ContributingPolicies"] as? [String] == [root, child], "the policy that set the value and the one at fault")
            #expect(first["PathToError"] as? String == "services.default.opt_out_policy")
            // The inherited value is kept in the effective policy itself.
            let effective = try await server.ok(
                "DescribeEffectivePolicy", ["PolicyType": "AISERVICES_OPT_OUT_POLICY", "TargetId": t.member.account], as: t.management)
            #expect(
                (effective["EffectivePolicy"] as? [String: Any])?["PolicyContent"] as? String
                    == #"{"services":{"default":{"opt_out_policy":"optOut"}}}"#)

            try await server.refused(
                "ListEffectivePolicyValidationErrors", ["AccountId": "999999999999", "PolicyType": "AISERVICES_OPT_OUT_POLICY"], as: t.management,
                "AccountNotFoundException")
            try await server.refused(
                "ListEffectivePolicyValidationErrors", ["AccountId": t.member.account, "PolicyType": "TAG_POLICY"], as: t.management,
                "EffectivePolicyNotFoundException")
            try await server.refused(
                "ListAccountsWithInvalidEffectivePolicy", ["PolicyType": "AISERVICES_OPT_OUT_POLICY"], as: t.member, "AccessDeniedException")
            try await server.refused(
                "ListAccountsWithInvalidEffectivePolicy", ["PolicyType": "AISERVICES_OPT_OUT_POLICY", "MaxResults": 21], as: t.management,
                "InvalidInputException", reason: "MAX_VALUE_EXCEEDED")
        }
    }

    @Test func restServesTheSameEffectivePolicyAndValidationErrors() async throws {
        try await withTestServer { server in
            let t = try await tree(server, "tagsrest")
            try await server.rest(
                .post, "/v1/organization/roots/\(t.rootId)/policy-types", ["policyType": "TAG_POLICY"], as: t.management, expect: 200)
            let a = try await server.rest(
                .post, "/v1/organization/policies", ["name": "A", "description": "", "type": "TAG_POLICY", "content": Self.rootTags],
                as: t.management, expect: 201)
            let id = try #require((a["policySummary"] as? [String: Any])?["id"] as? String)
            try await server.rest(.put, "/v1/organization/policies/\(id)/targets/\(t.rootId)", as: t.management, expect: 204)
            let described = try await server.rest(
                .get, "/v1/organization/effective-policies/TAG_POLICY", query: "targetId=\(t.member.account)", as: t.management, expect: 200)
            #expect(
                described["policyContent"] as? String
                    == #"{"tags":{"costcenter":{"tag_key":"CostCenter","tag_value":["Development","Support"]}}}"#)
            #expect(described["targetId"] as? String == t.member.account && described["lastUpdatedTimestamp"] is String)
            let own = try await server.rest(.get, "/v1/organization/effective-policies/TAG_POLICY", as: t.member, expect: 200)
            #expect(own["policyContent"] as? String == described["policyContent"] as? String)
            let invalid = try await server.rest(
                .get, "/v1/organization/effective-policies/TAG_POLICY/invalid-accounts", as: t.management, expect: 200)
            #expect((invalid["accounts"] as? [Any])?.isEmpty == true && invalid["policyType"] as? String == "TAG_POLICY")
            let errors = try await server.rest(
                .get, "/v1/organization/accounts/\(t.member.account)/effective-policies/TAG_POLICY/validation-errors", as: t.management,
                expect: 200)
            #expect(
                (errors["effectivePolicyValidationErrors"] as? [Any])?.isEmpty == true
                    && (errors["path"] as? String)?.hasSuffix("/\(t.member.account)/") == true)
            try await server.restRefused(
                .get, "/v1/organization/effective-policies/SERVICE_CONTROL_POLICY", as: t.management, "InvalidInputException")
            try await server.restRefused(
                .get, "/v1/organization/effective-policies/TAG_POLICY/invalid-accounts", as: t.member, "AccessDeniedException")
        }
    }

    func orgId(_ server: TestServer, _ t: Tree) async throws -> String {
        (try await server.ok("DescribeOrganization", as: t.management)["Organization"] as! [String: Any])["Id"] as! String
    }
}
