import CairnPolicy
import Foundation
import Testing

@testable import CairnCore

/// The record text written by hand must mean exactly what Foundation's encoder wrote: the same record when
/// decoded, and the same JSON object member for member.
@Suite struct EventRecordTextTests {
    static func identity(session: Bool) -> EventRecord.UserIdentity {
        EventRecord.UserIdentity(
            type: session ? "AssumedRole" : "IAMUser", principalId: "AIDAEXAMPLE", arn: "arn:aws:iam::123456789012:user/al\"ice",
            accountId: "123456789012", accessKeyId: session ? "ASIAEXAMPLE" : nil, userName: session ? nil : "al\"ice",
            sessionContext: session
                ? .init(
                    sessionIssuer: .init(
                        type: "Role", principalId: "AROAEXAMPLE", arn: "arn:aws:iam::123456789012:role/R", accountId: "123456789012", userName: "R"),
                    attributes: .init(creationDate: "2026-12-05T00:00:00Z", mfaAuthenticated: "false"), sourceIdentity: "src\u{1}")
                : nil)
    }

    static var records: [EventRecord] {
        let parameters: JSONValue = .object([
            "name": .string("tab\there \u{0} nul, é, 😀, \\ slash / quote \""), "count": .number(3), "ratio": .number(0.25),
            "nested": .array([.null, .bool(true), .object([:]), .array([])]),
        ])
        var plain = EventRecord(
            userIdentity: identity(session: false), eventTime: "2026-12-05T00:00:00Z", eventSource: "cloudtrail.amazonaws.com",
            eventName: "DescribeTrails", awsRegion: "us-east-1", sourceIPAddress: "127.0.0.1", userAgent: "Boto3/1.0 \u{7f}",
            errorCode: nil, errorMessage: nil, requestParameters: nil, responseElements: nil, requestID: "r-1", eventID: "e-1",
            readOnly: true, resources: nil, recipientAccountId: "123456789012")
        var failed = plain
        failed.userIdentity = identity(session: true)
        failed.errorCode = "AccessDenied"
        failed.errorMessage = "User: x is not authorized to perform: cloudtrail:DescribeTrails\nbecause"
        failed.requestParameters = parameters
        failed.readOnly = false
        var written = plain
        written.requestParameters = .object([:])
        written.responseElements = parameters
        written.resources = [
            .init(ARN: "arn:aws:cloudtrail:us-east-1:123456789012:trail/t", accountId: "123456789012", type: "AWS::CloudTrail::Trail"),
            .init(ARN: "arn:x", accountId: nil, type: nil),
        ]
        written.managementEvent = false
        plain.eventCategory = "Insight"
        // A console call, and a sign-in: no request id, PascalCase additionalEventData.
        var console = written
        console.sessionCredentialFromConsole = "true"
        var signIn = plain
        signIn.requestID = nil
        signIn.eventType = "AwsConsoleSignIn"
        signIn.additionalEventData = .object(["LoginTo": .string("https://c.example/console/events"), "MFAUsed": .string("No")])
        return [plain, failed, written, console, signIn]
    }

    @Test func theWrittenTextDecodesToTheSameRecordAndObjectAsFoundationsEncoding() throws {
        for record in Self.records {
            let text = record.jsonText
            #expect(try JSONDecoder().decode(EventRecord.self, from: Data(text.utf8)) == record, "\(text)")
            let ours = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
            // Foundation's encoding leaves nil members out; the record always carries these two, null when empty.
            let foundations =
                (try JSONSerialization.jsonObject(with: try JSONEncoder().encode(record)) as? NSDictionary)?.mutableCopy()
                as? NSMutableDictionary
            for key in ["requestParameters", "responseElements"] where foundations?[key] == nil { foundations?[key] = NSNull() }
            #expect(ours != nil && ours == foundations, "\(text)")
            #expect(ours?["requestParameters"] != nil && ours?["responseElements"] != nil, "both members are always written")
        }
    }
}
