import CairnCore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnStore

@Suite struct IAMRepositoryTests {
    let logger = Logger(label: "test")
    let account = AccountId("210987654321")!

    func withAccount(_ body: @escaping @Sendable (Store) async throws -> Void) async throws {
        try await withTestStore { store in
            try await store.transaction(logger: logger) { tx in
                try await tx.accounts.insert(id: account, name: "tenant", email: "tenant@example.com", isOperator: false)
            }
            try await body(store)
        }
    }

    @Test func usersAreUniqueCaseInsensitivelyAndPageByName() async throws {
        try await withAccount { store in
            try await store.transaction(logger: logger) { tx in
                for name in ["carol", "Alice", "bob"] {
                    try await tx.iamUsers.create(account: account, name: name, path: "/", permissionsBoundaryArn: nil, tags: [])
                }
            }
            // A unique violation aborts its transaction, so the duplicate gets one of its own.
            _ = try await store.transaction(logger: logger) { tx in
                await #expect(throws: ServiceError.entityAlreadyExists("User with name ALICE already exists.")) {
                    try await tx.iamUsers.create(account: account, name: "ALICE", path: "/", permissionsBoundaryArn: nil, tags: [])
                }
            }
            try await store.transaction(logger: logger) { tx in
                let first = try await tx.iamUsers.list(account: account, pathPrefix: "/", page: IAMListPage(maxItems: 2))
                #expect(first.items.map(\.name) == ["Alice", "bob"])
                let next = try IAMListPage(marker: first.nextMarker, maxItems: "2")
                let second = try await tx.iamUsers.list(account: account, pathPrefix: "/", page: next)
                #expect(second.items.map(\.name) == ["carol"] && !second.isTruncated)
                #expect(try await tx.iamUsers.find(account: account, name: "ALICE")?.arn == "arn:aws:iam::210987654321:user/Alice")
            }
        }
    }

    @Test func deletingAUserThatOwnsSomethingIsAConflictNamingIt() async throws {
        try await withAccount { store in
            try await store.transaction(logger: logger) { tx in
                let user = try await tx.iamUsers.create(account: account, name: "dave", path: "/", permissionsBoundaryArn: nil, tags: [])
                _ = try await tx.iamAccessKeys.create(for: .user(user))
                await #expect(throws: ServiceError.deleteConflict("Cannot delete entity, must delete access keys first.")) {
                    try await tx.iamUsers.delete(user)
                }
                let key = try await tx.iamAccessKeys.list(for: .user(user))[0]
                #expect(try await tx.iamAccessKeys.delete(key.accessKeyId, for: .user(user)))
                try await tx.iamInlinePolicies.put(kind: .user, ownerId: user.userId, account: account, name: "p", document: "{}")
                await #expect(throws: ServiceError.deleteConflict("Cannot delete entity, must delete policies first.")) {
                    try await tx.iamUsers.delete(user)
                }
                #expect(try await tx.iamInlinePolicies.delete(kind: .user, ownerId: user.userId, name: "p"))
                let group = try await tx.iamGroups.create(account: account, name: "ops", path: "/")
                try await tx.iamGroups.add(user: user, to: group)
                await #expect(throws: ServiceError.deleteConflict("Cannot delete entity, must remove user from all groups first.")) {
                    try await tx.iamUsers.delete(user)
                }
                await #expect(throws: ServiceError.deleteConflict("Cannot delete entity, must remove users from group first.")) {
                    try await tx.iamGroups.delete(group)
                }
                #expect(try await tx.iamGroups.remove(userId: user.userId, from: group.groupId))
                try await tx.iamUsers.delete(user)
                #expect(try await tx.iamUsers.find(account: account, name: "dave") == nil)
            }
        }
    }

    @Test func aUserHasAtMostTwoAccessKeysAndSecretsAreSealed() async throws {
        try await withAccount { store in
            try await store.transaction(logger: logger) { tx in
                let user = try await tx.iamUsers.create(account: account, name: "erin", path: "/", permissionsBoundaryArn: nil, tags: [])
                let a = try await tx.iamAccessKeys.create(for: .user(user))
                _ = try await tx.iamAccessKeys.create(for: .user(user))
                await #expect(throws: ServiceError.limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2")) {
                    _ = try await tx.iamAccessKeys.create(for: .user(user))
                }
                #expect(a.metadata.accessKeyId.hasPrefix("AKIA") && a.secret.count == 40)
                let looked = try await tx.accessKeys.lookup(a.metadata.accessKeyId)
                #expect(looked?.secret == a.secret && looked?.principal.arn == user.arn && looked?.principal.type == .iamUser)
                #expect(try await tx.iamAccessKeys.setStatus(a.metadata.accessKeyId, for: .user(user), status: "Inactive"))
                #expect(try await tx.accessKeys.lookup(a.metadata.accessKeyId)?.active == false)
            }
        }
    }

    @Test func managedPoliciesKeepFiveVersionsAndRefuseDeletionWhileUsed() async throws {
        try await withAccount { store in
            try await store.transaction(logger: logger) { tx in
                let doc = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}]}"#
                let policy = try await tx.iamPolicies.create(account: account, name: "readers", path: "/", description: nil, document: doc, tags: [])
                #expect(policy.arn == "arn:aws:iam::210987654321:policy/readers" && policy.defaultVersionId == "v1")
                for _ in 2...5 { _ = try await tx.iamPolicies.createVersion(of: policy, document: doc, setAsDefault: false) }
                await #expect(throws: ServiceError.self) { _ = try await tx.iamPolicies.createVersion(of: policy, document: doc, setAsDefault: true) }
                try await tx.iamPolicies.setDefault(policy.arn, versionId: "v5")
                await #expect(throws: ServiceError.deleteConflict("Cannot delete the default version of a policy.")) {
                    try await tx.iamPolicies.deleteVersion(policy.arn, versionId: "v5")
                }
                let user = try await tx.iamUsers.create(account: account, name: "frank", path: "/", permissionsBoundaryArn: nil, tags: [])
                let seen = try await tx.iamPolicies.require(policy.arn, seenBy: account)
                try await tx.iamPolicies.attach(seen, to: .user, id: user.userId, account: account)
                try await tx.iamPolicies.attach(seen, to: .user, id: user.userId, account: account)
                let attached = try await tx.iamPolicies.require(policy.arn, seenBy: account)
                #expect(attached.attachmentCount == 1 && attached.defaultVersionId == "v5")
                await #expect(throws: ServiceError.deleteConflict("Cannot delete a policy attached to entities.")) {
                    try await tx.iamPolicies.delete(attached)
                }
                #expect(try await tx.iamPolicies.detach(policy.arn, from: .user, id: user.userId))
                let detached = try await tx.iamPolicies.require(policy.arn, seenBy: account)
                await #expect(throws: ServiceError.self) { try await tx.iamPolicies.delete(detached) }
                for v in ["v1", "v2", "v3", "v4"] { try await tx.iamPolicies.deleteVersion(policy.arn, versionId: v) }
                try await tx.iamPolicies.delete(detached)
                #expect(try await tx.iamPolicies.find(policy.arn, seenBy: account) == nil)
                try await tx.iamPolicies.create(account: account, name: "names", path: "/", description: nil, document: doc, tags: [])
            }
            _ = try await store.transaction(logger: logger) { tx in
                await #expect(throws: ServiceError.entityAlreadyExists("A policy called NAMES already exists. Duplicate names are not allowed.")) {
                    try await tx.iamPolicies.create(account: account, name: "NAMES", path: "/other/", description: nil, document: "{}", tags: [])
                }
            }
        }
    }

    @Test func awsManagedPoliciesAreSeededAndSeenByEveryAccount() async throws {
        try await withAccount { store in
            try await store.transaction(logger: logger) { tx in
                let aws = try await tx.iamPolicies.list(account: account, filter: ManagedPolicyFilter(scope: .aws), page: IAMListPage())
                #expect(
                    Set(aws.items.map(\.name)) == [
                        "AdministratorAccess", "ReadOnlyAccess", "AWSCloudTrail_FullAccess", "AWSCloudTrail_ReadOnlyAccess",
                        // The service-linked roles' policies (migration 0033), under /aws-service-role/.
                        "CloudTrailServiceRolePolicy", "AWSOrganizationsServiceTrustPolicy", "AccessAnalyzerServiceRolePolicy",
                    ])
                for p in aws.items {
                    #expect(p.account == nil && p.arn == "arn:aws:iam::aws:policy\(p.path)\(p.name)" && p.defaultVersionId == "v1")
                    let v = try #require(try await tx.iamPolicies.version(of: p.arn, id: "v1"))
                    #expect(v.isDefault && v.document.contains("2012-10-17"))
                }
                let local = try await tx.iamPolicies.list(account: account, filter: ManagedPolicyFilter(scope: .local), page: IAMListPage())
                #expect(local.items.isEmpty)
            }
        }
    }

    @Test func everyIAMChangeBumpsTheAccountsPolicyEpoch() async throws {
        try await withAccount { store in
            func epoch() async throws -> Int {
                try await store.read(logger: logger) { tx in
                    var n = -1
                    for try await e in try await tx.query("SELECT policy_epoch FROM accounts WHERE id = \(account.value)").decode(Int.self) { n = e }
                    return n
                }
            }
            let before = try await epoch()
            try await store.transaction(logger: logger) { tx in
                let user = try await tx.iamUsers.create(account: account, name: "gina", path: "/", permissionsBoundaryArn: nil, tags: [])
                let admin = try await tx.iamPolicies.require("arn:aws:iam::aws:policy/AdministratorAccess", seenBy: account)
                try await tx.iamPolicies.attach(admin, to: .user, id: user.userId, account: account)
            }
            #expect(try await epoch() >= before + 2)
        }
    }
}
