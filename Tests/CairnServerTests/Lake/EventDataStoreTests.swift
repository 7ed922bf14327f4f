import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

/// Event data stores over the CloudTrail door: AWS's defaults, limits, status machine and refusals, each refusal
/// changing nothing.
@Suite struct EventDataStoreTests {
    func create(_ server: TestServer, _ tenant: Tenant, _ name: String, _ extra: [String: Any] = [:]) async throws -> [String: Any] {
        try await server.trailOK("CreateEventDataStore", ["Name": name].merging(extra) { $1 }, as: tenant)
    }

    func storeRows(_ server: TestServer, _ account: String) async throws -> Int {
        try await server.store.read(logger: Logger(label: "t")) { tx in
            var n = 0
            for try await c in try await tx.query("SELECT count(*)::int FROM event_data_stores WHERE account_id = \(account)").decode(Int.self) {
                n = c
            }
            return n
        }
    }

    @Test func aNewStoreTakesAWSsDefaultsAndIsListedAndFetchedByArnOrId() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let created = try await create(server, owner, "audit-lake")
            let arn = try #require(created["EventDataStoreArn"] as? String)
            #expect(arn.hasPrefix("arn:aws:cloudtrail:us-east-1:\(owner.account):eventdatastore/"))
            #expect(created["Status"] as? String == "ENABLED")
            #expect(created["MultiRegionEnabled"] as? Bool == true)
            #expect(created["OrganizationEnabled"] as? Bool == false)
            #expect(created["TerminationProtectionEnabled"] as? Bool == true)
            #expect(created["RetentionPeriod"] as? Int == 366)
            #expect(created["BillingMode"] as? String == "EXTENDABLE_RETENTION_PRICING")
            let selectors = try #require(created["AdvancedEventSelectors"] as? [[String: Any]])
            #expect(selectors.first?["Name"] as? String == "Default management events")
            let id = String(arn.split(separator: "/").last!)
            let byId = try await server.trailOK("GetEventDataStore", ["EventDataStore": id], as: owner)
            #expect(byId["EventDataStoreArn"] as? String == arn && byId["FederationStatus"] as? String == "DISABLED")
            #expect(byId["TagsList"] == nil, "GetEventDataStore has no tags")
            let listed = try await server.trailOK("ListEventDataStores", [:], as: owner)
            #expect((listed["EventDataStores"] as? [[String: Any]])?.compactMap { $0["Name"] as? String } == ["audit-lake"])
            // Another tenant sees none of it.
            let other = try await server.createTenant("other")
            try await server.trailRefused("GetEventDataStore", ["EventDataStore": id], as: other, "EventDataStoreNotFoundException")
            try await server.trailRefused("GetEventDataStore", ["EventDataStore": arn], as: other, "EventDataStoreARNInvalidException")
            #expect((try await server.trailOK("ListEventDataStores", [:], as: other)["EventDataStores"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func badSettingsAreRefusedNamingTheFieldAndCreateNothing() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            try await server.trailRefused("CreateEventDataStore", ["Name": "x"], as: owner, "InvalidParameterException")
            try await server.trailRefused("CreateEventDataStore", ["Name": "bad name!"], as: owner, "InvalidParameterException")
            try await server.trailRefused(
                "CreateEventDataStore", ["Name": "short-keep", "RetentionPeriod": 6], as: owner, "InvalidParameterException")
            try await server.trailRefused(
                "CreateEventDataStore", ["Name": "fixed", "BillingMode": "FIXED_RETENTION_PRICING", "RetentionPeriod": 3000], as: owner,
                "InvalidParameterException")
            try await server.trailRefused("CreateEventDataStore", ["Name": "mode", "BillingMode": "CHEAP"], as: owner, "InvalidParameterException")
            try await server.trailRefused(
                "CreateEventDataStore",
                [
                    "Name": "mixed",
                    "AdvancedEventSelectors": [
                        ["FieldSelectors": [["Field": "eventCategory", "Equals": ["Management"]]]],
                        ["FieldSelectors": [["Field": "eventCategory", "Equals": ["ActivityAuditLog"]]]],
                    ],
                ], as: owner, "InvalidEventSelectorsException")
            try await server.trailRefused(
                "CreateEventDataStore",
                ["Name": "config", "AdvancedEventSelectors": [["FieldSelectors": [["Field": "eventCategory", "Equals": ["ConfigurationItem"]]]]]],
                as: owner, "InvalidEventSelectorsException")
            try await server.trailRefused(
                "CreateEventDataStore", ["Name": "org", "OrganizationEnabled": true], as: owner, "OrganizationsNotInUseException")
            try await server.trailRefused("CreateEventDataStore", ["Name": "kms", "KmsKeyId": "not a key"], as: owner, "InvalidKmsKeyIdException")
            #expect(try await storeRows(server, owner.account) == 0)
        }
    }

    @Test func namesAreUniqueAndTenStoresCountingPendingDeletionAreTheLimitPerRegion() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            var arns: [String] = []
            for i in 0..<10 {
                arns.append(
                    try #require(
                        try await create(server, owner, "store-\(i)", ["TerminationProtectionEnabled": false])["EventDataStoreArn"] as? String))
            }
            try await server.trailRefused("CreateEventDataStore", ["Name": "store-10"], as: owner, "EventDataStoreMaxLimitExceededException")
            try await server.trailOK("DeleteEventDataStore", ["EventDataStore": arns[0]], as: owner)
            try await server.trailRefused("CreateEventDataStore", ["Name": "store-10"], as: owner, "EventDataStoreMaxLimitExceededException")
            // Another region has its own ten, and its own names.
            let other = try await server.createTenant("names")
            _ = try await create(server, other, "dup")
            try await server.trailRefused("CreateEventDataStore", ["Name": "dup"], as: other, "EventDataStoreAlreadyExistsException")
            let west = try await server.trailOK("CreateEventDataStore", ["Name": "dup"], as: other, region: "eu-west-1")
            #expect((west["EventDataStoreArn"] as? String)?.contains(":eu-west-1:") == true)
            #expect(try await storeRows(server, other.account) == 2)
        }
    }

    @Test func deletionWaitsInPendingDeletionAndRestoreBringsTheStoreBack() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let arn = try #require(try await create(server, owner, "keep")["EventDataStoreArn"] as? String)
            try await server.trailRefused("DeleteEventDataStore", ["EventDataStore": arn], as: owner, "EventDataStoreTerminationProtectedException")
            try await server.trailOK("UpdateEventDataStore", ["EventDataStore": arn, "TerminationProtectionEnabled": false], as: owner)
            try await server.trailOK("DeleteEventDataStore", ["EventDataStore": arn], as: owner)
            #expect(try await server.trailOK("GetEventDataStore", ["EventDataStore": arn], as: owner)["Status"] as? String == "PENDING_DELETION")
            try await server.trailRefused("DeleteEventDataStore", ["EventDataStore": arn], as: owner, "InactiveEventDataStoreException")
            try await server.trailRefused(
                "UpdateEventDataStore", ["EventDataStore": arn, "RetentionPeriod": 30], as: owner, "InactiveEventDataStoreException")
            try await server.trailRefused("StopEventDataStoreIngestion", ["EventDataStore": arn], as: owner, "InactiveEventDataStoreException")
            let restored = try await server.trailOK("RestoreEventDataStore", ["EventDataStore": arn], as: owner)
            #expect(restored["Status"] as? String == "ENABLED")
            try await server.trailRefused("RestoreEventDataStore", ["EventDataStore": arn], as: owner, "InvalidEventDataStoreStatusException")
        }
    }

    @Test func ingestionStopsAndStartsOnlyFromTheRightStatus() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let arn = try #require(try await create(server, owner, "paused", ["StartIngestion": false])["EventDataStoreArn"] as? String)
            #expect(try await server.trailOK("GetEventDataStore", ["EventDataStore": arn], as: owner)["Status"] as? String == "STOPPED_INGESTION")
            try await server.trailRefused("StopEventDataStoreIngestion", ["EventDataStore": arn], as: owner, "InvalidEventDataStoreStatusException")
            try await server.trailOK("StartEventDataStoreIngestion", ["EventDataStore": arn], as: owner)
            #expect(try await server.trailOK("GetEventDataStore", ["EventDataStore": arn], as: owner)["Status"] as? String == "ENABLED")
            try await server.trailRefused("StartEventDataStoreIngestion", ["EventDataStore": arn], as: owner, "InvalidEventDataStoreStatusException")
            try await server.trailOK("StopEventDataStoreIngestion", ["EventDataStore": arn], as: owner)
            let channels = try #require(
                try await create(
                    server, owner, "feed",
                    ["AdvancedEventSelectors": [["FieldSelectors": [["Field": "eventCategory", "Equals": ["ActivityAuditLog"]]]]]]
                )["EventDataStoreArn"] as? String)
            try await server.trailRefused(
                "StopEventDataStoreIngestion", ["EventDataStore": channels], as: owner, "InvalidEventDataStoreCategoryException")
        }
    }

    @Test func updateChangesOnlyWhatItNamesAndKeepsTheRulesOfKindPricingAndKey() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let arn = try #require(try await create(server, owner, "tuned", ["KmsKeyId": "alias/lake"])["EventDataStoreArn"] as? String)
            try await server.trailRefused("UpdateEventDataStore", ["EventDataStore": arn], as: owner, "InvalidParameterException")
            let updated = try await server.trailOK(
                "UpdateEventDataStore", ["EventDataStore": arn, "Name": "renamed", "RetentionPeriod": 30], as: owner)
            #expect(updated["Name"] as? String == "renamed" && updated["RetentionPeriod"] as? Int == 30)
            #expect(updated["MultiRegionEnabled"] as? Bool == true && updated["TerminationProtectionEnabled"] as? Bool == true)
            try await server.trailRefused(
                "UpdateEventDataStore",
                ["EventDataStore": arn, "AdvancedEventSelectors": [["FieldSelectors": [["Field": "eventCategory", "Equals": ["Insight"]]]]]],
                as: owner,
                "InvalidEventSelectorsException")
            try await server.trailRefused(
                "UpdateEventDataStore", ["EventDataStore": arn, "KmsKeyId": "alias/other"], as: owner, "InvalidParameterException")
            try await server.trailRefused(
                "UpdateEventDataStore", ["EventDataStore": arn, "BillingMode": "FIXED_RETENTION_PRICING"], as: owner, "InvalidParameterException")
            let fetched = try await server.trailOK("GetEventDataStore", ["EventDataStore": arn], as: owner)
            #expect(fetched["Name"] as? String == "renamed" && fetched["RetentionPeriod"] as? Int == 30)
            #expect((fetched["KmsKeyId"] as? String)?.hasSuffix(":alias/lake") == true)
        }
    }

    @Test func aStoreAChannelSendsToCannotBeDeleted() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let arn = try #require(
                try await create(
                    server, owner, "feed",
                    [
                        "TerminationProtectionEnabled": false,
                        "AdvancedEventSelectors": [["FieldSelectors": [["Field": "eventCategory", "Equals": ["ActivityAuditLog"]]]]],
                    ]
                )["EventDataStoreArn"] as? String)
            let channel = try #require(
                try await server.trailOK(
                    "CreateChannel", ["Name": "app", "Source": "Custom", "Destinations": [["Type": "EVENT_DATA_STORE", "Location": arn]]], as: owner)[
                        "ChannelArn"]
                    as? String)
            try await server.trailRefused("DeleteEventDataStore", ["EventDataStore": arn], as: owner, "ChannelExistsForEDSException")
            try await server.trailOK("DeleteChannel", ["Channel": channel], as: owner)
            try await server.trailOK("DeleteEventDataStore", ["EventDataStore": arn], as: owner)
        }
    }

    @Test func anOrganizationStoreNeedsTheManagementAccountWithTrustedAccess() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("member")
            try await server.organizationForTrails(management: management, members: [member])
            try await server.trailRefused(
                "CreateEventDataStore", ["Name": "org", "OrganizationEnabled": true], as: member, "NotOrganizationMasterAccountException")
            let created = try await create(server, management, "org", ["OrganizationEnabled": true])
            #expect(created["OrganizationEnabled"] as? Bool == true)
        }
    }

    @Test func storesAreTaggedThroughAddTagsRemoveTagsAndListTagsBesideTrails() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("lake")
            let arn = try #require(
                try await create(server, owner, "tagged", ["TagsList": [["Key": "team", "Value": "audit"]]])["EventDataStoreArn"] as? String)
            let trail = try #require(
                try await server.trailOK("CreateTrail", ["Name": "tagged-trail", "S3BucketName": "lake-logs"], as: owner)["TrailARN"] as? String)
            try await server.trailOK("AddTags", ["ResourceId": arn, "TagsList": [["Key": "stage", "Value": "prod"]]], as: owner)
            try await server.trailOK("RemoveTags", ["ResourceId": arn, "TagsList": [["Key": "team"]]], as: owner)
            let listed = try await server.trailOK("ListTags", ["ResourceIdList": [arn, trail]], as: owner)
            let lists = try #require(listed["ResourceTagList"] as? [[String: Any]])
            #expect(lists.map { $0["ResourceId"] as? String } == [arn, trail])
            #expect((lists[0]["TagsList"] as? [[String: String]]) == [["Key": "stage", "Value": "prod"]])
            let other = try await server.createTenant("other")
            try await server.trailRefused(
                "AddTags", ["ResourceId": arn, "TagsList": [["Key": "x", "Value": "y"]]], as: other, "EventDataStoreARNInvalidException")
        }
    }
}
