import CairnCore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnStore

@Suite struct SessionRepositoryTests {
    let logger = Logger(label: "test")

    @Test func sessionsAreStoredSealedAndPurgedOnlyLongAfterExpiry() async throws {
        try await withTestStore { store in
            let account = AccountId("123456789012")!
            let (old, fresh) = try await store.transaction(logger: logger) { tx in
                try await tx.accounts.insert(id: account, name: "t", email: "t@example.com", isOperator: false)
                let role = try await tx.roles.create(account: account, name: "R", trustPolicy: #"{"Version":"2012-10-17","Statement":[]}"#)
                let old = try await tx.sessions.issue(
                    role: role, sessionName: "old", duration: 900, sessionPolicy: nil, policyArns: [], tags: [:],
                    sourceIdentity: nil, issuedBy: "arn:aws:iam::123456789012:user/u", now: Date().addingTimeInterval(-3 * 86_400))
                let fresh = try await tx.sessions.issue(
                    role: role, sessionName: "fresh", duration: 900, sessionPolicy: nil, policyArns: [], tags: ["team": "ci"],
                    sourceIdentity: nil, issuedBy: "arn:aws:iam::123456789012:user/u", now: Date())
                return (old, fresh)
            }
            let stored = try await store.read(logger: logger) { tx in try await tx.accessKeys.lookup(fresh.accessKeyId) }
            #expect(stored?.secret == fresh.secret && stored?.principal.tags == ["team": "ci"])
            #expect(stored?.sessionTokenSHA256 != nil && stored?.sessionTokenSHA256 != fresh.sessionToken, "only the token's hash is stored")
            try await store.transaction(logger: logger) { tx in try await tx.sessions.purgeExpired(before: Date().addingTimeInterval(-86_400)) }
            #expect(try await store.read(logger: logger) { tx in try await tx.accessKeys.lookup(old.accessKeyId) } == nil)
            #expect(try await store.read(logger: logger) { tx in try await tx.accessKeys.lookup(fresh.accessKeyId) } != nil)
        }
    }
}
