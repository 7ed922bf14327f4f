import CairnCore
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

/// Organizations over REST refuses as the JSON 1.1 door does: bad input names the field and changes nothing,
/// members and standalone accounts get AWS's errors, other tenants' ids are not found, and every call is
/// recorded as the same CloudTrail event.
@Suite struct OrganizationsRESTRefusalTests {
    static let scp = "SERVICE_CONTROL_POLICY"
    static let denyStop = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}"#

    /// An organization made over REST: management, one invited member, the root, an OU and an SCP attached to it.
    struct Estate {
        let management: Tenant
        let member: Tenant
        let root: String
        let ou: String
        let policy: String
        let handshake: String
    }

    func estate(_ s: TestServer, _ name: String) async throws -> Estate {
        let management = try await s.createTenant("\(name)-mgmt")
        let member = try await s.createTenant("\(name)-member")
        try await s.rest(.post, "/v1/organization", as: management, expect: 201)
        let root = try #require(
            (try await s.rest(.get, "/v1/organization/roots", as: management, expect: 200)["roots"] as? [[String: Any]])?.first?["id"] as? String)
        try await s.rest(.post, "/v1/organization/roots/\(root)/policy-types", ["policyType": Self.scp], as: management, expect: 200)
        let ou = try #require(
            try await s.rest(.post, "/v1/organization/organizational-units", ["parentId": root, "name": "Workloads"], as: management, expect: 201)[
                "id"] as? String)
        let h = try #require(
            try await s.rest(
                .post, "/v1/organization/handshakes", ["target": ["id": member.account, "type": "ACCOUNT"]], as: management, expect: 201)["id"]
                as? String)
        try await s.rest(.post, "/v1/handshakes/\(h)/accept", as: member, expect: 200)
        let created = try await s.rest(
            .post, "/v1/organization/policies", ["name": "NoStop", "description": "d", "type": Self.scp, "content": Self.denyStop], as: management,
            expect: 201)
        let policy = try #require((created["policySummary"] as? [String: Any])?["id"] as? String)
        try await s.rest(.put, "/v1/organization/policies/\(policy)/targets/\(ou)", as: management, expect: 204)
        return Estate(management: management, member: member, root: root, ou: ou, policy: policy, handshake: h)
    }

    /// What the management account can read of its organization, to compare before and after refusals.
    func snapshot(_ s: TestServer, _ e: Estate) async throws -> String {
        var parts: [String] = []
        for (path, query) in [
            ("/v1/organization", ""), ("/v1/organization/roots", ""), ("/v1/organization/parents/\(e.root)/organizational-units", ""),
            ("/v1/organization/parents/\(e.root)/children", "childType=ACCOUNT"), ("/v1/organization/parents/\(e.ou)/children", "childType=ACCOUNT"),
            ("/v1/organization/policies", "filter=\(Self.scp)"), ("/v1/organization/policies/\(e.policy)/targets", ""),
            ("/v1/organization/handshakes", ""), ("/v1/organization/create-account-requests", ""), ("/v1/organization/service-access", ""),
            ("/v1/organization/delegated-administrators", ""),
        ] {
            let out = try await s.rest(.get, path, query: query, as: e.management, expect: 200)
            parts.append(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self))
        }
        return parts.joined(separator: "\n")
    }

    @Test func badInputIsA4xxNamingTheFieldAndChangesNothing() async throws {
        try await withTestServer { s in
            let e = try await estate(s, "bad")
            let me = e.management
            let before = try await snapshot(s, e)
            let units = "/v1/organization/organizational-units"
            let (missing, body) = try await s.rest(.post, units, ["parentId": e.root], as: me)
            #expect(
                missing == 400 && body["code"] as? String == "ValidationException" && (body["detail"] as? String ?? "").contains("name"), "\(body)")
            #expect(
                try await s.restRefused(.post, units, ["parentId": "nonsense", "name": "x"], as: me, "InvalidInputException").contains("ParentId"))
            #expect(try await s.restRefused(.post, units, ["parentId": e.root, "name": ""], as: me, "InvalidInputException").contains("Name"))
            #expect(
                try await s.restRefused(.patch, "\(units)/\(e.ou)", ["name": String(repeating: "n", count: 129)], as: me, "InvalidInputException")
                    .contains("Name"))
            let (wrongType, typeBody) = try await s.rest(.post, units, ["parentId": e.root, "name": 7], as: me)
            #expect(
                wrongType == 400 && typeBody["code"] as? String == "SerializationException" && (typeBody["detail"] as? String ?? "").contains("name"),
                "\(typeBody)")
            #expect(
                try await s.restRefused(.get, "/v1/organization/roots", query: "limit=21", as: me, "InvalidInputException").contains("MaxResults"))
            #expect(
                try await s.restRefused(.get, "/v1/organization/roots", query: "nextToken=forged", as: me, "InvalidInputException").contains("token"))
            #expect(
                try await s.restRefused(
                    .get, "/v1/organization/parents/\(e.root)/children", query: "childType=PLANET", as: me, "InvalidInputException"
                ).contains("ChildType"))
            let (noFilter, filterBody) = try await s.rest(.get, "/v1/organization/policies", as: me)
            #expect(
                noFilter == 400 && filterBody["code"] as? String == "SerializationException"
                    && (filterBody["detail"] as? String ?? "").contains("filter"), "\(filterBody)")
            let (noEmail, emailBody) = try await s.rest(.post, "/v1/organization/create-account-requests", ["accountName": "x"], as: me)
            #expect(
                noEmail == 400 && emailBody["code"] as? String == "ValidationException" && (emailBody["detail"] as? String ?? "").contains("email"),
                "\(emailBody)")
            #expect(
                try await s.restRefused(
                    .post, "/v1/organization/create-account-requests", ["email": "nope", "accountName": "x"], as: me, "InvalidInputException"
                ).contains("Email"))
            #expect(
                try await s.restRefused(
                    .post, "/v1/organization/handshakes", ["target": ["id": "1", "type": "PLANET"]], as: me, "InvalidInputException"
                ).contains("Target.Type"))
            try await s.restRefused(
                .post, "/v1/organization/policies", ["name": "Bad", "description": "d", "type": Self.scp, "content": #"{"Version":"2012-10-17"}"#],
                as: me,
                "MalformedPolicyDocumentException")
            #expect(
                try await s.restRefused(.post, "/v1/organization/service-access", ["servicePrincipal": "nonsense"], as: me, "InvalidInputException")
                    .contains("nonsense"))
            #expect(
                try await s.restRefused(
                    .post, "/v1/organization/accounts/\(e.member.account)/move", ["sourceParentId": e.ou, "destinationParentId": e.root], as: me,
                    "SourceParentNotFoundException"
                ).isEmpty == false)
            let notJSON = try await s.send(.post, units, body: "{", credentials: me.credentials, headers: ["content-type": "application/json"])
            #expect(notJSON.status.code == 400)
            // Only the optional body of POST /v1/organization may be left out.
            let noBody = try await s.send(.post, units, credentials: me.credentials)
            #expect(noBody.status.code == 400 && s.json(noBody)["code"] as? String == "SerializationException", "\(s.json(noBody))")
            #expect(try await snapshot(s, e) == before)
            // Every refusal has its one event, also those whose request the generated code could not decode.
            let refusals = try await s.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: AccountId(me.account)!, region: "us-east-1", limit: 200)
            }.filter { $0.errorCode != nil }
            let unitRefusals = refusals.filter { $0.eventName == "CreateOrganizationalUnit" }.compactMap(\.errorCode)
            #expect(
                unitRefusals.sorted() == [
                    "InvalidInputException", "InvalidInputException", "SerializationException", "SerializationException",
                    "SerializationException", "ValidationException",
                ], "\(unitRefusals)")
            #expect(refusals.filter { $0.eventName == "ListPolicies" }.map(\.errorCode) == ["SerializationException"])
        }
    }

    @Test func membersAndStandaloneAccountsGetAWSsErrors() async throws {
        try await withTestServer { s in
            let e = try await estate(s, "roles")
            let standalone = try await s.createTenant("roles-alone")
            let before = try await snapshot(s, e)
            // A member reads only itself and its organization, and writes nothing.
            for (method, path, body) in [
                (HTTPRequest.Method.post, "/v1/organization/organizational-units", ["parentId": e.root, "name": "x"] as [String: Any]?),
                (.delete, "/v1/organization", nil), (.get, "/v1/organization/roots", nil), (.get, "/v1/organization/policies/\(e.policy)", nil),
                (.put, "/v1/organization/policies/\(e.policy)/targets/\(e.root)", nil),
                (.delete, "/v1/organization/accounts/\(e.management.account)", nil),
                (.post, "/v1/organization/service-access", ["servicePrincipal": "cloudtrail.amazonaws.com"]),
                (.post, "/v1/organization/create-account-requests", ["email": "m@x.example", "accountName": "m"]),
            ] {
                try await s.restRefused(
                    method, path, query: path.hasSuffix("policies") ? "filter=\(Self.scp)" : "", body, as: e.member, "AccessDeniedException")
            }
            try await s.rest(.get, "/v1/organization", as: e.member, expect: 200)
            try await s.restRefused(.post, "/v1/organization", as: e.member, "AlreadyInOrganizationException")
            // The management account cannot leave; the invited member cannot cancel its own invitation.
            try await s.restRefused(.post, "/v1/organization/leave", as: e.management, "MasterCannotLeaveOrganizationException")
            try await s.restRefused(.post, "/v1/handshakes/\(e.handshake)/cancel", as: e.member, "AccessDeniedException")
            // A standalone account has no organization.
            for path in [
                "/v1/organization", "/v1/organization/roots", "/v1/organization/organizational-units/\(e.ou)", "/v1/organization/handshakes",
            ] {
                try await s.restRefused(.get, path, as: standalone, "AWSOrganizationsNotInUseException")
            }
            try await s.restRefused(.post, "/v1/organization/leave", as: standalone, "AWSOrganizationsNotInUseException")
            #expect(try await s.rest(.get, "/v1/handshakes", as: standalone, expect: 200)["handshakes"] as? [Any] != nil)
            #expect(try await snapshot(s, e) == before)
        }
    }

    @Test func anotherTenantsIdsAreNotFound() async throws {
        try await withTestServer { s in
            let a = try await estate(s, "ta")
            let b = try await estate(s, "tb")
            let before = try await snapshot(s, b)
            let me = a.management
            try await s.restRefused(.get, "/v1/organization/organizational-units/\(b.ou)", as: me, "OrganizationalUnitNotFoundException")
            try await s.restRefused(
                .patch, "/v1/organization/organizational-units/\(b.ou)", ["name": "x"], as: me, "OrganizationalUnitNotFoundException")
            try await s.restRefused(.delete, "/v1/organization/organizational-units/\(b.ou)", as: me, "OrganizationalUnitNotFoundException")
            try await s.restRefused(
                .post, "/v1/organization/organizational-units", ["parentId": b.ou, "name": "x"], as: me, "ParentNotFoundException")
            try await s.restRefused(
                .get, "/v1/organization/parents/\(b.root)/children", query: "childType=ACCOUNT", as: me, "ParentNotFoundException")
            try await s.restRefused(.get, "/v1/organization/parents/\(b.ou)/accounts", as: me, "ParentNotFoundException")
            try await s.restRefused(.get, "/v1/organization/children/\(b.member.account)/parents", as: me, "ChildNotFoundException")
            try await s.restRefused(.get, "/v1/organization/accounts/\(b.member.account)", as: me, "AccountNotFoundException")
            try await s.restRefused(.delete, "/v1/organization/accounts/\(b.member.account)", as: me, "AccountNotFoundException")
            try await s.restRefused(
                .post, "/v1/organization/accounts/\(b.member.account)/move", ["sourceParentId": b.root, "destinationParentId": b.ou], as: me,
                "AccountNotFoundException")
            try await s.restRefused(.get, "/v1/organization/policies/\(b.policy)", as: me, "PolicyNotFoundException")
            try await s.restRefused(.patch, "/v1/organization/policies/\(b.policy)", ["name": "x"], as: me, "PolicyNotFoundException")
            try await s.restRefused(.delete, "/v1/organization/policies/\(b.policy)/targets/\(b.ou)", as: me, "PolicyNotFoundException")
            try await s.restRefused(.put, "/v1/organization/policies/\(a.policy)/targets/\(b.ou)", as: me, "TargetNotFoundException")
            try await s.restRefused(.get, "/v1/organization/targets/\(b.ou)/policies", query: "filter=\(Self.scp)", as: me, "TargetNotFoundException")
            try await s.restRefused(.post, "/v1/organization/roots/\(b.root)/policy-types", ["policyType": Self.scp], as: me, "RootNotFoundException")
            try await s.restRefused(.post, "/v1/handshakes/\(b.handshake)/cancel", as: me, "HandshakeNotFoundException")
            try await s.restRefused(
                .get, "/v1/organization/delegated-administrators/\(b.member.account)/services", as: me, "AccountNotFoundException")
            #expect(try await snapshot(s, b) == before)
        }
    }

    @Test func aRESTCallRecordsTheSameEventAsTheJSONDoor() async throws {
        try await withTestServer { s in
            let e = try await estate(s, "events")
            try await s.ok(
                "CreatePolicy", ["Name": "ViaJSON", "Description": "d", "Type": Self.scp, "Content": Self.denyStop], as: e.management)
            try await s.restRefused(
                .post, "/v1/organization/organizational-units", ["parentId": e.root, "name": "x"], as: e.member, "AccessDeniedException")
            let r = try await s.send(.get, "/v1/events", query: "eventName=CreatePolicy", credentials: e.management.credentials)
            let records = ((s.json(r)["events"] as? [[String: Any]]) ?? []).compactMap { $0["cloudTrailEvent"] as? [String: Any] }
            #expect(records.count == 2, "\(s.json(r))")
            let byName = Dictionary(records.map { ((($0["requestParameters"] as? [String: Any])?["name"] as? String) ?? "", $0) }) { a, _ in a }
            let rest = try #require(byName["NoStop"])
            let json = try #require(byName["ViaJSON"])
            for key in ["eventSource", "eventType", "readOnly", "managementEvent", "recipientAccountId"] {
                #expect(String(describing: rest[key]) == String(describing: json[key]), "\(key)")
            }
            #expect(Set((rest["requestParameters"] as? [String: Any] ?? [:]).keys) == Set((json["requestParameters"] as? [String: Any] ?? [:]).keys))
            #expect(rest["eventSource"] as? String == "organizations.amazonaws.com")
            #expect(((rest["responseElements"] as? [String: Any])?["policy"] as? [String: Any]) != nil)
            // A refusal is recorded too, in the caller's account.
            let refused = try await s.send(.get, "/v1/events", query: "eventName=CreateOrganizationalUnit", credentials: e.member.credentials)
            let refusals = ((s.json(refused)["events"] as? [[String: Any]]) ?? []).compactMap { $0["cloudTrailEvent"] as? [String: Any] }
            #expect(refusals.first?["errorCode"] as? String == "AccessDeniedException", "\(s.json(refused))")
        }
    }
}
