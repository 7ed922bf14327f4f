import CairnCore
import CairnTestSupport
import Foundation
import Testing

@testable import CairnServer

/// Lake query federation as recorded state, and GenerateQuery's statements run through StartQuery by alias.
@Suite struct LakeFederationTests {
    let lake = LakeQueryTests()

    func role(_ server: TestServer, _ tenant: Tenant, _ name: String) async throws -> String {
        let trust =
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lakeformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let (status, body) = try await server.iamQuery(
            [("Action", "CreateRole"), ("RoleName", name), ("AssumeRolePolicyDocument", trust)], as: tenant.credentials)
        #expect(status == 200, "\(body)")
        return "arn:aws:iam::\(tenant.account):role/\(name)"
    }

    @Test func aFederatedStoreReportsItsRoleAndCannotBeDeletedUntilFederationIsOff() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("federated")
            let other = try await server.createTenant("elsewhere")
            let (arn, id) = try await lake.store(server, owner, ["TerminationProtectionEnabled": false])
            let federation = try await role(server, owner, "lake-federation")
            let theirs = try await role(server, other, "lake-federation")

            // Bad roles are refused and change nothing.
            for (roleArn, code) in [
                (theirs, "AccessDeniedException"), ("arn:aws:iam::\(owner.account):role/missing", "InvalidParameterException"),
                ("arn:aws:iam::\(owner.account):user/lake-federation", "InvalidParameterException"), ("x", "InvalidParameterException"),
            ] {
                try await server.trailRefused("EnableFederation", ["EventDataStore": arn, "FederationRoleArn": roleArn], as: owner, code)
            }
            try await server.trailRefused("EnableFederation", ["EventDataStore": arn], as: owner, "ValidationException")
            #expect(try await server.trailOK("GetEventDataStore", ["EventDataStore": arn], as: owner)["FederationStatus"] as? String == "DISABLED")

            let enabled = try await server.trailOK("EnableFederation", ["EventDataStore": id, "FederationRoleArn": federation], as: owner)
            #expect(enabled["FederationStatus"] as? String == "ENABLED" && enabled["FederationRoleArn"] as? String == federation)
            #expect(enabled["EventDataStoreArn"] as? String == arn)
            let got = try await server.trailOK("GetEventDataStore", ["EventDataStore": arn], as: owner)
            #expect(got["FederationStatus"] as? String == "ENABLED" && got["FederationRoleArn"] as? String == federation)
            try await server.trailRefused(
                "EnableFederation", ["EventDataStore": arn, "FederationRoleArn": federation], as: owner, "EventDataStoreFederationEnabledException")
            try await server.trailRefused("DeleteEventDataStore", ["EventDataStore": arn], as: owner, "EventDataStoreFederationEnabledException")

            // REST turns it off; the store can then go.
            let off = try await server.send(.delete, "/v1/lake/event-data-stores/\(id)/federation", credentials: owner.credentials)
            #expect(server.json(off)["federationStatus"] as? String == "DISABLED", "\(server.json(off))")
            #expect(try await server.trailOK("GetEventDataStore", ["EventDataStore": arn], as: owner)["FederationRoleArn"] == nil)
            try await server.trailOK("DeleteEventDataStore", ["EventDataStore": arn], as: owner)
            try await server.trailRefused(
                "EnableFederation", ["EventDataStore": arn, "FederationRoleArn": federation], as: owner, "InactiveEventDataStoreException")
        }
    }

    @Test func aGeneratedQueryRunsByItsAliasAndEchoesItsPrompt() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("generated")
            let (arn, id) = try await lake.store(server, owner)
            for name in ["one", "two"] { try await server.trailOK("CreateTrail", ["Name": name, "S3BucketName": "lake-logs"], as: owner) }
            let prompt = "What are the top 3 API calls to CloudTrail in the past day?"
            let generated = try await server.trailOK("GenerateQuery", ["EventDataStores": [arn], "Prompt": prompt], as: owner)
            let statement = try #require(generated["QueryStatement"] as? String)
            #expect(statement.contains("FROM \(id)") && statement.contains("eventSource = 'cloudtrail.amazonaws.com'"), "\(statement)")
            #expect(statement.contains("LIMIT 3") && statement.contains("GROUP BY eventName"), "\(statement)")
            #expect(generated["EventDataStoreOwnerAccountId"] as? String == owner.account)
            let alias = try #require(generated["QueryAlias"] as? String)

            let query = try #require(try await server.trailOK("StartQuery", ["QueryAlias": alias], as: owner)["QueryId"] as? String)
            try await lake.worker(server).runQueued()
            let described = try await server.trailOK("DescribeQuery", ["QueryId": query], as: owner)
            #expect(described["QueryStatus"] as? String == "FINISHED" && described["Prompt"] as? String == prompt, "\(described)")
            #expect(described["QueryString"] as? String == statement)
            let rows = try await server.trailOK("GetQueryResults", ["QueryId": query], as: owner)["QueryResultRows"] as? [[[String: String]]]
            #expect(rows?.first?.first?["event_name"] == "CreateTrail", "\(rows ?? [])")

            // What it cannot do: no recognisable question, a bad prompt, two stores, an alias nobody generated.
            try await server.trailRefused(
                "GenerateQuery", ["EventDataStores": [arn], "Prompt": "hello there"], as: owner, "GenerateResponseException")
            try await server.trailRefused("GenerateQuery", ["EventDataStores": [arn], "Prompt": "hi"], as: owner, "InvalidParameterException")
            try await server.trailRefused(
                "GenerateQuery", ["EventDataStores": [arn, arn], "Prompt": "errors today"], as: owner, "InvalidParameterException")
            try await server.trailRefused(
                "GenerateQuery", ["EventDataStores": ["00000000-0000-4000-8000-000000000000"], "Prompt": "errors today"], as: owner,
                "EventDataStoreNotFoundException")
            try await server.trailRefused("StartQuery", ["QueryAlias": "generated-nobody"], as: owner, "InvalidQueryStatementException")

            // REST: the store's generated-queries path.
            let made = try await server.send(
                .post, "/v1/lake/event-data-stores/\(id)/generated-queries", body: #"{"prompt": "Which users made errors today?"}"#,
                credentials: owner.credentials, headers: ["content-type": "application/json"])
            #expect((server.json(made)["queryStatement"] as? String)?.contains("errorCode IS NOT NULL") == true, "\(server.json(made))")
        }
    }
}
