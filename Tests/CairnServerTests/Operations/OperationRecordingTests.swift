import CairnCore
import CairnPolicy
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// One place records a call's event, whichever door it came through and wherever it failed: the runner. A
/// call is recorded exactly once, its requestParameters are derived from the operation's input, and every
/// response names its request.
@Suite struct OperationRecordingTests {
    /// The events a request left, as (errorCode, requestParameters) pairs.
    func events(_ server: TestServer, requestId: String) async throws -> [(error: String?, parameters: String?)] {
        var out: [(String?, String?)] = []
        let rows = try await server.store.client.query(
            "SELECT error_code, record->'requestParameters'::text FROM events WHERE record->>'requestID' = \(requestId)")
        for try await (code, parameters) in rows.decode((String?, String?).self) { out.append((code, parameters)) }
        return out
    }

    func requestId(_ r: TestResponse) throws -> String {
        try #require(r.headers[HTTPField.Name("x-amzn-RequestId")!])
    }

    @Test func aJSONBodyThatDoesNotParseIsARecordedRefusalOfItsOperation() async throws {
        try await withTestServer { server in
            let r = try await server.awsJSON("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail", "{not json", service: "cloudtrail")
            #expect(r.status == .badRequest)
            let recorded = try await events(server, requestId: try requestId(r))
            #expect(recorded.count == 1)
            #expect(recorded.first?.error == "SerializationException" && [nil, "null"].contains(recorded.first?.parameters))
        }
    }

    @Test func aRESTBodyTheGeneratedCodeRefusesIsRecordedOnce() async throws {
        try await withTestServer { server in
            let r = try await server.send(.post, "/v1/trails", body: #"{"name": 5}"#, headers: ["content-type": "application/json"])
            #expect(r.status == .badRequest)
            let recorded = try await events(server, requestId: try requestId(r))
            #expect(recorded.map(\.error) == ["SerializationException"])
        }
    }

    @Test func aRefusalByTheOperationIsRecordedOnceWithItsParameters() async throws {
        try await withTestServer { server in
            let r = try await server.awsJSON(
                "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetTrail", #"{"Name":"missing"}"#, service: "cloudtrail")
            let recorded = try await events(server, requestId: try requestId(r))
            #expect(recorded.count == 1 && recorded.first?.error == "TrailNotFoundException")
            #expect(recorded.first?.parameters.flatMap { JSONValue.parse($0) } == JSONValue.parse(#"{"name":"missing"}"#))
        }
    }

    @Test func bothDoorsRecordTheSameParametersForTheSameInput() async throws {
        try await withTestServer { server in
            let json = try await server.awsJSON(
                "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail",
                #"{"Name":"one","S3BucketName":"bucket-a","IsMultiRegionTrail":true,"TagsList":[{"Key":"k","Value":"v"}]}"#, service: "cloudtrail")
            let rest = try await server.send(
                .post, "/v1/trails",
                body: #"{"name":"one","s3BucketName":"bucket-a","isMultiRegionTrail":true,"tagsList":[{"key":"k","value":"v"}]}"#,
                headers: ["content-type": "application/json"])
            #expect(json.status == .ok)
            #expect(rest.status == .badRequest, "the name is taken by the first call")
            let first = try await events(server, requestId: try requestId(json)).first?.parameters.flatMap { JSONValue.parse($0) }
            let second = try await events(server, requestId: try requestId(rest)).first?.parameters.flatMap { JSONValue.parse($0) }
            #expect(first != nil && first == second)
            // As AWS writes CreateTrail's record: first letters lowercased, tags as {key, value}, nothing absent.
            #expect(
                first
                    == JSONValue.parse(
                        #"{"name":"one","s3BucketName":"bucket-a","isMultiRegionTrail":true,"tagsList":[{"key":"k","value":"v"}]}"#))
        }
    }

    @Test func everyResponseOfEveryDoorNamesItsRequest() async throws {
        try await withTestServer { server in
            let unsignedAWS = try await server.unsigned(.post, "/", body: "Action=GetCallerIdentity")
            let unsignedREST = try await server.unsigned(.get, "/v1/regions")
            let unknownRoute = try await server.unsigned(.get, "/nowhere")
            let health = try await server.unsigned(.get, "/healthz")
            let ok = try await server.send(.get, "/v1/regions")
            for r in [unsignedAWS, unsignedREST, unknownRoute, health, ok] {
                #expect(r.headers[HTTPField.Name("x-amzn-RequestId")!]?.count == 36, "\(r.status)")
            }
            #expect(unsignedAWS.headers[.contentType] == "text/xml" && unsignedREST.headers[.contentType] == "application/problem+json")
        }
    }
}
