import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnServer

/// Lake queries end to end over the CloudTrail door, with the worker run in the test: a statement is checked
/// when it is started, runs as the role that reads only the event log, and sees only its stores' events.
@Suite struct LakeQueryTests {
    func worker(_ server: TestServer, timeout: Int = 10) -> LakeQueryWorker {
        LakeQueryWorker(store: server.store, lakeStore: server.store, timeoutSeconds: timeout, logger: Logger(label: "lake"))
    }

    func store(_ server: TestServer, _ tenant: Tenant, _ extra: [String: Any] = [:]) async throws -> (arn: String, id: String) {
        let arn = try #require(
            try await server.trailOK("CreateEventDataStore", ["Name": "lake-\(UUID().uuidString.prefix(8))"].merging(extra) { $1 }, as: tenant)[
                "EventDataStoreArn"] as? String)
        return (arn, String(arn.split(separator: "/").last!))
    }

    /// Starts `statement`, runs the queue, and returns the query's description and first page of results.
    func run(
        _ server: TestServer, _ tenant: Tenant, _ statement: String, timeout: Int = 10
    ) async throws -> (
        described: [String: Any], rows: [[[String: String]]]
    ) {
        let id = try #require(try await server.trailOK("StartQuery", ["QueryStatement": statement], as: tenant)["QueryId"] as? String)
        try await worker(server, timeout: timeout).runQueued()
        let described = try await server.trailOK("DescribeQuery", ["QueryId": id], as: tenant)
        let results = try await server.trailOK("GetQueryResults", ["QueryId": id], as: tenant)
        return (described, (results["QueryResultRows"] as? [[[String: String]]]) ?? [])
    }

    @Test func aQueryCountsTheCallsMadeAfterTheStoreWasCreated() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            try await server.trailOK("CreateTrail", ["Name": "before", "S3BucketName": "lake-logs"], as: owner)
            let (_, id) = try await store(server, owner)
            for name in ["one", "two"] { try await server.trailOK("CreateTrail", ["Name": name, "S3BucketName": "lake-logs"], as: owner) }
            let (described, rows) = try await run(
                server, owner, "SELECT eventName, count(*) AS calls FROM \(id) WHERE eventName = 'CreateTrail' GROUP BY eventName")
            #expect(described["QueryStatus"] as? String == "FINISHED", "\(described)")
            #expect(rows == [[["eventName": "CreateTrail"], ["calls": "2"]]], "the trail made before the store is not in it")
            let stats = try #require(described["QueryStatistics"] as? [String: Any])
            #expect((stats["EventsScanned"] as? Int ?? 0) >= 2)
        }
    }

    @Test func stoppedIngestionLeavesAGapAndAStoreSeesOnlyItsOwnAccount() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let stranger = try await server.createTenant("stranger")
            let (arn, id) = try await store(server, owner)
            try await server.trailOK("CreateTrail", ["Name": "kept-1", "S3BucketName": "lake-logs"], as: owner)
            try await server.trailOK("StopEventDataStoreIngestion", ["EventDataStore": arn], as: owner)
            try await server.trailOK("CreateTrail", ["Name": "missed", "S3BucketName": "lake-logs"], as: owner)
            try await server.trailOK("StartEventDataStoreIngestion", ["EventDataStore": arn], as: owner)
            try await server.trailOK("CreateTrail", ["Name": "kept-2", "S3BucketName": "lake-logs"], as: owner)
            try await server.trailOK("CreateTrail", ["Name": "theirs", "S3BucketName": "lake-logs"], as: stranger)
            let (_, rows) = try await run(
                server, owner,
                "SELECT element_at(requestParameters, 'name') AS trail, recipientAccountId FROM \(id) WHERE eventName = 'CreateTrail' ORDER BY trail")
            #expect(rows.map { $0[0]["trail"] ?? "" } == ["kept-1", "kept-2"])
            #expect(Set(rows.map { $0[1]["recipientAccountId"] ?? "" }) == [owner.account])
            try await server.trailRefused(
                "StartQuery", ["QueryStatement": "SELECT eventName FROM \(id)"], as: stranger, "EventDataStoreNotFoundException")
        }
    }

    @Test func aStatementIsCheckedWhenStartedAndAHostileOneQueuesNothing() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let (arn, id) = try await store(server, owner)
            for statement in [
                "SELECT eventName FROM \(id); DROP TABLE events", "SELECT * FROM pg_catalog.pg_class", "SELECT pg_sleep(5) FROM \(id)",
                "SELECT nosuch FROM \(id)", "UPDATE events SET record = NULL", "SELECT eventName FROM 00000000-0000-4000-8000-000000000000",
            ] {
                let (status, out) = try await server.cloudTrail("StartQuery", ["QueryStatement": statement], as: owner)
                #expect(status == 400, "\(statement): \(out)")
                let code = out["__type"] as? String
                #expect(code == "InvalidQueryStatementException" || code == "EventDataStoreNotFoundException", "\(statement): \(out)")
            }
            let listed = try await server.trailOK("ListQueries", ["EventDataStore": arn], as: owner)
            #expect((listed["Queries"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func theQueryRoleCannotReadBeyondTheEventLogNorOtherAccounts() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let stranger = try await server.createTenant("stranger")
            try await server.trailOK("CreateTrail", ["Name": "theirs", "S3BucketName": "lake-logs"], as: stranger)
            // The compiler never writes such SQL; this proves the second wall holds if it ever did.
            let seen: (Int, Bool) = try await server.store.transaction(logger: Logger(label: "t")) { tx in
                try await tx.query("SELECT set_config('cairn.lake_accounts', \(owner.account), true)")
                try await tx.query("SET LOCAL ROLE cairn_lake_reader")
                var n = 0
                for try await c in try await tx.query("SELECT count(*)::int FROM events WHERE account_id = \(stranger.account)").decode(Int.self) {
                    n = c
                }
                var refused = false
                do { try await tx.query("SELECT count(*) FROM access_keys") } catch { refused = true }
                return (n, refused)
            }
            #expect(seen.0 == 0, "row-level security hides the other account's events")
            #expect(seen.1, "the query role may not read access keys")
        }
    }

    @Test func aRunawayQueryTimesOutAndACancelledOneStaysCancelled() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let (_, id) = try await store(server, owner)
            for _ in 0..<8 { try await server.trailOK("DescribeTrails", [:], as: owner) }
            let heavy = "SELECT count(*) FROM \(id) a" + "bcdefghi".map { " CROSS JOIN \(id) \($0)" }.joined()
            let (described, rows) = try await run(server, owner, heavy, timeout: 1)
            #expect(described["QueryStatus"] as? String == "TIMED_OUT", "\(described)")
            #expect(rows.isEmpty)
            let queued = try #require(
                try await server.trailOK("StartQuery", ["QueryStatement": "SELECT eventName FROM \(id)"], as: owner)["QueryId"] as? String)
            #expect(try await server.trailOK("CancelQuery", ["QueryId": queued], as: owner)["QueryStatus"] as? String == "CANCELLED")
            try await worker(server).runQueued()
            #expect(try await server.trailOK("DescribeQuery", ["QueryId": queued], as: owner)["QueryStatus"] as? String == "CANCELLED")
            try await server.trailRefused("CancelQuery", ["QueryId": queued], as: owner, "InactiveQueryException")
        }
    }

    @Test func tenQueriesAtOnceIsTheLimit() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let (_, id) = try await store(server, owner)
            for _ in 0..<10 { try await server.trailOK("StartQuery", ["QueryStatement": "SELECT eventName FROM \(id)"], as: owner) }
            try await server.trailRefused("StartQuery", ["QueryStatement": "SELECT eventName FROM \(id)"], as: owner, "MaxConcurrentQueriesException")
            try await worker(server).runQueued()
            try await server.trailOK("StartQuery", ["QueryStatement": "SELECT eventName FROM \(id)"], as: owner)
            // ListQueries pages through all eleven, newest first, each once.
            var seen: [String] = []
            var token: String? = nil
            repeat {
                var body: [String: Any] = ["EventDataStore": id, "MaxResults": 3]
                if let token { body["NextToken"] = token }
                let page = try await server.trailOK("ListQueries", body, as: owner)
                seen += ((page["Queries"] as? [[String: Any]]) ?? []).compactMap { $0["QueryId"] as? String }
                token = page["NextToken"] as? String
            } while token != nil
            #expect(seen.count == 11 && Set(seen).count == 11, "\(seen)")
        }
    }

    @Test func aUserDeniedOneStoreCannotQueryItEvenBesideAnAllowedOne() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let (open, openId) = try await store(server, owner)
            let (secret, secretId) = try await store(server, owner)
            let document = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"},
                 {"Effect": "Deny", "Action": "cloudtrail:StartQuery", "Resource": "\(secret)"}]}
                """
            let analyst = try await server.createUser("analyst", account: AccountId(owner.account), inline: [document])
            let asAnalyst = Tenant(account: owner.account, credentials: analyst.credentials)
            try await server.trailOK("StartQuery", ["QueryStatement": "SELECT eventName FROM \(openId)"], as: asAnalyst)
            try await server.trailRefused(
                "StartQuery", ["QueryStatement": "SELECT eventName FROM \(secretId)"], as: asAnalyst, "AccessDeniedException")
            try await server.trailRefused(
                "StartQuery", ["QueryStatement": "SELECT a.eventName FROM \(openId) a JOIN \(secretId) b ON a.eventID = b.eventID"], as: asAnalyst,
                "AccessDeniedException")
            #expect(open != secret)
        }
    }

    @Test func aResultOverTheRowCapFailsAsTooLarge() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let (_, id) = try await store(server, owner)
            for _ in 0..<3 { try await server.trailOK("DescribeTrails", [:], as: owner) }
            let queryId = try #require(
                try await server.trailOK("StartQuery", ["QueryStatement": "SELECT a.eventID FROM \(id) a CROSS JOIN \(id) b"], as: owner)["QueryId"]
                    as? String)
            // A cap of 5 rows stands in for the 100,000 the service allows; 4 or more events cross-joined make 16 or more.
            var capped = worker(server)
            capped.maximumRows = 5
            try await capped.runQueued()
            let described = try await server.trailOK("DescribeQuery", ["QueryId": queryId], as: owner)
            #expect(described["QueryStatus"] as? String == "FAILED", "\(described)")
            #expect((described["ErrorMessage"] as? String)?.hasPrefix("Query response is too large") == true)
            let rows = try await server.trailOK("GetQueryResults", ["QueryId": queryId], as: owner)["QueryResultRows"] as? [Any]
            #expect(rows?.isEmpty == true)
        }
    }

    @Test func anOrganizationStoreReadsEveryMembersEventsAndAChannelStoreItsChannelsEvents() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("member")
            let outsider = try await server.createTenant("outsider")
            try await server.organizationForTrails(management: management, members: [member])
            let (_, orgId) = try await store(server, management, ["OrganizationEnabled": true])
            try await server.trailOK("DescribeTrails", [:], as: member)
            try await server.trailOK("DescribeTrails", [:], as: outsider)
            let (_, rows) = try await run(server, management, "SELECT DISTINCT recipientAccountId FROM \(orgId) WHERE eventName = 'DescribeTrails'")
            #expect(Set(rows.map { $0[0]["recipientAccountId"] ?? "" }) == [member.account], "the member's call, not the outsider's")

            let (feedArn, feedId) = try await store(
                server, management, ["AdvancedEventSelectors": [["FieldSelectors": [["Field": "eventCategory", "Equals": ["ActivityAuditLog"]]]]]])
            let channel = try #require(
                try await server.trailOK(
                    "CreateChannel", ["Name": "billing", "Source": "Custom", "Destinations": [["Type": "EVENT_DATA_STORE", "Location": feedArn]]],
                    as: management)["ChannelArn"] as? String)
            let data =
                #"{"version":"1.0","userIdentity":{"type":"CustomUser","principalId":"alice"},"eventSource":"billing.example.com","eventName":"RefundIssued","eventTime":"2025-01-01T00:00:00Z","UID":"u-1","recipientAccountId":"\#(management.account)"}"#
            let body = String(
                decoding: try JSONSerialization.data(withJSONObject: ["auditEvents": [["id": "e-1", "eventData": data]]]), as: UTF8.self)
            let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            let put = try await server.send(
                .post, "/PutAuditEvents", query: "channelArn=" + channel.addingPercentEncoding(withAllowedCharacters: safe)!, body: body,
                service: "cloudtrail-data", credentials: management.credentials, headers: ["content-type": "application/json"])
            #expect(put.status.code == 200)
            let (_, events) = try await run(server, management, "SELECT eventData.eventName, eventData.userIdentity.principalId FROM \(feedId)")
            #expect(events == [[["eventName": "RefundIssued"], ["principalId": "alice"]]], "\(events)")
        }
    }

    @Test func cancellingARunningQueryStopsItsStatement() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let (_, id) = try await store(server, owner)
            for _ in 0..<8 { try await server.trailOK("DescribeTrails", [:], as: owner) }
            let heavy = "SELECT count(*) FROM \(id) a" + "bcdefghi".map { " CROSS JOIN \(id) \($0)" }.joined()
            let queryId = try #require(try await server.trailOK("StartQuery", ["QueryStatement": heavy], as: owner)["QueryId"] as? String)
            let started = ContinuousClock.now
            let running = Task { try await worker(server, timeout: 60).runQueued() }
            var noted = false
            for _ in 0..<200 where !noted {
                try await Task.sleep(for: .milliseconds(50))
                noted = try await server.store.read(logger: Logger(label: "t")) { tx in
                    var found = false
                    for try await pid in try await tx.query("SELECT backend_pid FROM lake_queries WHERE id = \(UUID(uuidString: queryId)!)").decode(
                        Int32?.self)
                    { found = pid != nil }
                    return found
                }
            }
            #expect(noted, "the worker noted its backend")
            #expect(try await server.trailOK("CancelQuery", ["QueryId": queryId], as: owner)["QueryStatus"] as? String == "CANCELLED")
            _ = try await running.value
            #expect(ContinuousClock.now - started < .seconds(30), "the statement stopped long before its 60 s timeout")
            #expect(try await server.trailOK("DescribeQuery", ["QueryId": queryId], as: owner)["QueryStatus"] as? String == "CANCELLED")
        }
    }
}
