import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Logging
import Testing

/// AWS Organizations over JSON 1.1 against a live server, and the isolation between tenants.
@Suite struct OrganizationsFrontDoorTests {
    static let denyStop = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}"#

    /// One tenant's organization: its management account, a member that joined by invitation, an OU, an SCP.
    struct Estate: Sendable {
        let management: Tenant
        let member: Tenant
        let outsider: Tenant
        let organizationId: String
        let rootId: String
        let ouId: String
        let policyId: String
        let handshakeId: String
    }

    func estate(_ server: TestServer, _ name: String) async throws -> Estate {
        let management = try await server.createTenant("\(name)-mgmt")
        let member = try await server.createTenant("\(name)-member")
        let outsider = try await server.createTenant("\(name)-outsider")
        let org = try await server.ok("CreateOrganization", ["FeatureSet": "ALL"], as: management)["Organization"] as! [String: Any]
        let root = (try await server.ok("ListRoots", as: management)["Roots"] as! [[String: Any]])[0]["Id"] as! String
        try await server.ok("EnablePolicyType", ["RootId": root, "PolicyType": "SERVICE_CONTROL_POLICY"], as: management)
        let ou = try await server.ok("CreateOrganizationalUnit", ["ParentId": root, "Name": "Workloads"], as: management)
        let ouId = (ou["OrganizationalUnit"] as! [String: Any])["Id"] as! String
        let invite = try await server.ok("InviteAccountToOrganization", ["Target": ["Id": member.account, "Type": "ACCOUNT"]], as: management)
        let h = (invite["Handshake"] as! [String: Any])["Id"] as! String
        try await server.ok("AcceptHandshake", ["HandshakeId": h], as: member)
        try await server.ok("MoveAccount", ["AccountId": member.account, "SourceParentId": root, "DestinationParentId": ouId], as: management)
        let policy = try await server.ok(
            "CreatePolicy", ["Name": "NoStop", "Description": "d", "Type": "SERVICE_CONTROL_POLICY", "Content": Self.denyStop], as: management)
        let policyId = ((policy["Policy"] as! [String: Any])["PolicySummary"] as! [String: Any])["Id"] as! String
        try await server.ok("AttachPolicy", ["PolicyId": policyId, "TargetId": ouId], as: management)
        // An open invitation to this tenant's outsider.
        let pending = try await server.ok("InviteAccountToOrganization", ["Target": ["Id": outsider.account, "Type": "ACCOUNT"]], as: management)
        return Estate(
            management: management, member: member, outsider: outsider, organizationId: org["Id"] as! String, rootId: root, ouId: ouId,
            policyId: policyId, handshakeId: (pending["Handshake"] as! [String: Any])["Id"] as! String)
    }

    /// Everything a management account can read about its organization, to compare before and after.
    func snapshot(_ server: TestServer, _ e: Estate) async throws -> String {
        var parts: [String] = []
        for (op, body) in [
            ("DescribeOrganization", [:]), ("ListAccounts", [:]), ("ListRoots", [:]),
            ("ListOrganizationalUnitsForParent", ["ParentId": e.rootId]), ("ListPolicies", ["Filter": "SERVICE_CONTROL_POLICY"]),
            ("ListPoliciesForTarget", ["TargetId": e.ouId, "Filter": "SERVICE_CONTROL_POLICY"]), ("ListHandshakesForOrganization", [:]),
            ("ListAWSServiceAccessForOrganization", [:]), ("ListDelegatedAdministrators", [:]),
        ] as [(String, [String: Any])] {
            let out = try await server.ok(op, body, as: e.management)
            parts.append(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self))
        }
        return parts.joined(separator: "\n")
    }

    @Test func noTenantReadsOrChangesAnotherTenantsOrganization() async throws {
        try await withTestServer { server in
            var estates: [Estate] = []
            for i in 0..<4 { estates.append(try await estate(server, "t\(i)")) }
            var before: [String] = []
            for e in estates { before.append(try await snapshot(server, e)) }
            for a in estates {
                for b in estates where a.organizationId != b.organizationId {
                    let me = a.management
                    try await server.refused(
                        "DescribeOrganizationalUnit", ["OrganizationalUnitId": b.ouId], as: me, "OrganizationalUnitNotFoundException")
                    try await server.refused(
                        "UpdateOrganizationalUnit", ["OrganizationalUnitId": b.ouId, "Name": "x"], as: me, "OrganizationalUnitNotFoundException")
                    try await server.refused(
                        "DeleteOrganizationalUnit", ["OrganizationalUnitId": b.ouId], as: me, "OrganizationalUnitNotFoundException")
                    try await server.refused("CreateOrganizationalUnit", ["ParentId": b.ouId, "Name": "x"], as: me, "ParentNotFoundException")
                    try await server.refused("ListChildren", ["ParentId": b.rootId, "ChildType": "ACCOUNT"], as: me, "ParentNotFoundException")
                    try await server.refused("ListAccountsForParent", ["ParentId": b.ouId], as: me, "ParentNotFoundException")
                    try await server.refused("ListParents", ["ChildId": b.member.account], as: me, "ChildNotFoundException")
                    try await server.refused("DescribeAccount", ["AccountId": b.member.account], as: me, "AccountNotFoundException")
                    try await server.refused(
                        "MoveAccount", ["AccountId": b.member.account, "SourceParentId": b.ouId, "DestinationParentId": b.rootId], as: me,
                        "AccountNotFoundException")
                    try await server.refused("RemoveAccountFromOrganization", ["AccountId": b.member.account], as: me, "AccountNotFoundException")
                    try await server.refused("DescribePolicy", ["PolicyId": b.policyId], as: me, "PolicyNotFoundException")
                    try await server.refused(
                        "UpdatePolicy", ["PolicyId": b.policyId, "Content": Self.denyStop], as: me, "PolicyNotFoundException")
                    try await server.refused("DeletePolicy", ["PolicyId": b.policyId], as: me, "PolicyNotFoundException")
                    try await server.refused("DetachPolicy", ["PolicyId": b.policyId, "TargetId": b.ouId], as: me, "PolicyNotFoundException")
                    try await server.refused("AttachPolicy", ["PolicyId": a.policyId, "TargetId": b.ouId], as: me, "TargetNotFoundException")
                    try await server.refused("ListTargetsForPolicy", ["PolicyId": b.policyId], as: me, "PolicyNotFoundException")
                    try await server.refused("AcceptHandshake", ["HandshakeId": b.handshakeId], as: me, "HandshakeNotFoundException")
                    try await server.refused("AcceptHandshake", ["HandshakeId": b.handshakeId], as: a.outsider, "HandshakeNotFoundException")
                    try await server.refused("DeclineHandshake", ["HandshakeId": b.handshakeId], as: a.member, "HandshakeNotFoundException")
                    try await server.refused("CancelHandshake", ["HandshakeId": b.handshakeId], as: me, "HandshakeNotFoundException")
                    try await server.refused(
                        "RegisterDelegatedAdministrator", ["AccountId": b.member.account, "ServicePrincipal": "cloudtrail.amazonaws.com"], as: me,
                        "AccountNotFoundException")
                    try await server.refused("ListDelegatedServicesForAccount", ["AccountId": b.member.account], as: me, "AccountNotFoundException")
                    try await server.refused(
                        "InviteAccountToOrganization", ["Target": ["Id": b.member.account, "Type": "ACCOUNT"]], as: me,
                        "HandshakeConstraintViolationException", reason: "ALREADY_IN_AN_ORGANIZATION")
                    // A member sees its own organization only, and cannot read its accounts.
                    let seen = try await server.ok("DescribeOrganization", as: a.member)["Organization"] as! [String: Any]
                    #expect(seen["Id"] as? String == a.organizationId)
                    try await server.refused("ListAccounts", as: a.member, "AccessDeniedException")
                }
                let accounts = (try await server.ok("ListAccounts", as: a.management)["Accounts"] as! [[String: Any]]).map { $0["Id"] as! String }
                #expect(Set(accounts) == [a.management.account, a.member.account])
                let invites = try await server.ok("ListHandshakesForAccount", as: a.outsider)["Handshakes"] as! [[String: Any]]
                #expect(invites.map { $0["Id"] as? String } == [a.handshakeId])
            }
            for (i, e) in estates.enumerated() {
                #expect(try await snapshot(server, e) == before[i], "tenant \(i)'s organization changed")
            }
            // The standalone outsiders still have no organization.
            for e in estates { try await server.refused("DescribeOrganization", as: e.outsider, "AWSOrganizationsNotInUseException") }
        }
    }

    @Test func createAccountMakesAMemberWithTheAccessRole() async throws {
        try await withTestServer { server in
            let mgmt = try await server.createTenant("mgmt")
            try await server.ok("CreateOrganization", as: mgmt)
            let created = try await server.ok("CreateAccount", ["Email": "new@tenants.example", "AccountName": "New"], as: mgmt)
            let status = created["CreateAccountStatus"] as! [String: Any]
            #expect(status["State"] as? String == "IN_PROGRESS" && (status["Id"] as? String ?? "").hasPrefix("car-"))
            let done =
                try await server.ok("DescribeCreateAccountStatus", ["CreateAccountRequestId": status["Id"]!], as: mgmt)["CreateAccountStatus"]
                as! [String: Any]
            #expect(done["State"] as? String == "SUCCEEDED")
            let account = try #require(done["AccountId"] as? String)
            let described = try await server.ok("DescribeAccount", ["AccountId": account], as: mgmt)["Account"] as! [String: Any]
            #expect(described["JoinedMethod"] as? String == "CREATED" && described["Name"] as? String == "New")
            let role = try await server.store.read(logger: .init(label: "t")) { tx in
                try await tx.roles.find(account: .init(account)!, name: "OrganizationAccountAccessRole")
            }
            #expect(role?.trustPolicy.contains("arn:aws:iam::\(mgmt.account):root") == true)
            // The same email again fails as AWS reports it: in the request's status.
            let again = try await server.ok("CreateAccount", ["Email": "NEW@tenants.example", "AccountName": "Again"], as: mgmt)
            let againId = (again["CreateAccountStatus"] as! [String: Any])["Id"]!
            let failed =
                try await server.ok("DescribeCreateAccountStatus", ["CreateAccountRequestId": againId], as: mgmt)["CreateAccountStatus"]
                as! [String: Any]
            #expect(failed["State"] as? String == "FAILED" && failed["FailureReason"] as? String == "EMAIL_ALREADY_EXISTS")
            try await server.refused("DeleteOrganization", as: mgmt, "OrganizationNotEmptyException")
        }
    }

    @Test func cloudTrailDelegatedAdministratorsFollowAWSsRules() async throws {
        try await withTestServer { server in
            let mgmt = try await server.createTenant("mgmt")
            try await server.ok("CreateOrganization", as: mgmt)
            var members: [Tenant] = []
            for i in 0..<4 {
                let m = try await server.createTenant("m\(i)")
                let h = try await server.ok("InviteAccountToOrganization", ["Target": ["Id": m.account, "Type": "ACCOUNT"]], as: mgmt)
                try await server.ok("AcceptHandshake", ["HandshakeId": (h["Handshake"] as! [String: Any])["Id"]!], as: m)
                members.append(m)
            }
            func trail(_ op: String, _ body: String, as t: Tenant) async throws -> (Int, [String: Any]) {
                let r = try await server.awsJSON(
                    "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.\(op)", body, service: "cloudtrail", credentials: t.credentials)
                return (Int(r.status.code), server.json(r))
            }
            let register = "RegisterOrganizationDelegatedAdmin"
            #expect(
                try await trail(register, #"{"MemberAccountId": "\#(members[0].account)"}"#, as: mgmt).1["__type"] as? String
                    == "CloudTrailAccessNotEnabledException")
            try await server.ok("EnableAWSServiceAccess", ["ServicePrincipal": "cloudtrail.amazonaws.com"], as: mgmt)
            #expect(
                try await trail(register, #"{"MemberAccountId": "\#(mgmt.account)"}"#, as: mgmt).1["__type"] as? String
                    == "CannotDelegateManagementAccountException")
            #expect(
                try await trail(register, #"{"MemberAccountId": "\#(members[0].account)"}"#, as: members[1]).1["__type"] as? String
                    == "NotOrganizationManagementAccountException")
            #expect(try await trail(register, #"{"MemberAccountId": "12ab"}"#, as: mgmt).1["__type"] as? String == "InvalidParameterException")
            for m in members.prefix(3) { #expect(try await trail(register, #"{"MemberAccountId": "\#(m.account)"}"#, as: mgmt).0 == 200) }
            #expect(
                try await trail(register, #"{"MemberAccountId": "\#(members[0].account)"}"#, as: mgmt).1["__type"] as? String
                    == "AccountRegisteredException")
            #expect(
                try await trail(register, #"{"MemberAccountId": "\#(members[3].account)"}"#, as: mgmt).1["__type"] as? String
                    == "DelegatedAdminAccountLimitExceededException")
            let admins =
                try await server.ok("ListDelegatedAdministrators", ["ServicePrincipal": "cloudtrail.amazonaws.com"], as: mgmt)[
                    "DelegatedAdministrators"] as! [[String: Any]]
            #expect(admins.count == 3)
            // A delegated administrator reads the organization, cannot change it, and cannot be removed.
            try await server.ok("ListAccounts", as: members[0])
            try await server.refused("CreateOrganizationalUnit", ["ParentId": "r-abcd", "Name": "x"], as: members[0], "AccessDeniedException")
            try await server.refused(
                "RemoveAccountFromOrganization", ["AccountId": members[0].account], as: mgmt, "ConstraintViolationException",
                reason: "CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG")
            try await server.refused(
                "LeaveOrganization", as: members[0], "ConstraintViolationException", reason: "CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG")
            #expect(
                try await trail("DeregisterOrganizationDelegatedAdmin", #"{"DelegatedAdminAccountId": "\#(members[0].account)"}"#, as: mgmt).0 == 200)
            #expect(
                try await trail("DeregisterOrganizationDelegatedAdmin", #"{"DelegatedAdminAccountId": "\#(members[0].account)"}"#, as: mgmt).1[
                    "__type"] as? String == "AccountNotRegisteredException")
            try await server.ok("LeaveOrganization", as: members[0])
        }
    }

    @Test func badInputIsInvalidInputNamingTheMemberAndChangesNothing() async throws {
        try await withTestServer { server in
            let mgmt = try await server.createTenant("mgmt")
            try await server.ok("CreateOrganization", as: mgmt)
            try await server.refused("CreateOrganizationalUnit", ["Name": "x"], as: mgmt, "InvalidInputException", reason: "INPUT_REQUIRED")
            try await server.refused(
                "CreateOrganizationalUnit", ["ParentId": "nope", "Name": "x"], as: mgmt, "InvalidInputException", reason: "INVALID_PATTERN")
            try await server.refused("ListAccounts", ["MaxResults": 21], as: mgmt, "InvalidInputException", reason: "MAX_VALUE_EXCEEDED")
            try await server.refused("ListAccounts", ["NextToken": "garbage"], as: mgmt, "InvalidInputException", reason: "INVALID_NEXT_TOKEN")
            try await server.refused(
                "CreatePolicy",
                [
                    "Name": "x", "Description": "", "Type": "SERVICE_CONTROL_POLICY",
                    "Content": #"{"Version":"2012-10-17","Statement":[{"Effect":"Perhaps"}]}"#,
                ],
                as: mgmt, "MalformedPolicyDocumentException")
            let (status, body) = try await server.organizations("ListAccounts", ["MaxResults": "ten"], as: mgmt)
            #expect(status == 400 && (body["message"] as? String ?? "").contains("MaxResults"))
            let policies = try await server.ok("ListPolicies", ["Filter": "SERVICE_CONTROL_POLICY"], as: mgmt)["Policies"] as! [[String: Any]]
            #expect(policies.map { $0["Id"] as? String } == ["p-FullAWSAccess"])
            // Every refusal has one event, also the one whose request did not decode.
            let events = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: AccountId(mgmt.account)!, region: "us-east-1", limit: 50)
            }
            let listAccounts = events.filter { $0.eventName == "ListAccounts" }
            #expect(listAccounts.count == 3 && listAccounts.allSatisfy { $0.errorCode != nil }, "\(listAccounts.map(\.errorCode))")
            #expect(events.filter { $0.eventName == "CreateOrganizationalUnit" }.count == 2)
        }
    }
}
