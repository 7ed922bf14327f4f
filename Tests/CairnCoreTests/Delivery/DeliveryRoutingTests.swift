import Foundation
import Testing

@testable import CairnCore

@Suite("Which trails take which events, and where their files go")
struct DeliveryRoutingTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func trail(
        _ name: String, region: String = "us-east-1", account: String = TrailFixtures.management, multiRegion: Bool = false,
        organization: String? = nil, includeGlobal: Bool = true, logging: Bool = true, stoppedAfter: TimeInterval? = nil
    ) -> TrailRecord {
        var status = TrailStatus()
        status.isLogging = logging
        status.startLoggingTime = start
        status.stopLoggingTime = stoppedAfter.map { start.addingTimeInterval($0) }
        return TrailRecord(
            id: Int64(abs(name.hashValue % 100_000)), arn: TrailFixtures.arn(name, region: region, account: account),
            settings: TrailSettings(
                s3BucketName: "logs", includeGlobalServiceEvents: includeGlobal, isMultiRegionTrail: multiRegion,
                isOrganizationTrail: organization != nil),
            organizationId: organization, eventSelectors: .default, hasCustomEventSelectors: false, insightSelectors: [], tags: [], status: status)
    }

    static func event(
        account: String = TrailFixtures.management, region: String = "us-east-1", source: String = "cloudtrail.amazonaws.com",
        category: String = "Management", after: TimeInterval = 10
    ) -> PendingEvent {
        PendingEvent(
            eventId: UUID(), time: start.addingTimeInterval(after), accountId: account, region: region,
            facts: TrailEventFacts(eventCategory: category, eventSource: source, eventName: "Call", readOnly: true), recordJSON: "{}")
    }

    @Test("an account trail takes its own account's events in its home region only")
    func accountAndRegion() {
        let home = Self.trail("home")
        #expect(DeliveryRouting.takes(home, Self.event(), members: [:]))
        #expect(!DeliveryRouting.takes(home, Self.event(region: "eu-west-1"), members: [:]))
        #expect(!DeliveryRouting.takes(home, Self.event(account: TrailFixtures.outsider), members: [:]))
        #expect(DeliveryRouting.takes(Self.trail("everywhere", multiRegion: true), Self.event(region: "eu-west-1"), members: [:]))
    }

    @Test("an organization trail takes every member's events, and no outsider's")
    func organizationMembers() {
        let org = Self.trail("org", multiRegion: true, organization: TrailFixtures.organization)
        let members = [TrailFixtures.organization: Set([TrailFixtures.management, TrailFixtures.member])]
        #expect(DeliveryRouting.takes(org, Self.event(account: TrailFixtures.member, region: "ap-southeast-1"), members: members))
        #expect(!DeliveryRouting.takes(org, Self.event(account: TrailFixtures.outsider), members: members))
        #expect(!DeliveryRouting.takes(Self.trail("plain"), Self.event(account: TrailFixtures.member), members: members))
    }

    @Test("global service events follow IncludeGlobalServiceEvents, in whatever home region")
    func globalServiceEvents() {
        let iam = Self.event(source: "iam.amazonaws.com")
        #expect(DeliveryRouting.takes(Self.trail("west", region: "us-west-2"), iam, members: [:]))
        #expect(!DeliveryRouting.takes(Self.trail("quiet", includeGlobal: false), iam, members: [:]))
    }

    @Test("only events of the logging window: from StartLogging to StopLogging, both included")
    func loggingWindow() {
        let stopped = Self.trail("stopped", logging: false, stoppedAfter: 60)
        #expect(!DeliveryRouting.takes(stopped, Self.event(after: -1), members: [:]))
        #expect(DeliveryRouting.takes(stopped, Self.event(after: 0), members: [:]))
        #expect(DeliveryRouting.takes(stopped, Self.event(after: 60), members: [:]))
        #expect(!DeliveryRouting.takes(stopped, Self.event(after: 61), members: [:]))
    }

    @Test("ingested ActivityAuditLog events reach trails that log management events")
    func ingestedEvents() {
        #expect(
            DeliveryRouting.takes(Self.trail("tenant-app"), Self.event(source: "billing.example.com", category: "ActivityAuditLog"), members: [:]))
        let noManagement = TrailEventSelectors.basic([
            TrailEventSelector(readWriteType: .all, includeManagementEvents: false, dataResources: [], excludeManagementEventSources: [])
        ])
        #expect(
            !EventSelectorMatch.matches(
                noManagement, TrailEventFacts(eventCategory: "ActivityAuditLog", eventSource: "billing.example.com", eventName: "X", readOnly: false))
        )
    }

    @Test("batches group one trail's events by account and region, in order")
    func batches() {
        let trail = Self.trail("everywhere", multiRegion: true)
        let events = [Self.event(region: "us-east-1"), Self.event(region: "eu-west-1"), Self.event(region: "us-east-1")]
        let batches = DeliveryRouting.route(events, to: [trail], members: [:])
        #expect(batches.map(\.region) == ["us-east-1", "eu-west-1"])
        #expect(batches[0].events.map(\.eventId) == [events[0].eventId, events[2].eventId])
    }

    @Test("log file and digest keys follow CloudTrail's layout, with the prefix and organization id")
    func layout() {
        let at = Date(timeIntervalSince1970: 1_438_395_000)  // 2015-08-01T02:10:00Z
        let plain = LogFileLayout(keyPrefix: nil, organizationId: nil)
        #expect(
            plain.logFileKey(account: "111122223333", region: "us-east-2", deliveredAt: at, unique: "Mu0KsOhtH1ar15ZZ")
                == "AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz")
        let org = LogFileLayout(keyPrefix: "team/", organizationId: "o-abc")
        #expect(
            org.digestKey(account: "111122223333", region: "eu-west-1", trailName: "t", homeRegion: "us-east-1", endTime: at)
                == "team/AWSLogs/o-abc/111122223333/CloudTrail-Digest/eu-west-1/2015/08/01/111122223333_CloudTrail-Digest_eu-west-1_t_us-east-1_20150801T021000Z.json.gz"
        )
        var rng = SystemRandomNumberGenerator()
        let unique = LogFileLayout.uniqueSuffix(using: &rng)
        #expect(unique.count == 16 && unique.allSatisfy { $0.isLetter || $0.isNumber })
    }

    @Test("the digest's string to sign is the CLI's, with null for a chain's first digest")
    func stringToSign() {
        let at = Date(timeIntervalSince1970: 1_438_395_000)
        #expect(
            DigestFile.stringToSign(endTime: at, bucket: "b", key: "k", contentSHA256: "abc", previousSignature: nil)
                == "2015-08-01T02:10:00Z\nb/k\nabc\nnull")
        #expect(
            DigestFile.stringToSign(endTime: at, bucket: "b", key: "k", contentSHA256: "abc", previousSignature: "ff")
                == "2015-08-01T02:10:00Z\nb/k\nabc\nff")
    }
}
