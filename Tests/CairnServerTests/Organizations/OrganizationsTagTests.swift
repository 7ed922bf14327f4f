import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import PostgresNIO
import Testing

/// Tags on AWS Organizations resources over JSON 1.1: given at creation, TagResource / UntagResource /
/// ListTagsForResource on every resource kind, AWS's limits and errors, isolation, and tags going with
/// their resource.
@Suite struct OrganizationsTagTests {
    static let scp = "SERVICE_CONTROL_POLICY"
    static let denyStop = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}"#

    /// An organization with SCPs enabled, an OU, a policy and a member that joined by invitation.
    struct Estate: Sendable {
        let management: Tenant
        let member: Tenant
        let organizationId: String
        let root: String
        let ou: String
        let policy: String
    }

    static func estate(_ s: TestServer, _ name: String) async throws -> Estate {
        let management = try await s.createTenant("\(name)-mgmt")
        let member = try await s.createTenant("\(name)-member")
        let org = try await s.ok("CreateOrganization", as: management)["Organization"] as! [String: Any]
        let root = (try await s.ok("ListRoots", as: management)["Roots"] as! [[String: Any]])[0]["Id"] as! String
        try await s.ok("EnablePolicyType", ["RootId": root, "PolicyType": scp], as: management)
        let ou =
            (try await s.ok("CreateOrganizationalUnit", ["ParentId": root, "Name": "Workloads"], as: management)["OrganizationalUnit"]
            as! [String: Any])["Id"] as! String
        let policy = try await s.ok("CreatePolicy", ["Name": "NoStop", "Description": "d", "Type": scp, "Content": denyStop], as: management)
        let policyId = ((policy["Policy"] as! [String: Any])["PolicySummary"] as! [String: Any])["Id"] as! String
        let h =
            (try await s.ok("InviteAccountToOrganization", ["Target": ["Id": member.account, "Type": "ACCOUNT"]], as: management)["Handshake"]
            as! [String: Any])["Id"] as! String
        try await s.ok("AcceptHandshake", ["HandshakeId": h], as: member)
        return Estate(management: management, member: member, organizationId: org["Id"] as! String, root: root, ou: ou, policy: policyId)
    }

    static func tagList(_ tags: [String: String]) -> [[String: String]] {
        tags.sorted { $0.key < $1.key }.map { ["Key": $0.key, "Value": $0.value] }
    }

    /// Every tag of a resource, following NextToken; checks each page holds at most 20.
    static func tags(_ s: TestServer, _ id: String, as tenant: Tenant) async throws -> [String: String] {
        var out: [String: String] = [:]
        var token: String?
        repeat {
            var body: [String: Any] = ["ResourceId": id]
            if let token { body["NextToken"] = token }
            let page = try await s.ok("ListTagsForResource", body, as: tenant)
            let items = page["Tags"] as? [[String: String]] ?? []
            #expect(items.count <= 20)
            for t in items { out[t["Key"]!] = t["Value"]! }
            token = page["NextToken"] as? String
        } while token != nil
        return out
    }

    @Test func tagsGivenAtCreationAreListed() async throws {
        try await withTestServer { s in
            let e = try await Self.estate(s, "create")
            let tags = ["team": "platform", "empty": ""]
            let ou = try await s.ok("CreateOrganizationalUnit", ["ParentId": e.root, "Name": "Tagged", "Tags": Self.tagList(tags)], as: e.management)
            let ouId = (ou["OrganizationalUnit"] as! [String: Any])["Id"] as! String
            #expect(try await Self.tags(s, ouId, as: e.management) == tags)

            let created = try await s.ok(
                "CreateAccount", ["Email": "tagged@create.example", "AccountName": "tagged", "Tags": Self.tagList(tags)], as: e.management)
            let requestId = (created["CreateAccountStatus"] as! [String: Any])["Id"] as! String
            let status = try await s.ok("DescribeCreateAccountStatus", ["CreateAccountRequestId": requestId], as: e.management)
            let account = (status["CreateAccountStatus"] as! [String: Any])["AccountId"] as! String
            #expect(try await Self.tags(s, account, as: e.management) == tags)

            let policy = try await s.ok(
                "CreatePolicy", ["Name": "Tagged", "Description": "d", "Type": Self.scp, "Content": Self.denyStop, "Tags": Self.tagList(tags)],
                as: e.management)
            let policyId = ((policy["Policy"] as! [String: Any])["PolicySummary"] as! [String: Any])["Id"] as! String
            #expect(try await Self.tags(s, policyId, as: e.management) == tags)

            // An invitation's tags wait for the answer: the account is no target before it joins, tagged after.
            let invited = try await s.createTenant("create-invited")
            let invite = try await s.ok(
                "InviteAccountToOrganization",
                ["Target": ["Id": invited.account, "Type": "ACCOUNT"], "Tags": Self.tagList(["joined": "by-invite"])],
                as: e.management)
            try await s.refused("ListTagsForResource", ["ResourceId": invited.account], as: e.management, "TargetNotFoundException")
            try await s.ok("AcceptHandshake", ["HandshakeId": (invite["Handshake"] as! [String: Any])["Id"] as! String], as: invited)
            #expect(try await Self.tags(s, invited.account, as: e.management) == ["joined": "by-invite"])
            // A declined invitation attaches nothing.
            let decliner = try await s.createTenant("create-decliner")
            let declined = try await s.ok(
                "InviteAccountToOrganization", ["Target": ["Id": decliner.account, "Type": "ACCOUNT"], "Tags": Self.tagList(["x": "y"])],
                as: e.management)
            try await s.ok("DeclineHandshake", ["HandshakeId": (declined["Handshake"] as! [String: Any])["Id"] as! String], as: decliner)
            try await s.refused("ListTagsForResource", ["ResourceId": decliner.account], as: e.management, "TargetNotFoundException")
        }
    }

    @Test func tagUntagAndListEveryResourceKind() async throws {
        try await withTestServer { s in
            let e = try await Self.estate(s, "kinds")
            for id in [e.root, e.ou, e.policy, e.member.account, e.management.account] {
                #expect(try await Self.tags(s, id, as: e.management) == [:])
                try await s.ok("TagResource", ["ResourceId": id, "Tags": Self.tagList(["team": "a", "Team": "b", "env": "prod"])], as: e.management)
                // Overwriting a key keeps one tag; keys are case-sensitive.
                try await s.ok("TagResource", ["ResourceId": id, "Tags": Self.tagList(["team": "c"])], as: e.management)
                #expect(try await Self.tags(s, id, as: e.management) == ["team": "c", "Team": "b", "env": "prod"])
                // Keys the resource lacks are ignored.
                try await s.ok("UntagResource", ["ResourceId": id, "TagKeys": ["Team", "absent"]], as: e.management)
                #expect(try await Self.tags(s, id, as: e.management) == ["team": "c", "env": "prod"])
            }
            // Pages of 20, ordered by key, with a token bound to the operation.
            let many = Dictionary(uniqueKeysWithValues: (0..<25).map { (String(format: "k%02d", $0), "v\($0)") })
            try await s.ok("TagResource", ["ResourceId": e.root, "Tags": Self.tagList(many)], as: e.management)
            let first = try await s.ok("ListTagsForResource", ["ResourceId": e.root], as: e.management)
            #expect((first["Tags"] as? [[String: String]])?.first?["Key"] == "env" && (first["Tags"] as? [[String: String]])?.count == 20)
            let token = try #require(first["NextToken"] as? String)
            try await s.refused("ListRoots", ["NextToken": token], as: e.management, "InvalidInputException", reason: "INVALID_NEXT_TOKEN")
            #expect(try await Self.tags(s, e.root, as: e.management).count == 27)
            // Each call is an event, its tags among the request parameters.
            let events = try await s.send(.get, "/v1/events", query: "eventName=TagResource", credentials: e.management.credentials)
            let records = ((s.json(events)["events"] as? [[String: Any]]) ?? []).compactMap { $0["cloudTrailEvent"] as? [String: Any] }
            #expect(records.count == 11 && records.allSatisfy { $0["eventSource"] as? String == "organizations.amazonaws.com" })
            #expect(records.contains { ($0["requestParameters"] as? [String: Any])?["resourceId"] as? String == e.root })
        }
    }

    @Test func limitsAndBadInputAreRefusedNamingTheMemberAndChangeNothing() async throws {
        try await withTestServer { s in
            let e = try await Self.estate(s, "limits")
            let me = e.management
            let start = Dictionary(uniqueKeysWithValues: (0..<45).map { ("k\($0)", "v") })
            try await s.ok("TagResource", ["ResourceId": e.ou, "Tags": Self.tagList(start)], as: me)
            func refused(
                _ body: [String: Any], _ code: String, _ reason: String, naming member: String? = nil, op: String = "TagResource"
            ) async throws {
                let (status, out) = try await s.organizations(op, body, as: me)
                #expect(status == 400 && out["__type"] as? String == code && out["Reason"] as? String == reason, "\(body) → \(out)")
                if let member { #expect((out["message"] as? String ?? "").contains(member), "\(out)") }
            }
            let tag = { (k: String, v: String) in [["Key": k, "Value": v]] }
            try await refused(["Tags": tag("a", "b")], "InvalidInputException", "INPUT_REQUIRED", naming: "ResourceId")
            try await refused(["ResourceId": "ou-bad", "Tags": tag("a", "b")], "InvalidInputException", "INVALID_PATTERN", naming: "ResourceId")
            try await refused(["ResourceId": e.ou], "InvalidInputException", "INPUT_REQUIRED", naming: "Tags")
            try await refused(["ResourceId": e.ou, "Tags": [] as [Any]], "InvalidInputException", "INPUT_REQUIRED", naming: "Tags")
            try await refused(["ResourceId": e.ou, "Tags": tag("", "v")], "InvalidInputException", "MIN_LENGTH_EXCEEDED", naming: "Tags[0].Key")
            try await refused(
                ["ResourceId": e.ou, "Tags": tag(String(repeating: "k", count: 129), "v")], "InvalidInputException", "MAX_LENGTH_EXCEEDED",
                naming: "Tags[0].Key")
            try await refused(
                ["ResourceId": e.ou, "Tags": tag("k", String(repeating: "v", count: 257))], "InvalidInputException", "MAX_LENGTH_EXCEEDED",
                naming: "Tags[0].Value")
            try await refused(
                ["ResourceId": e.ou, "Tags": tag("aws:owner", "v")], "InvalidInputException", "INVALID_SYSTEM_TAGS_PARAMETER", naming: "Tags[0].Key")
            try await refused(["ResourceId": e.ou, "Tags": tag("AWS:owner", "v")], "InvalidInputException", "INVALID_SYSTEM_TAGS_PARAMETER")
            try await refused(["ResourceId": e.ou, "Tags": tag("a,b", "v")], "InvalidInputException", "INVALID_PATTERN", naming: "Tags[0].Key")
            try await refused(["ResourceId": e.ou, "Tags": [["Key": "k"]]], "InvalidInputException", "INPUT_REQUIRED", naming: "Tags[0].Value")
            try await refused(["ResourceId": e.ou, "Tags": tag("d", "1") + tag("d", "2")], "InvalidInputException", "DUPLICATE_TAG_KEY")
            // The limit counts what the resource already has: 45 + 6 new is refused whole; overwrites do not count.
            let six = Dictionary(uniqueKeysWithValues: (0..<6).map { ("n\($0)", "v") })
            try await refused(["ResourceId": e.ou, "Tags": Self.tagList(six)], "ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED")
            #expect(try await Self.tags(s, e.ou, as: me) == start)
            let five = Dictionary(uniqueKeysWithValues: (0..<5).map { ("n\($0)", "v") })
            try await s.ok("TagResource", ["ResourceId": e.ou, "Tags": Self.tagList(five.merging(["k0": "new"]) { a, _ in a })], as: me)
            #expect(try await Self.tags(s, e.ou, as: me).count == 50)
            try await refused(["ResourceId": e.ou, "Tags": tag("one-more", "v")], "ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED")
            // Untag's own input.
            try await refused(["ResourceId": e.ou], "InvalidInputException", "INPUT_REQUIRED", naming: "TagKeys", op: "UntagResource")
            try await refused(
                ["ResourceId": e.ou, "TagKeys": ["aws:x"]], "InvalidInputException", "INVALID_SYSTEM_TAGS_PARAMETER", naming: "TagKeys[0]",
                op: "UntagResource")
            try await refused(["ResourceId": "nope"], "InvalidInputException", "INVALID_PATTERN", naming: "ResourceId", op: "ListTagsForResource")
            #expect(try await Self.tags(s, e.ou, as: me).count == 50)
            // Too many tags at creation: nothing is created.
            let fiftyOne = Dictionary(uniqueKeysWithValues: (0..<51).map { ("k\($0)", "v") })
            try await refused(
                ["ParentId": e.root, "Name": "TooMany", "Tags": Self.tagList(fiftyOne)], "ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED",
                op: "CreateOrganizationalUnit")
            try await refused(
                ["ParentId": e.root, "Name": "BadTag", "Tags": tag("aws:x", "v")], "InvalidInputException", "INVALID_SYSTEM_TAGS_PARAMETER",
                op: "CreateOrganizationalUnit")
            let ous =
                try await s.ok("ListOrganizationalUnitsForParent", ["ParentId": e.root], as: me)["OrganizationalUnits"] as? [[String: Any]] ?? []
            #expect(ous.compactMap { $0["Name"] as? String } == ["Workloads"])
        }
    }

    @Test func anotherOrganizationsResourcesAreNotFound() async throws {
        try await withTestServer { s in
            let a = try await Self.estate(s, "iso-a")
            let b = try await Self.estate(s, "iso-b")
            for id in [b.root, b.ou, b.policy, b.member.account, b.management.account] {
                try await s.ok("TagResource", ["ResourceId": id, "Tags": Self.tagList(["owner": "b"])], as: b.management)
            }
            let unknown = ["r-zzzz", "ou-zzzz-zzzzzzzz", "p-zzzzzzzz", "999999999999", "rp-zzzzzzzz", "p-FullAWSAccess"]
            for id in [b.root, b.ou, b.policy, b.member.account, b.management.account] + unknown {
                try await s.refused(
                    "TagResource", ["ResourceId": id, "Tags": Self.tagList(["owner": "a"])], as: a.management, "TargetNotFoundException")
                try await s.refused("UntagResource", ["ResourceId": id, "TagKeys": ["owner"]], as: a.management, "TargetNotFoundException")
                try await s.refused("ListTagsForResource", ["ResourceId": id], as: a.management, "TargetNotFoundException")
            }
            for id in [b.root, b.ou, b.policy, b.member.account, b.management.account] {
                #expect(try await Self.tags(s, id, as: b.management) == ["owner": "b"])
            }
        }
    }

    @Test func onlyTheManagementAccountTagsAndDelegatedAdministratorsRead() async throws {
        try await withTestServer { s in
            let e = try await Self.estate(s, "who")
            let standalone = try await s.createTenant("who-standalone")
            try await s.ok("TagResource", ["ResourceId": e.ou, "Tags": Self.tagList(["team": "a"])], as: e.management)
            let tag: [String: Any] = ["ResourceId": e.ou, "Tags": Self.tagList(["team": "x"])]
            let untag: [String: Any] = ["ResourceId": e.ou, "TagKeys": ["team"]]
            let list: [String: Any] = ["ResourceId": e.ou]
            for (op, body) in [("TagResource", tag), ("UntagResource", untag), ("ListTagsForResource", list)] {
                try await s.refused(op, body, as: e.member, "AccessDeniedException")
                try await s.refused(op, body, as: standalone, "AWSOrganizationsNotInUseException")
            }
            // A member's own account is no exception.
            try await s.refused("ListTagsForResource", ["ResourceId": e.member.account], as: e.member, "AccessDeniedException")
            // A delegated administrator reads the tags, as AWS lets it, and writes none.
            try await s.ok("EnableAWSServiceAccess", ["ServicePrincipal": "cloudtrail.amazonaws.com"], as: e.management)
            try await s.ok(
                "RegisterDelegatedAdministrator", ["AccountId": e.member.account, "ServicePrincipal": "cloudtrail.amazonaws.com"], as: e.management)
            #expect(try await Self.tags(s, e.ou, as: e.member) == ["team": "a"])
            try await s.refused("TagResource", tag, as: e.member, "AccessDeniedException")
            try await s.refused("UntagResource", untag, as: e.member, "AccessDeniedException")
            #expect(try await Self.tags(s, e.ou, as: e.management) == ["team": "a"])
        }
    }

    @Test func tagsGoWithTheirResource() async throws {
        try await withTestServer { s in
            let e = try await Self.estate(s, "gone")
            let other = try await Self.estate(s, "gone-other")
            try await s.ok("TagResource", ["ResourceId": other.ou, "Tags": Self.tagList(["stays": "yes"])], as: other.management)
            let sandbox =
                (try await s.ok(
                    "CreateOrganizationalUnit", ["ParentId": e.root, "Name": "Sandbox", "Tags": Self.tagList(["t": "1"])], as: e.management)[
                    "OrganizationalUnit"] as! [String: Any])["Id"] as! String
            for id in [e.root, e.ou, e.policy, e.member.account, e.management.account] {
                try await s.ok("TagResource", ["ResourceId": id, "Tags": Self.tagList(["t": "1"])], as: e.management)
            }
            #expect(try await rows(s, e.organizationId) == 6)
            try await s.ok("DeleteOrganizationalUnit", ["OrganizationalUnitId": sandbox], as: e.management)
            #expect(try await rows(s, e.organizationId) == 5)
            try await s.ok("DeletePolicy", ["PolicyId": e.policy], as: e.management)
            #expect(try await rows(s, e.organizationId) == 4)
            // An account that leaves loses its tags (AWS: accounts outside an organization have none); back in, it has none.
            try await s.ok("LeaveOrganization", as: e.member)
            #expect(try await rows(s, e.organizationId) == 3)
            let h =
                (try await s.ok("InviteAccountToOrganization", ["Target": ["Id": e.member.account, "Type": "ACCOUNT"]], as: e.management)["Handshake"]
                as! [String: Any])["Id"] as! String
            try await s.ok("AcceptHandshake", ["HandshakeId": h], as: e.member)
            #expect(try await Self.tags(s, e.member.account, as: e.management) == [:])
            try await s.ok("TagResource", ["ResourceId": e.member.account, "Tags": Self.tagList(["t": "2"])], as: e.management)
            try await s.ok("RemoveAccountFromOrganization", ["AccountId": e.member.account], as: e.management)
            #expect(try await rows(s, e.organizationId) == 3)
            // Deleting the organization deletes the rest; another organization's tags stay.
            try await s.ok("DeleteOrganizationalUnit", ["OrganizationalUnitId": e.ou], as: e.management)
            try await s.ok("DeleteOrganization", as: e.management)
            #expect(try await rows(s, e.organizationId) == 0)
            #expect(try await Self.tags(s, other.ou, as: other.management) == ["stays": "yes"])
        }
    }

    /// The organization's stored tag rows, read straight from the database.
    func rows(_ s: TestServer, _ organization: String) async throws -> Int {
        let rows = try await s.store.client.query("SELECT count(*)::int8 FROM organization_tags WHERE organization_id = \(organization)")
        for try await n in rows.decode(Int.self) { return n }
        return 0
    }
}
