import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnServer

/// Resource-based policies on event data stores and dashboards, and queries of another account's stores
/// (EventDataStoreOwnerAccountId) that those policies allow.
@Suite struct LakeSharingTests {
    let lake = LakeQueryTests()

    func storePolicy(_ store: String, principal: String, actions: [String]) -> String {
        let list = actions.map { "\"cloudtrail:\($0)\"" }.joined(separator: ",")
        return
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":[\#(list)],"Resource":"\#(store)"}]}"#
    }

    @Test func aStorePolicyLetsAnotherAccountQueryTheStoreAndNoOneElse() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake-owner")
            let partner = try await server.createTenant("lake-partner")
            let stranger = try await server.createTenant("lake-stranger")
            let (arn, id) = try await lake.store(server, owner)
            try await server.trailOK("CreateTrail", ["Name": "shared", "S3BucketName": "lake-logs"], as: owner)
            let statement = "SELECT eventName FROM \(id) WHERE eventName = 'CreateTrail'"
            let asPartner: [String: Any] = ["QueryStatement": statement, "EventDataStoreOwnerAccountId": owner.account]

            // Without a policy the partner is refused, and its own account has no such store.
            let (status, refused) = try await server.cloudTrail("StartQuery", asPartner, as: partner)
            #expect(status == 400 && refused["__type"] as? String == "AccessDeniedException", "\(refused)")
            try await server.trailRefused("StartQuery", ["QueryStatement": statement], as: partner, "EventDataStoreNotFoundException")

            let policy = storePolicy(arn, principal: partner.account, actions: ["StartQuery", "DescribeQuery", "GetQueryResults"])
            let put = try await server.trailOK("PutResourcePolicy", ["ResourceArn": arn, "ResourcePolicy": policy], as: owner)
            #expect(put["ResourceArn"] as? String == arn)
            #expect(try await server.trailOK("GetResourcePolicy", ["ResourceArn": arn], as: owner)["ResourcePolicy"] as? String == policy)

            let started = try await server.trailOK("StartQuery", asPartner, as: partner)
            #expect(started["EventDataStoreOwnerAccountId"] as? String == owner.account)
            let query = try #require(started["QueryId"] as? String)
            try await lake.worker(server).runQueued()
            let owned = ["QueryId": query, "EventDataStoreOwnerAccountId": owner.account]
            let described = try await server.trailOK("DescribeQuery", owned, as: partner)
            #expect(described["QueryStatus"] as? String == "FINISHED" && described["EventDataStoreOwnerAccountId"] as? String == owner.account)
            let rows = try await server.trailOK("GetQueryResults", owned, as: partner)["QueryResultRows"] as? [[[String: String]]]
            #expect(rows == [[["eventName": "CreateTrail"]]], "the owner's events, read by the partner")
            // The query is the partner's, over the owner's store: named without the owner it is not found, and the
            // owner does not see the partner's query as its own.
            try await server.trailRefused("DescribeQuery", ["QueryId": query], as: partner, "QueryIdNotFoundException")
            try await server.trailRefused("DescribeQuery", ["QueryId": query], as: owner, "QueryIdNotFoundException")
            // Another account, and an action the policy leaves out, stay refused.
            let (s2, r2) = try await server.cloudTrail("StartQuery", asPartner, as: stranger)
            #expect(s2 == 400 && r2["__type"] as? String == "AccessDeniedException", "\(r2)")

            // A partner user needs its own identity policy as well as the store's policy.
            let user = try await server.createUser("analyst", account: AccountId(partner.account), inline: [])
            let analyst = Tenant(account: partner.account, credentials: user.credentials)
            let (s4, r4) = try await server.cloudTrail("StartQuery", asPartner, as: analyst)
            #expect(s4 == 400 && r4["__type"] as? String == "AccessDeniedException", "\(r4)")

            // Deleting the policy closes the store again.
            try await server.trailOK("DeleteResourcePolicy", ["ResourceArn": arn], as: owner)
            try await server.trailRefused("GetResourcePolicy", ["ResourceArn": arn], as: owner, "ResourcePolicyNotFoundException")
            let (s5, r5) = try await server.cloudTrail("StartQuery", asPartner, as: partner)
            #expect(s5 == 400 && r5["__type"] as? String == "AccessDeniedException", "\(r5)")
        }
    }

    @Test func aPolicyTheResourceCannotTakeIsRefusedAndChangesNothing() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake-owner")
            let (arn, _) = try await lake.store(server, owner)
            let dashboard = try #require(
                try await server.trailOK("CreateDashboard", ["Name": "shared-dash"], as: owner)["DashboardArn"] as? String)
            let refresh =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"cloudtrail:StartDashboardRefresh","Resource":"\#(dashboard)"}]}"#
            for (resource, bad) in [
                (arn, storePolicy(arn, principal: "111122223333", actions: ["CreateTrail"])),
                (arn, storePolicy(arn + "x", principal: "111122223333", actions: ["StartQuery"])),
                (
                    arn,
                    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"cloudtrail:StartQuery","Resource":"\#(arn)"}]}"#
                ),
                (dashboard, storePolicy(dashboard, principal: "111122223333", actions: ["StartDashboardRefresh"])),
                (dashboard, refresh.replacingOccurrences(of: "StartDashboardRefresh", with: "StartQuery")),
            ] {
                try await server.trailRefused(
                    "PutResourcePolicy", ["ResourceArn": resource, "ResourcePolicy": bad], as: owner, "ResourcePolicyNotValidException")
                try await server.trailRefused("GetResourcePolicy", ["ResourceArn": resource], as: owner, "ResourcePolicyNotFoundException")
            }
            try await server.trailOK("PutResourcePolicy", ["ResourceArn": dashboard, "ResourcePolicy": refresh], as: owner)
            // Another account's store, or one that does not exist, is not found; a trail takes no policy.
            let other = try await server.createTenant("lake-other")
            try await server.trailRefused(
                "PutResourcePolicy", ["ResourceArn": arn, "ResourcePolicy": storePolicy(arn, principal: other.account, actions: ["StartQuery"])],
                as: other, "ResourceNotFoundException")
            try await server.trailRefused(
                "GetResourcePolicy", ["ResourceArn": "arn:aws:cloudtrail:us-east-1:\(owner.account):trail/t"], as: owner,
                "ResourceTypeNotSupportedException")

            // REST: the same policy on the store's and the dashboard's paths.
            let id = String(arn.split(separator: "/").last!)
            let body = String(
                decoding: try JSONSerialization.data(withJSONObject: [
                    "resourcePolicy": storePolicy(arn, principal: other.account, actions: ["StartQuery"])
                ]), as: UTF8.self)
            let put = try await server.send(
                .put, "/v1/lake/event-data-stores/\(id)/policy", body: body, credentials: owner.credentials,
                headers: ["content-type": "application/json"])
            #expect(put.status.code == 200, "\(server.json(put))")
            let got = try await server.send(.get, "/v1/lake/dashboards/shared-dash/policy", credentials: owner.credentials)
            #expect(server.json(got)["resourcePolicy"] as? String == refresh)
            let gone = try await server.send(.delete, "/v1/lake/event-data-stores/\(id)/policy", credentials: owner.credentials)
            #expect(gone.status.code == 204)
        }
    }
}
