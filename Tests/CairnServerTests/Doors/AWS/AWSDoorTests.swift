import CairnCore
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

@Suite struct AWSDoorTests {
    @Test func stsGetCallerIdentityAnswersInQueryXML() async throws {
        try await withTestServer { server in
            let r = try await server.awsQuery("Action=GetCallerIdentity&Version=2011-06-15", service: "sts")
            #expect(r.status == .ok)
            let xml = String(buffer: r.body)
            #expect(xml.contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"))
            #expect(xml.contains("<Arn>arn:aws:iam::\(server.operatorAccount):root</Arn>"))
            #expect(xml.contains("<Account>\(server.operatorAccount)</Account>"))
            #expect(xml.contains("<RequestId>\(r.headers[HTTPField.Name("x-amzn-RequestId")!]!)</RequestId>"))
        }
    }

    @Test func unknownQueryActionIsInvalidActionInXML() async throws {
        try await withTestServer { server in
            let r = try await server.awsQuery("Action=StealEverything&Version=2011-06-15", service: "sts")
            #expect(r.status.code == 400)
            #expect(String(buffer: r.body).contains("<Code>InvalidAction</Code>"))
            let none = try await server.awsQuery("Version=2011-06-15", service: "sts")
            #expect(none.status.code == 400 && String(buffer: none.body).contains("MissingAction"))
        }
    }

    @Test func unknownTargetIsUnknownOperationException() async throws {
        try await withTestServer { server in
            let r = try await server.awsJSON("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.Teleport", service: "cloudtrail")
            #expect(r.status.code == 400)
            let body = try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: String]
            #expect(body?["__type"] == "UnknownOperationException")
            #expect(body?["message"]?.contains("Teleport") == true)
            #expect(r.headers[HTTPField.Name("x-amzn-ErrorType")!] == "UnknownOperationException")
            let foreign = try await server.awsJSON("SomeOtherService_2020.Do", service: "cloudtrail")
            #expect(foreign.status.code == 400)
        }
    }

    @Test func oversizedBodiesAre413AndUnknownRoutes404WithARequestId() async throws {
        try await withTestServer { server in
            let big = String(repeating: "x", count: 3 * 1024 * 1024)
            let r = try await server.unsigned(.post, "/", body: big, headers: [HTTPField.Name("x-amz-target")!: "X.Y"])
            #expect(r.status.code == 413)
            let missing = try await server.send(.get, "/v1/nothing-here")
            #expect(missing.status.code == 404)
            #expect(missing.headers[.contentType] == "application/problem+json")
            #expect(missing.headers[HTTPField.Name("x-amzn-RequestId")!] != nil)
        }
    }

    @Test func healthReadinessAndMetricsAreAnonymous() async throws {
        try await withTestServer { server in
            for path in ["/healthz", "/readyz", "/metrics"] {
                var r = try await server.unsigned(.get, path)
                // Readiness allows its database check 2 s; on a machine busy with the whole suite that can pass, so
                // the check is asked again: what this test proves is that no credentials are needed.
                for _ in 0..<5 where r.status == .serviceUnavailable && path == "/readyz" {
                    try await Task.sleep(for: .seconds(1))
                    r = try await server.unsigned(.get, path)
                }
                #expect(r.status == .ok, "\(path)")
            }
        }
    }

    @Test func readinessFailsWhileMigrationsAreMissing() async throws {
        try await withTestServer { server in
            try await server.store.client.query("DELETE FROM schema_migrations")
            let r = try await server.unsigned(.get, "/readyz")
            #expect(r.status == .serviceUnavailable)
        }
    }

    @Test func everyCallIsRecordedOnceWithItsOutcome() async throws {
        try await withTestServer { server in
            _ = try await server.send(.get, "/v1/regions")
            _ = try await server.awsQuery("Action=GetCallerIdentity&Version=2011-06-15", service: "sts")
            let events = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 10)
            }
            #expect(events.map(\.eventName).sorted() == ["GetCallerIdentity", "ListRegions"])
            let list = try #require(events.first { $0.eventName == "ListRegions" })
            #expect(list.eventSource == "cairn.amazonaws.com")
            #expect(list.readOnly && list.errorCode == nil)
            #expect(list.userIdentity.type == "Root" && list.userIdentity.accessKeyId == testRootCredentials.accessKeyId)
            #expect(list.recipientAccountId == server.operatorAccount.value && list.eventVersion == "1.11")
            #expect(events.allSatisfy { UUID(uuidString: $0.eventID) != nil })
        }
    }
}

@Suite struct UnstorableInputTests {
    @Test func aNulInAnIAMNameIsA400WithItsEvent() async throws {
        try await withTestServer { server in
            let r = try await server.awsQuery("Action=DeleteUser&Version=2010-05-08&UserName=a%00b", service: "iam")
            #expect(r.status.code == 400, "\(String(buffer: r.body))")
            let events = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 5)
            }
            #expect(events.contains { $0.eventName == "DeleteUser" && $0.errorCode != nil }, "the refusal is recorded")
        }
    }
}
