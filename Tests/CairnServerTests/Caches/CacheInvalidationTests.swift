import CairnCore
import CairnTestSupport
import Foundation
import HTTPTypes
import Testing

/// What a process keeps in memory of what every call reads (credentials, compiled policies, trail views)
/// follows every change: at once in the process that made it, and as soon as PostgreSQL's notification
/// arrives in every other process.
@Suite struct CacheInvalidationTests {
    func describeTrails(_ server: TestServer, as credentials: TestCredentials? = nil) async throws -> (HTTPResponse.Status, String) {
        let r = try await server.awsJSON(
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails", "{}", service: "cloudtrail", credentials: credentials)
        return (r.status, String(buffer: r.body))
    }

    /// Polls `server` until `check` holds, for at most five seconds: another process's change arrives by
    /// notification, a few milliseconds after it commits.
    func eventually(_ what: String, _ check: () async throws -> Bool) async throws {
        for _ in 0..<500 {
            if try await check() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("\(what) was not seen within five seconds")
    }

    @Test func aProcessReadsItsOwnWritesAtOnce() async throws {
        try await withTestServer { server in
            #expect(try await describeTrails(server).1.contains("\"trailList\":[]"))
            let created = try await server.awsJSON(
                "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail", #"{"Name":"mine","S3BucketName":"bucket-a"}"#,
                service: "cloudtrail")
            #expect(created.status == .ok)
            #expect(try await describeTrails(server).1.contains("\"Name\":\"mine\""), "the very next read sees the new trail")
        }
    }

    @Test func anotherProcessesTrailAndPolicyChangesReachThisOne() async throws {
        try await withTestServer { first in
            let reader = try await first.createUser("reader", inline: [policy("Allow", "cloudtrail:DescribeTrails")])
            try await withSecondServer(beside: first) { second in
                // The second process has the reader's credential, policies and trail view in memory.
                for _ in 0..<3 { #expect(try await describeTrails(second, as: reader.credentials).0 == .ok) }
                let created = try await first.awsJSON(
                    "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail", #"{"Name":"elsewhere","S3BucketName":"bucket-a"}"#,
                    service: "cloudtrail")
                #expect(created.status == .ok)
                try await eventually("a trail created by another process") {
                    try await describeTrails(second, as: reader.credentials).1.contains("\"Name\":\"elsewhere\"")
                }
                let denied = try await first.awsQuery(
                    "Action=PutUserPolicy&Version=2010-05-08&UserName=reader&PolicyName=deny&PolicyDocument="
                        + (policy("Deny", "cloudtrail:DescribeTrails").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                    service: "iam")
                #expect(denied.status == .ok)
                try await eventually("a deny added by another process") {
                    try await describeTrails(second, as: reader.credentials).1.contains("AccessDenied")
                }
                let deactivated = try await first.awsQuery(
                    "Action=UpdateAccessKey&Version=2010-05-08&UserName=reader&Status=Inactive&AccessKeyId=\(reader.credentials.accessKeyId)",
                    service: "iam")
                #expect(deactivated.status == .ok)
                try await eventually("a key deactivated by another process") {
                    let r = try await second.send(.get, "/v1/caller-identity", credentials: reader.credentials)
                    return r.status == .forbidden && String(buffer: r.body).contains("UnrecognizedClient")
                }
            }
        }
    }
}
