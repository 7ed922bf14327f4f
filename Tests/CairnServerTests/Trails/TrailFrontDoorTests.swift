import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

/// The CloudTrail door's trail API against a live server: trails stored once and seen everywhere they reach.
@Suite struct TrailFrontDoorTests {
    func trailRows(_ server: TestServer) async throws -> Int {
        try await server.store.read(logger: Logger(label: "t")) { tx in
            var n = 0
            for try await c in try await tx.query("SELECT count(*)::int8 FROM trails").decode(Int64.self) { n = Int(c) }
            return n
        }
    }

    @Test func aMultiRegionTrailIsOneRowSeenInEveryRegionIncludingOneAddedLater() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            let created = try await server.trailOK(
                "CreateTrail", ["Name": "everywhere", "S3BucketName": "audit-logs", "IsMultiRegionTrail": true], as: owner)
            let arn = try #require(created["TrailARN"] as? String)
            #expect(arn == "arn:aws:cloudtrail:us-east-1:\(owner.account):trail/everywhere")
            #expect(created["HomeRegion"] == nil && created["IncludeGlobalServiceEvents"] as? Bool == true)
            // Another region: the same ARN and home region, and a shadow (dropped without includeShadowTrails).
            let far = try await server.trailOK("GetTrail", ["Name": arn], as: owner, region: "ap-northeast-1")
            #expect((far["Trail"] as? [String: Any])?["HomeRegion"] as? String == "us-east-1")
            #expect(try await server.visibleTrailARNs(as: owner, region: "eu-west-1") == [arn])
            #expect(try await server.visibleTrailARNs(as: owner, region: "eu-west-1", shadows: false) == [])
            // By name only at home.
            try await server.trailRefused(
                "GetTrail", ["Name": "everywhere"], as: owner, region: "eu-west-1", "TrailNotFoundException",
                message: "Unknown trail: everywhere for the user: \(owner.account)")
            // A region added while serving shows it at once, with no write to the trail.
            let added = try await server.send(.post, "/v1/regions", body: #"{"name": "sa-east-9"}"#, headers: ["content-type": "application/json"])
            #expect(added.status.code == 201)
            #expect(try await server.visibleTrailARNs(as: owner, region: "sa-east-9") == [arn])
            #expect(try await trailRows(server) == 1)
            // Writes belong to the home region.
            try await server.trailRefused("StartLogging", ["Name": arn], as: owner, region: "sa-east-9", "InvalidHomeRegionException")
            try await server.trailOK("StartLogging", ["Name": arn], as: owner)
            let status = try await server.trailOK("GetTrailStatus", ["Name": arn], as: owner, region: "sa-east-9")
            #expect(status["IsLogging"] as? Bool == true && status["StartLoggingTime"] is Double)
        }
    }

    @Test func aSingleRegionTrailDoesNotExistOutsideItsHomeRegion() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            let arn = try #require(
                try await server.trailOK("CreateTrail", ["Name": "local", "S3BucketName": "audit-logs"], as: owner)["TrailARN"] as? String)
            #expect(try await server.visibleTrailARNs(as: owner, region: "us-west-2") == [])
            try await server.trailRefused("GetTrail", ["Name": arn], as: owner, region: "us-west-2", "TrailNotFoundException")
            // Another account never sees it, by name or ARN.
            let stranger = try await server.createTenant("stranger")
            try await server.trailRefused("GetTrail", ["Name": arn], as: stranger, "TrailNotFoundException")
            #expect(try await server.visibleTrailARNs(as: stranger) == [])
        }
    }

    @Test func fiveTrailsPerRegionAndAMultiRegionTrailCountsInEveryRegion() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            try await server.trailOK("CreateTrail", ["Name": "global-1", "S3BucketName": "b-logs", "IsMultiRegionTrail": true], as: owner)
            for i in 1...4 {
                try await server.trailOK("CreateTrail", ["Name": "west-\(i)", "S3BucketName": "b-logs"], as: owner, region: "us-west-2")
            }
            try await server.trailRefused(
                "CreateTrail", ["Name": "west-5", "S3BucketName": "b-logs"], as: owner, region: "us-west-2",
                "MaximumNumberOfTrailsExceededException", message: "User: \(owner.account) already has 5 trails in us-west-2.")
            // A second multi-region trail would be a sixth in us-west-2, wherever it is created.
            try await server.trailRefused(
                "CreateTrail", ["Name": "global-2", "S3BucketName": "b-logs", "IsMultiRegionTrail": true], as: owner,
                "MaximumNumberOfTrailsExceededException", message: "User: \(owner.account) already has 5 trails in us-west-2.")
            // Converting a single-region trail elsewhere is refused for the same reason, and changes nothing.
            let local = try #require(
                try await server.trailOK("CreateTrail", ["Name": "east-1", "S3BucketName": "b-logs"], as: owner)["TrailARN"] as? String)
            try await server.trailRefused(
                "UpdateTrail", ["Name": local, "IsMultiRegionTrail": true], as: owner, "MaximumNumberOfTrailsExceededException")
            let after = try await server.trailOK("GetTrail", ["Name": local], as: owner)
            #expect((after["Trail"] as? [String: Any])?["IsMultiRegionTrail"] as? Bool == false)
            #expect(try await trailRows(server) == 6)
        }
    }

    @Test func anOrganizationTrailReachesEveryMemberAtOnceAndOnlyWhileItIsAMember() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("member")
            let later = try await server.createTenant("later")
            try await server.organizationForTrails(management: management, members: [member])
            let created = try await server.trailOK(
                "CreateTrail", ["Name": "org-trail", "S3BucketName": "org-logs", "IsOrganizationTrail": true, "IsMultiRegionTrail": true],
                as: management)
            let arn = try #require(created["TrailARN"] as? String)
            #expect(created["IsOrganizationTrail"] as? Bool == true)
            #expect(try await server.visibleTrailARNs(as: member, region: "eu-central-1") == [arn])
            #expect(try await server.visibleTrailARNs(as: member, shadows: false) == [])
            // By name it is the member's own namespace: not found. By ARN it is readable.
            try await server.trailRefused("GetTrail", ["Name": "org-trail"], as: member, "TrailNotFoundException")
            try await server.trailOK("GetTrailStatus", ["Name": arn], as: member)
            // Every write from the member is refused and changes nothing.
            try await server.trailRefused("UpdateTrail", ["Name": arn, "S3KeyPrefix": "mine"], as: member, "NotOrganizationMasterAccountException")
            try await server.trailRefused("StopLogging", ["Name": arn], as: member, "NotOrganizationMasterAccountException")
            try await server.trailRefused("DeleteTrail", ["Name": arn], as: member, "NotOrganizationMasterAccountException")
            try await server.trailRefused(
                "PutEventSelectors", ["TrailName": arn, "EventSelectors": [["ReadWriteType": "ReadOnly"]]], as: member,
                "NotOrganizationMasterAccountException")
            try await server.trailRefused("AddTags", ["ResourceId": arn, "TagsList": [["Key": "k"]]], as: member, "CloudTrailARNInvalidException")
            let trail = try await server.trailOK("GetTrail", ["Name": arn], as: management)
            #expect((trail["Trail"] as? [String: Any])?["S3KeyPrefix"] == nil)
            // It never counts against the member's limit.
            for i in 1...5 { try await server.trailOK("CreateTrail", ["Name": "own-\(i)", "S3BucketName": "own-logs"], as: member) }
            #expect(try await server.visibleTrailARNs(as: member).count == 6)
            // An account that joins sees it at once; one that leaves stops seeing it.
            #expect(try await server.visibleTrailARNs(as: later) == [])
            let invite = try await server.ok("InviteAccountToOrganization", ["Target": ["Type": "ACCOUNT", "Id": later.account]], as: management)
            try await server.ok(
                "AcceptHandshake", ["HandshakeId": try #require((invite["Handshake"] as? [String: Any])?["Id"] as? String)], as: later)
            #expect(try await server.visibleTrailARNs(as: later) == [arn])
            try await server.ok("LeaveOrganization", as: later)
            #expect(try await server.visibleTrailARNs(as: later) == [])
            try await server.trailRefused("GetTrail", ["Name": arn], as: later, "TrailNotFoundException")
            // ListTrails: the member's own trails and the organization trail, each with its home region.
            let listed = try await server.trailOK("ListTrails", as: member)
            #expect((listed["Trails"] as? [[String: Any]])?.count == 6)
        }
    }

    @Test func organizationTrailPrerequisitesAreCheckedInTheDocumentedOrder() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("member")
            let org: [String: Any] = ["Name": "org-trail", "S3BucketName": "org-logs", "IsOrganizationTrail": true]
            try await server.trailRefused("CreateTrail", org, as: management, "OrganizationsNotInUseException")
            try await server.ok("CreateOrganization", ["FeatureSet": "CONSOLIDATED_BILLING"], as: management)
            try await server.trailRefused("CreateTrail", org, as: management, "OrganizationNotInAllFeaturesModeException")
            try await server.ok("DeleteOrganization", as: management)
            try await server.ok("CreateOrganization", ["FeatureSet": "ALL"], as: management)
            let invite = try await server.ok("InviteAccountToOrganization", ["Target": ["Type": "ACCOUNT", "Id": member.account]], as: management)
            try await server.ok(
                "AcceptHandshake", ["HandshakeId": try #require((invite["Handshake"] as? [String: Any])?["Id"] as? String)], as: member)
            try await server.trailRefused(
                "CreateTrail", org, as: member, "NotOrganizationMasterAccountException",
                message:
                    "You cannot configure or manage trails for an organization because this action requires being signed in with the management account."
            )
            try await server.trailRefused("CreateTrail", org, as: management, "CloudTrailAccessNotEnabledException")
            try await server.ok("EnableAWSServiceAccess", ["ServicePrincipal": "cloudtrail.amazonaws.com"], as: management)
            // A delegated administrator before the management account ever made the service-linked role.
            try await server.trailOK("RegisterOrganizationDelegatedAdmin", ["MemberAccountId": member.account], as: management)
            try await server.trailRefused("CreateTrail", org, as: member, "NoManagementAccountSLRExistsException")
            #expect(try await trailRows(server) == 0)
            // The management account's first organization trail creates the role; then the delegate may create one,
            // owned by the management account.
            try await server.trailOK("CreateTrail", org, as: management)
            let delegated = try await server.trailOK(
                "CreateTrail", ["Name": "delegated", "S3BucketName": "org-logs", "IsOrganizationTrail": true], as: member)
            #expect(delegated["TrailARN"] as? String == "arn:aws:cloudtrail:us-east-1:\(management.account):trail/delegated")
            // The delegate may change it by ARN but not convert it back to an account trail.
            let arn = try #require(delegated["TrailARN"] as? String)
            try await server.trailOK("UpdateTrail", ["Name": arn, "S3KeyPrefix": "delegated"], as: member)
            try await server.trailRefused(
                "UpdateTrail", ["Name": arn, "IsOrganizationTrail": false], as: member, "NotOrganizationMasterAccountException")
        }
    }

    @Test func deletingTheOrganizationTurnsItsTrailsIntoAccountTrails() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("member")
            try await server.organizationForTrails(management: management, members: [member])
            let arn = try #require(
                try await server.trailOK(
                    "CreateTrail", ["Name": "org-trail", "S3BucketName": "org-logs", "IsOrganizationTrail": true], as: management)["TrailARN"]
                    as? String)
            try await server.ok("RemoveAccountFromOrganization", ["AccountId": member.account], as: management)
            #expect(try await server.visibleTrailARNs(as: member) == [])
            try await server.ok("DeleteOrganization", as: management)
            let trail = try await server.trailOK("GetTrail", ["Name": "org-trail"], as: management)
            #expect((trail["Trail"] as? [String: Any])?["IsOrganizationTrail"] as? Bool == false)
            #expect((trail["Trail"] as? [String: Any])?["TrailARN"] as? String == arn)
        }
    }

    @Test func listTagsIsAuthorizedOnEveryTrailItNames() async throws {
        try await withTestServer { server in
            for name in ["mine", "theirs"] {
                try await server.trailOK("CreateTrail", ["Name": name, "S3BucketName": "tag-logs", "TagsList": [["Key": "team", "Value": name]]])
            }
            let arn = { (name: String) in "arn:aws:cloudtrail:us-east-1:\(server.operatorAccount.value):trail/\(name)" }
            let alice = try await server.createUser("alice", inline: [policy("Allow", "cloudtrail:ListTags", resource: arn("mine"))])
            let tenant = Tenant(account: server.operatorAccount.value, credentials: alice.credentials)
            let one = try await server.trailOK("ListTags", ["ResourceIdList": [arn("mine")]], as: tenant)
            #expect(((one["ResourceTagList"] as? [[String: Any]])?.first?["TagsList"] as? [[String: Any]])?.first?["Value"] as? String == "mine")
            let (status, body) = try await server.cloudTrail("ListTags", ["ResourceIdList": [arn("mine"), arn("theirs")]], as: tenant)
            #expect(status == 400 || status == 403)
            #expect(body["__type"] as? String == "AccessDeniedException", "\(body)")
        }
    }

    @Test func everyTrailCallIsRecordedIncludingRefusals() async throws {
        try await withTestServer { server in
            try await server.trailOK("CreateTrail", ["Name": "audited", "S3BucketName": "audit-logs"])
            try await server.trailRefused("CreateTrail", ["Name": "-bad", "S3BucketName": "audit-logs"], "InvalidTrailNameException")
            let events = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 10)
            }
            let creates = events.filter { $0.eventName == "CreateTrail" }
            #expect(creates.count == 2)
            #expect(creates.contains { $0.errorCode == "InvalidTrailNameException" })
            #expect(creates.contains { $0.errorCode == nil && $0.resources?.first?.ARN.hasSuffix(":trail/audited") == true })
        }
    }

    @Test func statusIsPerRegionAndAMemberSeesNoDeliveryErrors() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("member")
            try await server.organizationForTrails(management: management, members: [member])
            let created = try await server.trailOK(
                "CreateTrail", ["Name": "org-trail", "S3BucketName": "org-logs", "IsOrganizationTrail": true, "IsMultiRegionTrail": true],
                as: management)
            let arn = try #require(created["TrailARN"] as? String)
            let fresh = try await server.trailOK("GetTrailStatus", ["Name": "org-trail"], as: management)
            #expect(fresh["IsLogging"] as? Bool == false && fresh["StartLoggingTime"] == nil)
            #expect(fresh["TimeLoggingStarted"] as? String == "" && fresh["LatestDeliveryAttemptTime"] as? String == "")
            // The delivery stage reports a failure in us-east-1 only.
            try await server.store.transaction(logger: Logger(label: "t")) { tx in
                let trail = try #require(try await tx.trails.owned(by: management.account).first)
                try await tx.trails.recordDelivery(trailId: trail.id, region: "us-east-1", at: Date(), error: "AccessDenied")
            }
            let home = try await server.trailOK("GetTrailStatus", ["Name": arn], as: management)
            #expect(home["LatestDeliveryError"] as? String == "AccessDenied" && (home["LatestDeliveryAttemptTime"] as? String)?.isEmpty == false)
            let elsewhere = try await server.trailOK("GetTrailStatus", ["Name": arn], as: management, region: "eu-west-1")
            #expect(elsewhere["LatestDeliveryError"] == nil)
            let memberView = try await server.trailOK("GetTrailStatus", ["Name": arn], as: member)
            #expect(memberView["LatestDeliveryError"] == nil && memberView["IsLogging"] as? Bool == false)
        }
    }
}
