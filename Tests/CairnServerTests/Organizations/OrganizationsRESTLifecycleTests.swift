import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Every Organizations REST route, driven through one organization's life: the same operations as the
/// JSON 1.1 door, in lowerCamel shapes with RFC 3339 timestamps.
@Suite struct OrganizationsRESTLifecycleTests {
    static let scp = "SERVICE_CONTROL_POLICY"
    static let denyStop = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}"#
    static let trail = "cloudtrail.amazonaws.com"

    func ids(_ body: [String: Any], _ key: String, _ id: String = "id") -> [String] {
        (body[key] as? [[String: Any]] ?? []).compactMap { $0[id] as? String }
    }

    @Test func anOrganizationLivesAndDiesOverREST() async throws {
        try await withTestServer { s in
            let mgmt = try await s.createTenant("rest-mgmt")
            let joiner = try await s.createTenant("rest-joiner")
            let decliner = try await s.createTenant("rest-decliner")
            let uninvited = try await s.createTenant("rest-uninvited")

            // The organization, its root and SCPs.
            let org = try await s.rest(.post, "/v1/organization", ["featureSet": "ALL"], as: mgmt, expect: 201)
            #expect((org["id"] as? String)?.hasPrefix("o-") == true && org["masterAccountId"] as? String == mgmt.account)
            let described = try await s.rest(.get, "/v1/organization", as: mgmt, expect: 200)
            #expect(described["id"] as? String == org["id"] as? String)
            let root = try #require(ids(try await s.rest(.get, "/v1/organization/roots", as: mgmt, expect: 200), "roots").first)
            let enabled = try await s.rest(.post, "/v1/organization/roots/\(root)/policy-types", ["policyType": Self.scp], as: mgmt, expect: 200)
            #expect((enabled["policyTypes"] as? [[String: Any]])?.first?["status"] as? String == "ENABLED")

            // OUs: create, read, rename, list with paging.
            let ou = try await s.rest(
                .post, "/v1/organization/organizational-units",
                ["parentId": root, "name": "Workloads", "tags": [["key": "team", "value": "platform"]]],
                as: mgmt, expect: 201)
            let ouId = try #require(ou["id"] as? String)
            #expect((ou["path"] as? String)?.hasSuffix("/\(root)/\(ouId)/") == true)
            let sandbox = try #require(
                try await s.rest(.post, "/v1/organization/organizational-units", ["parentId": root, "name": "Sandbox"], as: mgmt, expect: 201)["id"]
                    as? String)
            #expect(try await s.rest(.get, "/v1/organization/organizational-units/\(ouId)", as: mgmt, expect: 200)["name"] as? String == "Workloads")
            let renamed = try await s.rest(.patch, "/v1/organization/organizational-units/\(ouId)", ["name": "Production"], as: mgmt, expect: 200)
            #expect(renamed["name"] as? String == "Production" && renamed["id"] as? String == ouId)
            let first = try await s.rest(.get, "/v1/organization/parents/\(root)/organizational-units", query: "limit=1", as: mgmt, expect: 200)
            let token = try #require(first["nextToken"] as? String)
            let second = try await s.rest(
                .get, "/v1/organization/parents/\(root)/organizational-units",
                query: "limit=1&nextToken=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                as: mgmt, expect: 200)
            #expect(Set(ids(first, "organizationalUnits") + ids(second, "organizationalUnits")) == [ouId, sandbox] && second["nextToken"] == nil)

            // CreateAccount: 202 IN_PROGRESS, then its status.
            let request = try await s.rest(
                .post, "/v1/organization/create-account-requests", ["email": "dev@rest.example", "accountName": "dev"], as: mgmt, expect: 202)
            #expect(request["state"] as? String == "IN_PROGRESS" && request["requestedTimestamp"] is String)
            let requestId = try #require(request["id"] as? String)
            let status = try await s.rest(.get, "/v1/organization/create-account-requests/\(requestId)", as: mgmt, expect: 200)
            let dev = try #require(status["accountId"] as? String)
            #expect(status["state"] as? String == "SUCCEEDED")
            let succeeded = try await s.rest(.get, "/v1/organization/create-account-requests", query: "states=SUCCEEDED", as: mgmt, expect: 200)
            #expect(ids(succeeded, "createAccountStatuses") == [requestId])
            let failed = try await s.rest(.get, "/v1/organization/create-account-requests", query: "states=FAILED", as: mgmt, expect: 200)
            #expect(ids(failed, "createAccountStatuses").isEmpty)

            // Invitations: accepted, declined, canceled.
            let invite = try await s.rest(
                .post, "/v1/organization/handshakes", ["target": ["id": joiner.account, "type": "ACCOUNT"], "notes": "welcome"], as: mgmt, expect: 201
            )
            let h = try #require(invite["id"] as? String)
            #expect(invite["state"] as? String == "OPEN" && invite["expirationTimestamp"] is String)
            #expect(ids(try await s.rest(.get, "/v1/handshakes", as: joiner, expect: 200), "handshakes") == [h])
            #expect(try await s.rest(.post, "/v1/handshakes/\(h)/accept", as: joiner, expect: 200)["state"] as? String == "ACCEPTED")
            let toDecline = try #require(
                try await s.rest(
                    .post, "/v1/organization/handshakes", ["target": ["id": "rest-decliner@tenants.example", "type": "EMAIL"]], as: mgmt, expect: 201)[
                        "id"]
                    as? String)
            #expect(try await s.rest(.post, "/v1/handshakes/\(toDecline)/decline", as: decliner, expect: 200)["state"] as? String == "DECLINED")
            let toCancel = try #require(
                try await s.rest(
                    .post, "/v1/organization/handshakes", ["target": ["id": uninvited.account, "type": "ACCOUNT"]], as: mgmt, expect: 201)["id"]
                    as? String)
            #expect(try await s.rest(.post, "/v1/handshakes/\(toCancel)/cancel", as: mgmt, expect: 200)["state"] as? String == "CANCELED")
            let handshakes = try await s.rest(.get, "/v1/organization/handshakes", query: "actionType=INVITE", as: mgmt, expect: 200)
            #expect(Set(ids(handshakes, "handshakes")) == [h, toDecline, toCancel])

            // The tree: children, moves, parents, accounts.
            let children = try await s.rest(.get, "/v1/organization/parents/\(root)/children", query: "childType=ACCOUNT", as: mgmt, expect: 200)
            #expect(Set(ids(children, "children")) == [mgmt.account, dev, joiner.account])
            try await s.rest(
                .post, "/v1/organization/accounts/\(joiner.account)/move", ["sourceParentId": root, "destinationParentId": ouId], as: mgmt,
                expect: 204)
            #expect(ids(try await s.rest(.get, "/v1/organization/children/\(joiner.account)/parents", as: mgmt, expect: 200), "parents") == [ouId])
            #expect(ids(try await s.rest(.get, "/v1/organization/parents/\(ouId)/accounts", as: mgmt, expect: 200), "accounts") == [joiner.account])
            let account = try await s.rest(.get, "/v1/organization/accounts/\(joiner.account)", as: mgmt, expect: 200)
            #expect((account["paths"] as? [String])?.first?.contains("/\(ouId)/") == true && account["joinedMethod"] as? String == "INVITED")
            #expect(account["joinedTimestamp"] is String)
            // A member may describe itself.
            try await s.rest(.get, "/v1/organization/accounts/\(joiner.account)", as: joiner, expect: 200)

            // SCPs: create, attach, list, update, detach, delete.
            let created = try await s.rest(
                .post, "/v1/organization/policies", ["name": "NoStop", "description": "d", "type": Self.scp, "content": Self.denyStop], as: mgmt,
                expect: 201)
            let summary = try #require(created["policySummary"] as? [String: Any])
            let policy = try #require(summary["id"] as? String)
            #expect(summary["awsManaged"] as? Bool == false && created["content"] as? String == Self.denyStop)
            try await s.rest(.put, "/v1/organization/policies/\(policy)/targets/\(ouId)", as: mgmt, expect: 204)
            let targets = try await s.rest(.get, "/v1/organization/policies/\(policy)/targets", as: mgmt, expect: 200)
            #expect(
                ids(targets, "targets", "targetId") == [ouId] && (targets["targets"] as? [[String: Any]])?.first?["name"] as? String == "Production")
            let onOU = try await s.rest(.get, "/v1/organization/targets/\(ouId)/policies", query: "filter=\(Self.scp)", as: mgmt, expect: 200)
            #expect(Set(ids(onOU, "policies")) == [policy, "p-FullAWSAccess"])
            #expect(
                Set(ids(try await s.rest(.get, "/v1/organization/policies", query: "filter=\(Self.scp)", as: mgmt, expect: 200), "policies")) == [
                    policy, "p-FullAWSAccess",
                ])
            let updated = try await s.rest(
                .patch, "/v1/organization/policies/\(policy)", ["description": "nobody stops a trail"], as: mgmt, expect: 200)
            #expect((updated["policySummary"] as? [String: Any])?["description"] as? String == "nobody stops a trail")
            let read = try await s.rest(.get, "/v1/organization/policies/\(policy)", as: mgmt, expect: 200)
            #expect((read["policySummary"] as? [String: Any])?["name"] as? String == "NoStop" && read["content"] as? String == Self.denyStop)
            try await s.rest(.delete, "/v1/organization/policies/\(policy)/targets/\(ouId)", as: mgmt, expect: 204)
            #expect(ids(try await s.rest(.get, "/v1/organization/policies/\(policy)/targets", as: mgmt, expect: 200), "targets", "targetId").isEmpty)
            try await s.rest(.delete, "/v1/organization/policies/\(policy)", as: mgmt, expect: 204)
            try await s.restRefused(.get, "/v1/organization/policies/\(policy)", as: mgmt, "PolicyNotFoundException")

            // Trusted access and delegated administrators.
            try await s.rest(.post, "/v1/organization/service-access", ["servicePrincipal": Self.trail], as: mgmt, expect: 204)
            let access = try await s.rest(.get, "/v1/organization/service-access", as: mgmt, expect: 200)
            #expect(ids(access, "enabledServicePrincipals", "servicePrincipal") == [Self.trail])
            try await s.rest(
                .post, "/v1/organization/delegated-administrators", ["accountId": joiner.account, "servicePrincipal": Self.trail], as: mgmt,
                expect: 204)
            let admins = try await s.rest(
                .get, "/v1/organization/delegated-administrators", query: "servicePrincipal=\(Self.trail)", as: mgmt, expect: 200)
            #expect(ids(admins, "delegatedAdministrators") == [joiner.account])
            #expect((admins["delegatedAdministrators"] as? [[String: Any]])?.first?["delegationEnabledDate"] is String)
            let services = try await s.rest(.get, "/v1/organization/delegated-administrators/\(joiner.account)/services", as: mgmt, expect: 200)
            #expect(ids(services, "delegatedServices", "servicePrincipal") == [Self.trail])
            // A delegated administrator reads the organization, and writes nothing.
            #expect(ids(try await s.rest(.get, "/v1/organization/roots", as: joiner, expect: 200), "roots") == [root])
            try await s.restRefused(
                .post, "/v1/organization/organizational-units", ["parentId": root, "name": "Mine"], as: joiner, "AccessDeniedException")
            try await s.rest(
                .delete, "/v1/organization/delegated-administrators/\(joiner.account)", query: "servicePrincipal=\(Self.trail)", as: mgmt, expect: 204
            )
            try await s.restRefused(
                .get, "/v1/organization/delegated-administrators/\(joiner.account)/services", as: mgmt, "AccountNotRegisteredException")
            try await s.rest(.delete, "/v1/organization/service-access/\(Self.trail)", as: mgmt, expect: 204)
            #expect(
                ids(try await s.rest(.get, "/v1/organization/service-access", as: mgmt, expect: 200), "enabledServicePrincipals", "servicePrincipal")
                    .isEmpty)

            // Wind down: SCPs off, OUs gone, members out, organization deleted.
            let disabled = try await s.rest(.delete, "/v1/organization/roots/\(root)/policy-types/\(Self.scp)", as: mgmt, expect: 200)
            #expect((disabled["policyTypes"] as? [Any])?.isEmpty == true)
            try await s.rest(.delete, "/v1/organization/organizational-units/\(sandbox)", as: mgmt, expect: 204)
            try await s.rest(.post, "/v1/organization/leave", as: joiner, expect: 204)
            try await s.restRefused(.get, "/v1/organization/roots", as: joiner, "AWSOrganizationsNotInUseException")
            try await s.rest(.delete, "/v1/organization/accounts/\(dev)", as: mgmt, expect: 204)
            try await s.rest(.delete, "/v1/organization/organizational-units/\(ouId)", as: mgmt, expect: 204)
            try await s.restRefused(.get, "/v1/organization/organizational-units/\(ouId)", as: mgmt, "OrganizationalUnitNotFoundException")
            try await s.rest(.delete, "/v1/organization", as: mgmt, expect: 204)
            try await s.restRefused(.get, "/v1/organization", as: mgmt, "AWSOrganizationsNotInUseException")
        }
    }
}
