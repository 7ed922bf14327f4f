import CairnStore
import CairnTestSupport
import Crypto
import Foundation
import Logging
import PostgresNIO
import Testing

/// Channels and PutAuditEvents: tenants' own events, judged one by one and stored in the owner's event log.
@Suite struct IngestionTests {
    func eventData(_ account: String, id: String, name: String = "RefundIssued") -> String {
        #"{"version":"1.0","userIdentity":{"type":"CustomUser","principalId":"alice"},"eventSource":"billing.example.com","eventName":"\#(name)","eventTime":"2025-01-01T00:00:00Z","UID":"\#(id)","recipientAccountId":"\#(account)"}"#
    }

    /// A store of the tenant's that takes channel events (ActivityAuditLog), as a channel's destinations.
    func destinations(_ server: TestServer, _ tenant: Tenant) async throws -> [[String: Any]] {
        [["Type": "EVENT_DATA_STORE", "Location": try await channelStore(server, tenant)]]
    }

    func channelStore(_ server: TestServer, _ tenant: Tenant) async throws -> String {
        let selectors = [["FieldSelectors": [["Field": "eventCategory", "Equals": ["ActivityAuditLog"]]]]]
        let made = try await server.trailOK(
            "CreateEventDataStore", ["Name": "feed-\(UUID().uuidString.prefix(8))", "AdvancedEventSelectors": selectors], as: tenant)
        return try #require(made["EventDataStoreArn"] as? String)
    }

    /// PutAuditEvents as boto3's cloudtrail-data client sends it: REST-JSON, the channel in the query string.
    func put(
        _ server: TestServer, _ tenant: Tenant, channel: String, _ events: [[String: Any]], externalId: String? = nil
    ) async throws -> (Int, [String: Any]) {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["auditEvents": events]), as: UTF8.self)
        let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        var query = "channelArn=" + channel.addingPercentEncoding(withAllowedCharacters: safe)!
        if let externalId { query += "&externalId=" + externalId.addingPercentEncoding(withAllowedCharacters: safe)! }
        let r = try await server.send(
            .post, "/PutAuditEvents", query: query, body: body, service: "cloudtrail-data", credentials: tenant.credentials,
            headers: ["content-type": "application/json"])
        return (Int(r.status.code), server.json(r))
    }

    func storedActivity(_ server: TestServer, _ account: String) async throws -> [String] {
        try await server.store.read(logger: Logger(label: "t")) { tx in
            var names: [String] = []
            for try await n in try await tx.query(
                "SELECT event_name FROM events WHERE account_id = \(account) AND event_category = 'ActivityAuditLog' ORDER BY event_name"
            ).decode(String.self) { names.append(n) }
            return names
        }
    }

    @Test func ingestedEventsReachATrailThatLogsManagementEvents() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server)
            let owner = try await server.createTenant("owner")
            let trail = try #require(
                try await server.trailOK("CreateTrail", ["Name": "all", "S3BucketName": "app-logs"], as: owner)["TrailARN"] as? String)
            let advanced = try #require(
                try await server.trailOK("CreateTrail", ["Name": "writes", "S3BucketName": "advanced-logs"], as: owner)["TrailARN"] as? String)
            try await server.trailOK(
                "PutEventSelectors",
                ["TrailName": advanced, "AdvancedEventSelectors": [["FieldSelectors": [["Field": "eventCategory", "Equals": ["Management"]]]]]],
                as: owner)
            try await server.trailOK("StartLogging", ["Name": trail], as: owner)
            try await server.trailOK("StartLogging", ["Name": advanced], as: owner)
            let channel = try #require(
                try await server.trailOK(
                    "CreateChannel", ["Name": "billing-app", "Source": "Custom", "Destinations": try await destinations(server, owner)], as: owner)[
                        "ChannelArn"] as? String)
            let (status, out) = try await put(server, owner, channel: channel, [["id": "e-1", "eventData": eventData(owner.account, id: "e-1")]])
            #expect(status == 200 && (out["successful"] as? [Any])?.count == 1, "\(out)")
            try await harness.deliver {
                try await harness.records(in: "app-logs").values.flatMap { $0 }.contains { $0["eventCategory"] as? String == "ActivityAuditLog" }
            }
            let ingested = try await harness.records(in: "app-logs").values.flatMap { $0 }.filter {
                $0["eventCategory"] as? String == "ActivityAuditLog"
            }
            #expect(ingested.count == 1)
            // Advanced selectors for trails cannot name ActivityAuditLog, so that trail takes only management events.
            try await harness.deliver {
                try await harness.records(in: "advanced-logs").values.flatMap { $0 }.contains { $0["eventName"] as? String == "StartLogging" }
            }
            #expect(
                try await !harness.records(in: "advanced-logs").values.flatMap { $0 }.contains {
                    $0["eventCategory"] as? String == "ActivityAuditLog"
                })
        }
    }

    @Test func aChannelPolicyLetsAnotherAccountPutEventsWithTheRightExternalId() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            let partner = try await server.createTenant("partner")
            let channel = try #require(
                try await server.trailOK(
                    "CreateChannel", ["Name": "partner-feed", "Source": "Custom", "Destinations": try await destinations(server, owner)], as: owner)[
                        "ChannelArn"] as? String)
            func policy(
                _ principal: String, action: String = "cloudtrail-data:PutAuditEvents", resource: String? = nil, externalId: String? = "partner-42"
            ) -> String {
                var statement: [String: Any] = [
                    "Effect": "Allow", "Principal": ["AWS": principal], "Action": action, "Resource": resource ?? channel,
                ]
                if let externalId { statement["Condition"] = ["StringEquals": ["cloudtrail:ExternalId": externalId]] }
                return String(
                    decoding: try! JSONSerialization.data(withJSONObject: ["Version": "2012-10-17", "Statement": [statement]]), as: UTF8.self)
            }
            // Without a policy, another account's put is refused and stores nothing.
            let event = ["id": "p-1", "eventData": eventData(owner.account, id: "p-1")]
            var (status, out) = try await put(server, partner, channel: channel, [event])
            #expect(status == 400 && out["__type"] as? String == "ChannelInsufficientPermission", "\(out)")
            try await server.trailRefused("GetResourcePolicy", ["ResourceArn": channel], as: owner, "ResourcePolicyNotFoundException")

            // What a channel policy may not say.
            for bad in [
                policy(partner.account, action: "cloudtrail-data:*"), policy(partner.account, resource: channel + "-other"), "{not json",
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudtrail-data:PutAuditEvents","Resource":"\#(channel)"}]}"#,
                String(repeating: " ", count: 8193),
            ] {
                try await server.trailRefused(
                    "PutResourcePolicy", ["ResourceArn": channel, "ResourcePolicy": bad], as: owner, "ResourcePolicyNotValidException")
            }
            try await server.trailRefused(
                "PutResourcePolicy",
                ["ResourceArn": "arn:aws:cloudtrail:us-east-1:\(owner.account):trail/x", "ResourcePolicy": policy(partner.account)],
                as: owner, "ResourceTypeNotSupportedException")
            try await server.trailRefused(
                "PutResourcePolicy",
                [
                    "ResourceArn": "arn:aws:cloudtrail:us-east-1:\(owner.account):channel/\(UUID().uuidString.lowercased())",
                    "ResourcePolicy": policy(partner.account),
                ],
                as: owner, "ResourceNotFoundException")
            try await server.trailRefused(
                "PutResourcePolicy", ["ResourceArn": "nope", "ResourcePolicy": policy(partner.account)], as: owner, "ResourceARNNotValidException")
            // Another account cannot attach a policy to the owner's channel.
            try await server.trailRefused(
                "PutResourcePolicy", ["ResourceArn": channel, "ResourcePolicy": policy(partner.account)], as: partner, "ResourceNotFoundException")

            let text = policy(partner.account)
            let stored = try await server.trailOK("PutResourcePolicy", ["ResourceArn": channel, "ResourcePolicy": text], as: owner)
            #expect(stored["ResourceArn"] as? String == channel && stored["ResourcePolicy"] as? String == text)
            #expect(try await server.trailOK("GetResourcePolicy", ["ResourceArn": channel], as: owner)["ResourcePolicy"] as? String == text)

            // The policy's condition: no externalId or a wrong one is refused; the right one goes to the owner's log.
            (status, out) = try await put(server, partner, channel: channel, [event])
            #expect(status == 400 || status == 403, "\(out)")
            #expect((out["__type"] as? String ?? "").contains("AccessDenied"), "\(out)")
            (status, out) = try await put(server, partner, channel: channel, [event], externalId: "someone-else")
            #expect((out["__type"] as? String ?? "").contains("AccessDenied"), "\(out)")
            (status, out) = try await put(
                server, partner, channel: channel,
                [
                    event, ["id": "p-2", "eventData": eventData(partner.account, id: "p-2")],
                ], externalId: "partner-42")
            #expect(status == 200 && (out["successful"] as? [Any])?.count == 1, "\(out)")
            #expect(((out["failed"] as? [[String: Any]])?.first?["errorCode"] as? String) == "InvalidRecipient")
            #expect(try await storedActivity(server, owner.account) == ["RefundIssued"])
            #expect(try await storedActivity(server, partner.account).isEmpty)

            // Deleted, the door closes again.
            try await server.trailOK("DeleteResourcePolicy", ["ResourceArn": channel], as: owner)
            try await server.trailRefused("DeleteResourcePolicy", ["ResourceArn": channel], as: owner, "ResourcePolicyNotFoundException")
            (status, out) = try await put(server, partner, channel: channel, [event], externalId: "partner-42")
            #expect(
                out["__type"] as? String == "ChannelInsufficientPermission" || (out["__type"] as? String ?? "").contains("AccessDenied"), "\(out)")
            #expect(try await storedActivity(server, owner.account) == ["RefundIssued"])
        }
    }

    @Test func aChannelIngestsValidEventsAndAnswersEachRefusal() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            let created = try await server.trailOK(
                "CreateChannel", ["Name": "billing-app", "Source": "Custom", "Destinations": try await destinations(server, owner)], as: owner)
            let arn = try #require(created["ChannelArn"] as? String)
            #expect(arn.hasPrefix("arn:aws:cloudtrail:us-east-1:\(owner.account):channel/"))
            try await server.trailRefused(
                "CreateChannel", ["Name": "billing-app", "Source": "Custom", "Destinations": try await destinations(server, owner)], as: owner,
                "ChannelAlreadyExistsException")

            let good = eventData(owner.account, id: "e-1")
            let sum = Data(SHA256.hash(data: Data(good.utf8))).base64EncodedString()
            let (status, out) = try await put(
                server, owner, channel: arn,
                [
                    ["id": "e-1", "eventData": good, "eventDataChecksum": sum],
                    ["id": "e-2", "eventData": eventData(owner.account, id: "e-2", name: "Second")],
                    ["id": "e-3", "eventData": good, "eventDataChecksum": "AAAA"],
                    ["id": "e-4", "eventData": eventData("999999999999", id: "e-4")],
                    ["id": "e-5", "eventData": #"{"version":"1.0"}"#],
                    ["id": "e-6", "eventData": "not json"],
                ])
            #expect(status == 200, "\(out)")
            let ok = ((out["successful"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            let failed = Dictionary(
                uniqueKeysWithValues: ((out["failed"] as? [[String: Any]]) ?? []).map { ($0["id"] as! String, $0["errorCode"] as! String) })
            #expect(ok == ["e-1", "e-2"])
            #expect(failed == ["e-3": "InvalidChecksum", "e-4": "InvalidRecipient", "e-5": "FieldNotFound", "e-6": "InvalidData"])
            #expect(try await storedActivity(server, owner.account) == ["RefundIssued", "Second"])

            // A duplicate id spoils the whole request, which then stores nothing.
            let (dupStatus, dup) = try await put(
                server, owner, channel: arn,
                [
                    ["id": "d", "eventData": eventData(owner.account, id: "d")], ["id": "d", "eventData": eventData(owner.account, id: "d")],
                ])
            #expect(dupStatus == 400 && dup["__type"] as? String == "DuplicatedAuditEventId", "\(dup)")
            #expect(try await storedActivity(server, owner.account).count == 2)

            // The channel reports its latest ingestion; another account cannot use it.
            let got = try await server.trailOK("GetChannel", ["Channel": arn], as: owner)
            #expect((got["IngestionStatus"] as? [String: Any])?["LatestIngestionSuccessTime"] is Double)
            let stranger = try await server.createTenant("stranger")
            let (_, denied) = try await put(server, stranger, channel: arn, [["id": "x", "eventData": eventData(stranger.account, id: "x")]])
            #expect(denied["__type"] as? String == "ChannelInsufficientPermission", "\(denied)")
            try await server.trailRefused("GetChannel", ["Channel": arn], as: stranger, "ChannelARNInvalidException")
            let (_, missing) = try await put(server, owner, channel: "not-a-channel", [["id": "x", "eventData": good]])
            #expect(missing["__type"] as? String == "InvalidChannelARN", "\(missing)")
        }
    }

    /// A channel sends to stores that exist, take channel events and are not pending deletion; anything else is refused
    /// with AWS's error and no channel is made or changed.
    @Test func aChannelsDestinationsMustBeLiveChannelStoresOfTheCaller() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            let other = try await server.createTenant("other")
            let management = try #require(
                try await server.trailOK("CreateEventDataStore", ["Name": "management-lake"], as: owner)["EventDataStoreArn"] as? String)
            let theirs = try await channelStore(server, other)
            let gone = try await channelStore(server, owner)
            try await server.trailOK("UpdateEventDataStore", ["EventDataStore": gone, "TerminationProtectionEnabled": false], as: owner)
            try await server.trailOK("DeleteEventDataStore", ["EventDataStore": gone], as: owner)
            let missing = "arn:aws:cloudtrail:us-east-1:\(owner.account):eventdatastore/\(UUID().uuidString.lowercased())"
            for (location, code) in [
                (missing, "EventDataStoreNotFoundException"), (management, "InvalidEventDataStoreCategoryException"),
                (gone, "InactiveEventDataStoreException"), (theirs, "EventDataStoreARNInvalidException"),
            ] {
                try await server.trailRefused(
                    "CreateChannel", ["Name": "feed", "Source": "Custom", "Destinations": [["Type": "EVENT_DATA_STORE", "Location": location]]],
                    as: owner, code)
            }
            #expect((try await server.trailOK("ListChannels", as: owner)["Channels"] as? [[String: Any]])?.isEmpty == true)
            let live = try await destinations(server, owner)
            let channel = try #require(
                try await server.trailOK("CreateChannel", ["Name": "feed", "Source": "Custom", "Destinations": live], as: owner)["ChannelArn"]
                    as? String)
            try await server.trailRefused(
                "UpdateChannel", ["Channel": channel, "Destinations": [["Type": "EVENT_DATA_STORE", "Location": management]]], as: owner,
                "InvalidEventDataStoreCategoryException")
            let kept = try await server.trailOK("GetChannel", ["Channel": channel], as: owner)
            #expect((kept["Destinations"] as? [[String: Any]])?.first?["Location"] as? String == live[0]["Location"] as? String)
        }
    }

    @Test func channelsAreListedRenamedAndDeletedAndTheirLimitHolds() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            let store = try await channelStore(server, owner)
            let into = [["Type": "EVENT_DATA_STORE", "Location": store]]
            for i in 0..<25 {
                try await server.trailOK("CreateChannel", ["Name": "app-\(100 + i)", "Source": "Custom", "Destinations": into], as: owner)
            }
            try await server.trailRefused(
                "CreateChannel", ["Name": "one-more", "Source": "Custom", "Destinations": into], as: owner, "ChannelMaxLimitExceededException")
            try await server.trailRefused(
                "CreateChannel", ["Name": "x", "Source": "Custom", "Destinations": into], as: owner, "InvalidParameterException")
            try await server.trailRefused(
                "CreateChannel",
                ["Name": "bad-dest", "Source": "Custom", "Destinations": [["Type": "EVENT_DATA_STORE", "Location": "arn:aws:s3:::x"]]],
                as: owner, "EventDataStoreARNInvalidException")
            let page = try await server.trailOK("ListChannels", ["MaxResults": 10], as: owner)
            #expect((page["Channels"] as? [[String: Any]])?.count == 10 && page["NextToken"] is String)
            let first = try #require((page["Channels"] as? [[String: Any]])?.first?["ChannelArn"] as? String)
            let renamed = try await server.trailOK("UpdateChannel", ["Channel": first, "Name": "renamed"], as: owner)
            #expect(renamed["Name"] as? String == "renamed")
            try await server.trailOK("DeleteChannel", ["Channel": first], as: owner)
            try await server.trailRefused("GetChannel", ["Channel": first], as: owner, "ChannelNotFoundException")

            // REST: the same channel operations and ingestion, lower-camel JSON.
            let made = try await server.send(
                .post, "/v1/channels",
                body:
                    #"{"name": "rest-app", "source": "Custom", "destinations": [{"type": "EVENT_DATA_STORE", "location": "\#(store)"}]}"#,
                credentials: owner.credentials, headers: ["content-type": "application/json"])
            #expect(made.status.code == 201, "\(server.json(made))")
            let id = try #require((server.json(made)["channelArn"] as? String)?.split(separator: "/").last.map(String.init))
            let body = String(
                decoding: try JSONSerialization.data(withJSONObject: [
                    "auditEvents": [["id": "r-1", "eventData": eventData(owner.account, id: "r-1")]]
                ]), as: UTF8.self)
            let sent = try await server.send(
                .post, "/v1/channels/\(id)/events", body: body, credentials: owner.credentials, headers: ["content-type": "application/json"])
            #expect(((server.json(sent)["successful"] as? [[String: Any]]) ?? []).count == 1, "\(server.json(sent))")
            let listed = try await server.send(.get, "/v1/channels", query: "limit=100", credentials: owner.credentials)
            #expect(((server.json(listed)["channels"] as? [[String: Any]]) ?? []).count == 25)
        }
    }

    /// A put holds its channel only against deletion: another put to the same channel, still uncommitted,
    /// must not make it wait (they used to queue on the channel's row, one commit at a time).
    @Test func aPutDoesNotWaitForAnotherUncommittedPutToTheSameChannel() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            let created = try await server.trailOK(
                "CreateChannel", ["Name": "busy-app", "Source": "Custom", "Destinations": try await destinations(server, owner)], as: owner)
            let arn = try #require(created["ChannelArn"] as? String)
            let id = try #require(arn.split(separator: "/").last.map(String.init).flatMap(UUID.init(uuidString:)))
            let answer = PutAnswer()
            let answered = try await server.store.transaction(logger: Logger(label: "t")) { tx -> Int? in
                // What an in-flight put holds until it commits.
                try await tx.query("SELECT 1 FROM channels WHERE id = \(id) FOR KEY SHARE")
                Task {
                    await answer.set(
                        try await self.put(server, owner, channel: arn, [["id": "p-1", "eventData": self.eventData(owner.account, id: "p-1")]]).0)
                }
                return try await answer.wait(seconds: 15)
            }
            // Whatever happened, the put ends once the transaction above has.
            _ = try await answer.wait(seconds: 15)
            #expect(answered == 200, "the put waited for the other put's transaction")

            // Status slots: GetChannel reports the latest attempt over all of them, and the latest success.
            let later = Date().addingTimeInterval(60)
            try await server.store.transaction(logger: Logger(label: "t")) { tx in
                _ = try await tx.query(
                    """
                    INSERT INTO channel_ingestion_status (channel_id, slot, attempt_time, error_code)
                    VALUES (\(id), (pg_backend_pid() + 1) % 64, \(later), 'InvalidData')
                    ON CONFLICT (channel_id, slot) DO UPDATE SET attempt_time = excluded.attempt_time, error_code = excluded.error_code
                    """)
            }
            let status = try #require(try await server.trailOK("GetChannel", ["Channel": arn], as: owner)["IngestionStatus"] as? [String: Any])
            #expect(status["LatestIngestionErrorCode"] as? String == "InvalidData")
            #expect((status["LatestIngestionAttemptTime"] as? Double).map { abs($0 - later.timeIntervalSince1970) < 1 } == true)
            #expect((status["LatestIngestionSuccessTime"] as? Double).map { $0 < later.timeIntervalSince1970 - 30 } == true)
            #expect(status["LatestIngestionSuccessEventID"] is String)

            // Deleting the channel removes its status with it.
            try await server.trailOK("DeleteChannel", ["Channel": arn], as: owner)
            let left = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.exists("SELECT 1 FROM channel_ingestion_status WHERE channel_id = \(id)")
            }
            #expect(!left)
        }
    }

    /// The status of a put running in another task.
    actor PutAnswer {
        var status: Int?
        func set(_ value: Int) { status = value }

        /// The status once the put has answered, or nil if it has not within the time.
        func wait(seconds: Int) async throws -> Int? {
            for _ in 0..<(seconds * 10) {
                if let status { return status }
                try await Task.sleep(for: .milliseconds(100))
            }
            return status
        }
    }
}
