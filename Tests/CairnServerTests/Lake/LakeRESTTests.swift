import CairnTestSupport
import Foundation
import HummingbirdTesting
import Logging
import Testing

@testable import CairnServer

/// Lake over REST runs the same store and query operations as the CloudTrail door.
@Suite struct LakeRESTTests {
    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    @Test func aStoreAndAQueryRoundTripOverREST() async throws {
        try await withTestServer { server in
            let h = ["content-type": "application/json"]
            let created = try await server.send(
                .post, "/v1/lake/event-data-stores", body: #"{"name": "rest-lake", "terminationProtectionEnabled": false}"#, headers: h)
            #expect(created.status.code == 201, "\(json(created))")
            let arn = try #require(json(created)["eventDataStoreArn"] as? String)
            let id = String(arn.split(separator: "/").last!)
            #expect(json(try await server.send(.get, "/v1/lake/event-data-stores/\(id)"))["status"] as? String == "ENABLED")
            let listed = json(try await server.send(.get, "/v1/lake/event-data-stores"))
            #expect((listed["eventDataStores"] as? [[String: Any]])?.count == 1)
            let patched = try await server.send(.patch, "/v1/lake/event-data-stores/\(id)", body: #"{"retentionPeriod": 14}"#, headers: h)
            #expect(json(patched)["retentionPeriod"] as? Int == 14)
            #expect(
                try await server.send(.patch, "/v1/lake/event-data-stores/\(id)", body: #"{"retentionPeriod": 1}"#, headers: h).status.code == 400)

            let started = try await server.send(
                .post, "/v1/lake/queries",
                body: #"{"queryStatement": "SELECT eventName FROM \#(id) WHERE eventName = 'UpdateEventDataStore' AND errorCode IS NULL"}"#,
                headers: h)
            #expect(started.status.code == 202, "\(json(started))")
            let queryId = try #require(json(started)["queryId"] as? String)
            try await LakeQueryWorker(store: server.store, lakeStore: server.store, timeoutSeconds: 10, logger: Logger(label: "lake")).runQueued()
            #expect(json(try await server.send(.get, "/v1/lake/queries/\(queryId)"))["queryStatus"] as? String == "FINISHED")
            let results = json(try await server.send(.get, "/v1/lake/queries/\(queryId)/results"))
            #expect(results["queryResultRows"] as? [[[String: String]]] == [[["eventName": "UpdateEventDataStore"]]], "\(results)")
            let queries = json(try await server.send(.get, "/v1/lake/event-data-stores/\(id)/queries"))
            #expect((queries["queries"] as? [[String: Any]])?.first?["queryId"] as? String == queryId)
            #expect(try await server.send(.post, "/v1/lake/queries/\(queryId)/cancel").status.code == 400)

            let bad = try await server.send(.post, "/v1/lake/queries", body: #"{"queryStatement": "SELECT * FROM pg_class"}"#, headers: h)
            #expect(bad.status.code == 400 && json(bad)["code"] as? String == "InvalidQueryStatementException")
            #expect(try await server.send(.post, "/v1/lake/event-data-stores/\(id)/ingestion/stop").status.code == 204)
            #expect(try await server.send(.post, "/v1/lake/event-data-stores/\(id)/ingestion/start").status.code == 204)
            #expect(try await server.send(.delete, "/v1/lake/event-data-stores/\(id)").status.code == 204)
            #expect(json(try await server.send(.post, "/v1/lake/event-data-stores/\(id)/restore"))["status"] as? String == "ENABLED")
        }
    }
}
