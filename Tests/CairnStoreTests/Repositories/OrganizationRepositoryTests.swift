import CairnCore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnStore

/// The organization store: the SCP path the authorizer reads, the epoch that invalidates it, and the limits
/// PostgreSQL enforces under concurrency.
@Suite struct OrganizationRepositoryTests {
    let logger = Logger(label: "test")
    static let denyStop = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"cloudtrail:StopLogging","Resource":"*"}]}"#

    func account(_ store: Store, _ name: String) async throws -> AccountRecord {
        try await store.transaction(logger: logger) { tx in
            let id = try #require(try await tx.accounts.insertIfNew(name: name, email: "\(name)@example.com"))
            return try #require(try await tx.accounts.find(id))
        }
    }

    func organization(_ store: Store, management: AccountRecord) async throws -> OrganizationRecord {
        try await store.transaction(logger: logger) { tx in try await tx.organizations.create(management: management, featureSet: "ALL") }
    }

    func epoch(_ store: Store, _ org: OrganizationRecord) async throws -> Int64 {
        try await store.read(logger: logger) { tx in
            try #require(try await tx.organizations.standing(of: org.managementAccount).organization).policyEpoch
        }
    }

    @Test func standaloneAccountsHaveNoSCPPath() async throws {
        try await withTestStore { store in
            let a = try await account(store, "alone")
            let path = try await store.read(logger: logger) { tx in try await tx.organizations.scpPath(for: a.id) }
            #expect(path == nil)
        }
    }

    @Test func theSCPPathListsDocumentsRootFirstThenEachOUThenTheAccount() async throws {
        try await withTestStore { store in
            let mgmt = try await account(store, "mgmt")
            let member = try await account(store, "member")
            let org = try await organization(store, management: mgmt)
            let noSCPs = try await store.read(logger: logger) { tx in try await tx.organizations.scpPath(for: mgmt.id) }
            #expect(noSCPs?.levels == [] && noSCPs?.orgPaths == ["\(org.id)/\(org.rootId)/"])
            let (top, inner, policy) = try await store.transaction(logger: logger) { tx in
                try await tx.organizations.addMember(org, account: member.id, joinedMethod: "INVITED")
                try await tx.organizations.enablePolicyType(org, OrganizationPolicyTypes.serviceControl)
                let enabled = try #require(try await tx.organizations.standing(of: mgmt.id).organization)
                let top = try await tx.organizations.createOrganizationalUnit(enabled, parent: org.rootId, name: "Top")
                let inner = try await tx.organizations.createOrganizationalUnit(enabled, parent: top.id, name: "Inner")
                try await tx.organizations.moveMember(enabled, account: member.id, to: inner.id)
                let p = try await tx.organizations.createPolicy(
                    enabled, type: "SERVICE_CONTROL_POLICY", name: "NoStop", description: "", content: Self.denyStop)
                try await tx.organizations.attach(enabled, policy: p, target: inner.id)
                return (top, inner, p)
            }
            let path = try #require(try await store.read(logger: logger) { tx in try await tx.organizations.scpPath(for: member.id) })
            #expect(path.organizationId == org.id && path.managementAccount == mgmt.id)
            #expect(path.orgPaths == ["\(org.id)/\(org.rootId)/\(top.id)/\(inner.id)/"])
            #expect(path.levels.count == 4)
            let full = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
            #expect(path.levels[0] == [full] && path.levels[1] == [full] && path.levels[3] == [full])
            #expect(Set(path.levels[2]) == [full, policy.content])
        }
    }

    @Test func everySCPTreeOrMembershipChangeBumpsTheEpoch() async throws {
        try await withTestStore { store in
            let mgmt = try await account(store, "mgmt")
            let member = try await account(store, "member")
            let org = try await organization(store, management: mgmt)
            var last = try await epoch(store, org)
            func bumped(_ change: @Sendable (Transaction, OrganizationRecord) async throws -> Void) async throws -> Bool {
                try await store.transaction(logger: logger) { tx in
                    let current = try #require(try await tx.organizations.standing(of: mgmt.id).organization)
                    try await change(tx, current)
                }
                let now = try await epoch(store, org)
                defer { last = now }
                return now > last
            }
            #expect(try await bumped { tx, o in try await tx.organizations.enablePolicyType(o, OrganizationPolicyTypes.serviceControl) })
            #expect(try await bumped { tx, o in try await tx.organizations.addMember(o, account: member.id, joinedMethod: "INVITED") })
            #expect(try await bumped { tx, o in _ = try await tx.organizations.createOrganizationalUnit(o, parent: o.rootId, name: "A") })
            #expect(
                try await bumped { tx, o in
                    _ = try await tx.organizations.createPolicy(o, type: "SERVICE_CONTROL_POLICY", name: "P", description: "", content: Self.denyStop)
                })
            let p = try await store.read(logger: logger) { tx in
                try await tx.organizations.policies(
                    try #require(try await tx.organizations.standing(of: mgmt.id).organization), type: "SERVICE_CONTROL_POLICY"
                )
                .first { $0.name == "P" }!
            }
            #expect(try await bumped { tx, o in try await tx.organizations.attach(o, policy: p, target: member.id.value) })
            #expect(
                try await bumped { tx, o in
                    _ = try await tx.organizations.updatePolicy(o, id: p.id, name: nil, description: nil, content: Self.denyStop + " ")
                })
            #expect(try await bumped { tx, o in try await tx.organizations.removeMember(o, account: member.id) })
            #expect(try await bumped { tx, o in try await tx.organizations.disablePolicyType(o, OrganizationPolicyTypes.serviceControl) })
        }
    }

    @Test func ousNestAtMostFiveLevels() async throws {
        try await withTestStore { store in
            let mgmt = try await account(store, "mgmt")
            let org = try await organization(store, management: mgmt)
            let refusal = await #expect(throws: ServiceError.self) {
                try await store.transaction(logger: logger) { tx in
                    var parent = org.rootId
                    for level in 1...6 {
                        parent = try await tx.organizations.createOrganizationalUnit(org, parent: parent, name: "L\(level)").id
                    }
                }
            }
            #expect(refusal?.reason == "OU_DEPTH_LIMIT_EXCEEDED")
        }
    }

    @Test func concurrentRegistrationsNeverExceedThreeCloudTrailDelegatedAdministrators() async throws {
        try await withTestStore { store in
            let mgmt = try await account(store, "mgmt")
            let org = try await organization(store, management: mgmt)
            var members: [AccountId] = []
            for i in 0..<6 { members.append(try await account(store, "m\(i)").id) }
            try await store.transaction(logger: logger) { tx in
                for m in members { try await tx.organizations.addMember(org, account: m, joinedMethod: "INVITED") }
                try await tx.organizations.enableServiceAccess(org, "cloudtrail.amazonaws.com")
            }
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for m in members {
                    group.addTask {
                        do {
                            try await store.transaction(logger: logger) { tx in
                                let locked = try #require(try await tx.organizations.standing(of: mgmt.id, lock: true).organization)
                                try await tx.organizations.registerDelegatedAdministrator(
                                    locked, account: m, servicePrincipal: "cloudtrail.amazonaws.com")
                            }
                            return true
                        } catch { return false }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 3)
            let registered = try await store.read(logger: logger) { tx in
                try await tx.organizations.delegatedAdministrators(org, servicePrincipal: "cloudtrail.amazonaws.com").count
            }
            #expect(registered == 3)
        }
    }

    @Test func aDelegatedAdministratorCannotBeRemovedAndTheDatabaseAgrees() async throws {
        try await withTestStore { store in
            let mgmt = try await account(store, "mgmt")
            let member = try await account(store, "member")
            let org = try await organization(store, management: mgmt)
            try await store.transaction(logger: logger) { tx in
                try await tx.organizations.addMember(org, account: member.id, joinedMethod: "INVITED")
                try await tx.organizations.enableServiceAccess(org, "cloudtrail.amazonaws.com")
                try await tx.organizations.registerDelegatedAdministrator(org, account: member.id, servicePrincipal: "cloudtrail.amazonaws.com")
            }
            let refusal = await #expect(throws: ServiceError.self) {
                try await store.transaction(logger: logger) { tx in try await tx.organizations.removeMember(org, account: member.id) }
            }
            #expect(refusal?.reason == "CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG")
            // Even a raw delete is refused by the foreign key.
            await #expect(throws: (any Error).self) {
                try await store.transaction(logger: logger) { tx in
                    try await tx.query("DELETE FROM organization_members WHERE account_id = \(member.id.value)")
                }
            }
            #expect(
                try await store.read(logger: logger) { tx in
                    try await tx.organizations.isDelegatedAdministrator(account: member.id, servicePrincipal: "cloudtrail.amazonaws.com")
                })
        }
    }
}
