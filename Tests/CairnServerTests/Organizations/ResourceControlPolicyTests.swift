import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Resource control policies against a live server: they bind every caller of a member account's resources,
/// in the organization or not, beside SCPs; the management account's resources are outside their reach.
@Suite struct ResourceControlPolicyTests {
    struct Organization: Sendable {
        let management: Tenant
        let member: Tenant
        let outsider: Tenant
        let organizationId: String
        let rootId: String
    }

    func organization(_ server: TestServer, _ name: String) async throws -> Organization {
        let management = try await server.createTenant("\(name)-mgmt")
        let member = try await server.createTenant("\(name)-member")
        let outsider = try await server.createTenant("\(name)-outsider")
        let org = try await server.ok("CreateOrganization", ["FeatureSet": "ALL"], as: management)["Organization"] as! [String: Any]
        let root = (try await server.ok("ListRoots", as: management)["Roots"] as! [[String: Any]])[0]["Id"] as! String
        let invite = try await server.ok("InviteAccountToOrganization", ["Target": ["Id": member.account, "Type": "ACCOUNT"]], as: management)
        try await server.ok("AcceptHandshake", ["HandshakeId": (invite["Handshake"] as! [String: Any])["Id"] as! String], as: member)
        return Organization(
            management: management, member: member, outsider: outsider, organizationId: org["Id"] as! String, rootId: root)
    }

    func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
    }

    /// A role in `owner` that both other tenants' accounts may assume by trust.
    func sharedRole(_ server: TestServer, in owner: Tenant, trusting accounts: [Tenant]) async throws -> String {
        let principals = accounts.map { "\"arn:aws:iam::\($0.account):root\"" }.joined(separator: ",")
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[\#(principals)]},"Action":"sts:AssumeRole"}]}"#
        let r = try await server.awsQuery(
            form([("Action", "CreateRole"), ("Version", "2010-05-08"), ("RoleName", "Shared"), ("AssumeRolePolicyDocument", trust)]),
            service: "iam", credentials: owner.credentials)
        #expect(r.status == .ok, "\(String(buffer: r.body))")
        return "arn:aws:iam::\(owner.account):role/Shared"
    }

    /// An IAM user of `tenant` allowed to assume any role (root users may not assume roles, as in AWS).
    func assumer(_ server: TestServer, in tenant: Tenant) async throws -> Tenant {
        let allow = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#
        for fields in [
            [("Action", "CreateUser"), ("UserName", "assumer")],
            [("Action", "PutUserPolicy"), ("UserName", "assumer"), ("PolicyName", "assume"), ("PolicyDocument", allow)],
        ] {
            let r = try await server.awsQuery(form(fields + [("Version", "2010-05-08")]), service: "iam", credentials: tenant.credentials)
            #expect(r.status == .ok, "\(String(buffer: r.body))")
        }
        let r = try await server.awsQuery(
            form([("Action", "CreateAccessKey"), ("UserName", "assumer"), ("Version", "2010-05-08")]), service: "iam",
            credentials: tenant.credentials)
        let xml = String(buffer: r.body)
        let key = try #require(xml.firstMatch(of: /<AccessKeyId>([^<]+)</)?.1)
        let secret = try #require(xml.firstMatch(of: /<SecretAccessKey>([^<]+)</)?.1)
        try await server.settle()
        return Tenant(account: tenant.account, credentials: TestCredentials(accessKeyId: String(key), secret: String(secret)))
    }

    func assume(_ server: TestServer, _ roleArn: String, as caller: Tenant) async throws -> TestResponse {
        try await server.awsQuery(
            form([("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleArn), ("RoleSessionName", "rcp")]), service: "sts",
            credentials: caller.credentials)
    }

    func createRCP(_ server: TestServer, _ o: Organization, _ name: String, content: String) async throws -> String {
        let p = try await server.ok(
            "CreatePolicy", ["Name": name, "Description": "", "Type": "RESOURCE_CONTROL_POLICY", "Content": content], as: o.management)
        return ((p["Policy"] as! [String: Any])["PolicySummary"] as! [String: Any])["Id"] as! String
    }

    static func orgOnly(_ organizationId: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Sid":"OrgOnly","Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"\#(organizationId)"}}}]}"#
    }

    @Test func anRCPDeniesAssumeRoleIntoAMembersRoleFromOutsideTheOrganizationAndLetsMembersIn() async throws {
        try await withTestServer { server in
            let o = try await organization(server, "rcp")
            let role = try await sharedRole(server, in: o.member, trusting: [o.management, o.outsider])
            let (insider, outsider) = (try await assumer(server, in: o.management), try await assumer(server, in: o.outsider))
            #expect(try await assume(server, role, as: outsider).status == .ok, "no RCPs yet: the trust policy decides")
            try await server.refused(
                "CreatePolicy", ["Name": "x", "Description": "", "Type": "RESOURCE_CONTROL_POLICY", "Content": Self.orgOnly(o.organizationId)],
                as: o.member, "AccessDeniedException")
            let id = try await createRCP(server, o, "OrgOnly", content: Self.orgOnly(o.organizationId))
            try await server.refused(
                "AttachPolicy", ["PolicyId": id, "TargetId": o.member.account], as: o.management, "PolicyTypeNotEnabledException")

            let root = try await server.ok("EnablePolicyType", ["RootId": o.rootId, "PolicyType": "RESOURCE_CONTROL_POLICY"], as: o.management)
            let types = ((root["Root"] as! [String: Any])["PolicyTypes"] as! [[String: Any]]).map { $0["Type"] as! String }
            #expect(types == ["RESOURCE_CONTROL_POLICY"])
            let attached = try await server.ok(
                "ListPoliciesForTarget", ["TargetId": o.member.account, "Filter": "RESOURCE_CONTROL_POLICY"], as: o.management)
            let managed = try #require((attached["Policies"] as! [[String: Any]]).first)
            #expect(managed["Id"] as? String == "p-RCPFullAWSAccess" && managed["AwsManaged"] as? Bool == true)
            #expect(managed["Arn"] as? String == "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess")
            #expect(try await assume(server, role, as: outsider).status == .ok, "RCPFullAWSAccess alone changes nothing")

            try await server.ok("AttachPolicy", ["PolicyId": id, "TargetId": o.member.account], as: o.management)
            let denied = try await assume(server, role, as: outsider)
            #expect(denied.status.code == 403)
            #expect(String(buffer: denied.body).contains("with an explicit deny in a resource control policy"), "\(String(buffer: denied.body))")
            #expect(try await assume(server, role, as: insider).status == .ok, "a caller inside the organization passes")

            // RCPFullAWSAccess cannot be detached; the customer RCP can, and the outsider is let in again.
            try await server.refused(
                "DetachPolicy", ["PolicyId": "p-RCPFullAWSAccess", "TargetId": o.member.account], as: o.management, "InvalidInputException",
                reason: "NON_DETACHABLE_POLICY")
            try await server.ok("DetachPolicy", ["PolicyId": id, "TargetId": o.member.account], as: o.management)
            #expect(try await assume(server, role, as: outsider).status == .ok)

            // At the root it reaches every member, but never the management account's own resources.
            try await server.ok("AttachPolicy", ["PolicyId": id, "TargetId": o.rootId], as: o.management)
            #expect(try await assume(server, role, as: outsider).status.code == 403)
            let managementRole = try await sharedRole(server, in: o.management, trusting: [o.outsider])
            #expect(try await assume(server, managementRole, as: outsider).status == .ok)

            // Disabling the type detaches every RCP at once.
            try await server.ok("DisablePolicyType", ["RootId": o.rootId, "PolicyType": "RESOURCE_CONTROL_POLICY"], as: o.management)
            #expect(try await assume(server, role, as: outsider).status == .ok)
            let none = try await server.ok("ListTargetsForPolicy", ["PolicyId": id], as: o.management)
            #expect((none["Targets"] as! [[String: Any]]).isEmpty)
        }
    }

    @Test func organizationsRefusesAnRCPItWouldNotStore() async throws {
        try await withTestServer { server in
            let o = try await organization(server, "rcpsyntax")
            func refusedContent(_ content: String, _ fragment: String) async throws {
                let (status, out) = try await server.organizations(
                    "CreatePolicy", ["Name": "bad", "Description": "", "Type": "RESOURCE_CONTROL_POLICY", "Content": content], as: o.management)
                #expect(status == 400 && out["__type"] as? String == "MalformedPolicyDocumentException", "\(out)")
                #expect((out["message"] as? String ?? "").contains(fragment), "\(out)")
            }
            let stmt = { (body: String) in #"{"Version":"2012-10-17","Statement":[{\#(body)}]}"# }
            try await refusedContent(stmt(#""Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*""#), "can only Deny")
            try await refusedContent(
                stmt(#""Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"*""#), "must be \"*\"")
            try await refusedContent(stmt(#""Effect":"Deny","Action":"s3:*","Resource":"*""#), "needs \"Principal\"")
            try await refusedContent(
                stmt(#""Effect":"Deny","Principal":"*","Action":"*","Resource":"*""#), "not allowed in a resource control policy")
            try await refusedContent(stmt(#""Effect":"Deny","Principal":"*","NotAction":"s3:*","Resource":"*""#), "NotAction")
            try await refusedContent(
                stmt(#""Effect":"Deny","Principal":"*","Action":"iam:CreateUser","Resource":"*""#), "do not support this service")
            let long = stmt(#""Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*""#) + String(repeating: " ", count: 5_121)
            try await server.refused(
                "CreatePolicy", ["Name": "big", "Description": "", "Type": "RESOURCE_CONTROL_POLICY", "Content": long], as: o.management,
                "ConstraintViolationException", reason: "POLICY_CONTENT_LIMIT_EXCEEDED")
            try await server.refused(
                "CreatePolicy",
                ["Name": "RCPFullAWSAccess", "Description": "", "Type": "RESOURCE_CONTROL_POLICY", "Content": Self.orgOnly(o.organizationId)],
                as: o.management, "DuplicatePolicyException")
            let listed = try await server.ok("ListPolicies", ["Filter": "RESOURCE_CONTROL_POLICY"], as: o.management)
            #expect((listed["Policies"] as! [[String: Any]]).map { $0["Name"] as! String } == ["RCPFullAWSAccess"], "nothing was stored")
        }
    }

    @Test func anRCPDeniesPutAuditEventsIntoAMembersChannelFromOutsideTheOrganization() async throws {
        try await withTestServer { server in
            let o = try await organization(server, "rcpchannel")
            let ingestion = IngestionTests()
            let channel = try #require(
                try await server.trailOK(
                    "CreateChannel", ["Name": "feed", "Source": "Custom", "Destinations": try await ingestion.destinations(server, o.member)],
                    as: o.member)[
                        "ChannelArn"] as? String)
            let grant =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(o.outsider.account)"},"Action":"cloudtrail-data:PutAuditEvents","Resource":"\#(channel)"}]}"#
            try await server.trailOK("PutResourcePolicy", ["ResourceArn": channel, "ResourcePolicy": grant], as: o.member)
            let event = { (id: String) in ["id": id, "eventData": ingestion.eventData(o.member.account, id: id)] }
            var (status, out) = try await ingestion.put(server, o.outsider, channel: channel, [event("e-1")])
            #expect(status == 200, "the channel policy lets the partner in: \(out)")

            try await server.ok("EnablePolicyType", ["RootId": o.rootId, "PolicyType": "RESOURCE_CONTROL_POLICY"], as: o.management)
            let orgOnly =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"cloudtrail-data:PutAuditEvents","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"\#(o.organizationId)"}}}]}"#
            let id = try await createRCP(server, o, "ChannelOrgOnly", content: orgOnly)
            try await server.ok("AttachPolicy", ["PolicyId": id, "TargetId": o.rootId], as: o.management)
            (status, out) = try await ingestion.put(server, o.outsider, channel: channel, [event("e-2")])
            #expect(status == 403 || status == 400, "\(out)")
            #expect((out["message"] as? String ?? out["Message"] as? String ?? "").contains("resource control policy"), "\(out)")
            (status, out) = try await ingestion.put(server, o.member, channel: channel, [event("e-3")])
            #expect(status == 200, "the owner is inside the organization: \(out)")
            #expect(try await ingestion.storedActivity(server, o.member.account) == ["RefundIssued", "RefundIssued"], "e-2 was not stored")
        }
    }
}
