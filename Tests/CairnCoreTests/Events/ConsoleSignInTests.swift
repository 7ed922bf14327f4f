import CairnPolicy
import Foundation
import Testing

@testable import CairnCore

/// ConsoleLogin as CloudTrail records it (docs/console.md): the outcome in responseElements, a refusal's reason only
/// in errorMessage, and who signed in named no more than AWS names them.
@Suite struct ConsoleSignInTests {
    let account = AccountId("123456789012")!
    var alice: Principal {
        Principal(
            type: .iamUser, account: account, arn: "arn:aws:iam::123456789012:user/alice", principalId: "AIDAALICE", accessKeyId: "",
            userName: "alice")
    }

    func signIn(
        _ principal: Principal?, _ outcome: ConsoleSignIn.Outcome, mfa: String? = nil, method: ConsoleSignIn.Method = .password
    )
        -> EventRecord
    {
        ConsoleSignIn(
            account: account, principal: principal, method: method, outcome: outcome, mfaSerialNumber: mfa,
            loginTo: "https://cairn.example/console/events", sourceIP: "198.51.100.7", userAgent: "Mozilla/5.0",
            time: Date(timeIntervalSince1970: 1_800_000_000)
        ).record()
    }

    @Test func aSuccessNamesTheUserAndSaysWhetherMFAWasUsed() {
        let record = signIn(alice, .success, mfa: "arn:aws:iam::123456789012:mfa/alice-phone")
        #expect(record.eventSource == "signin.amazonaws.com" && record.eventName == "ConsoleLogin")
        #expect(record.eventType == "AwsConsoleSignIn" && record.awsRegion == "us-east-1" && !record.readOnly)
        #expect(record.requestID == nil && record.requestParameters == nil && record.errorCode == nil && record.errorMessage == nil)
        #expect(record.responseElements == .object(["ConsoleLogin": .string("Success")]))
        #expect(record.additionalEventData?["MFAUsed"] == .string("Yes"))
        #expect(record.additionalEventData?["MFAIdentifier"] == .string("arn:aws:iam::123456789012:mfa/alice-phone"))
        #expect(record.additionalEventData?["MobileVersion"] == .string("No"))
        #expect(record.userIdentity.arn == alice.arn && record.userIdentity.accessKeyId == "")
        #expect(record.recipientAccountId == "123456789012")
    }

    @Test func aWrongPasswordIsFailedAuthenticationWithoutAnErrorCodeOrTheARN() {
        let record = signIn(alice, .failedAuthentication)
        #expect(record.responseElements == .object(["ConsoleLogin": .string("Failure")]))
        #expect(record.errorMessage == "Failed authentication" && record.errorCode == nil)
        #expect(record.userIdentity.arn == nil && record.userIdentity.userName == "alice")
        #expect(record.additionalEventData?["MFAUsed"] == .string("No") && record.additionalEventData?["MFAIdentifier"] == nil)
    }

    @Test func anUnknownUserIsHiddenAsAWSHidesIt() {
        let record = signIn(nil, .unknownUser)
        #expect(record.userIdentity.userName == "HIDDEN_DUE_TO_SECURITY_REASONS")
        #expect(record.userIdentity.arn == nil && record.userIdentity.accountId == "123456789012")
        #expect(record.errorMessage == "Failed authentication")
    }

    @Test func anAccessKeySignInNamesTheKeyThatWasUsed() {
        let root = Principal.root(of: account, partition: "aws", accessKeyId: "AKIAROOTKEY000000001")
        let record = signIn(root, .success, method: .accessKey)
        #expect(record.userIdentity.type == "Root" && record.userIdentity.accessKeyId == "AKIAROOTKEY000000001")
    }
}
