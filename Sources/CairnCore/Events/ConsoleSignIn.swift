package import CairnPolicy
package import Foundation

/// A sign-in to the console as CloudTrail records it (`signin.amazonaws.com` ConsoleLogin, eventType
/// AwsConsoleSignIn): no requestID, no requestParameters, the outcome as `{"ConsoleLogin": "Success"|"Failure"}`,
/// a failure's reason only as errorMessage, and the PascalCase additionalEventData AWS writes. Recorded in us-east-1,
/// where AWS has recorded sign-in events since November 2021.
package struct ConsoleSignIn: Sendable {
    /// How the caller proved who they are. AWS has only passwords; Cairn also takes an access key pair, recorded
    /// with the key's id in userIdentity (docs/console.md).
    package enum Method: Sendable { case password, accessKey }

    package enum Outcome: Sendable, Equatable {
        case success
        /// A known principal whose proof failed: AWS's "Failed authentication".
        case failedAuthentication
        /// A user name the account does not have: the name is hidden, as AWS hides it.
        case unknownUser
        /// Anything else that refused the sign-in (a missing MFA code, a suspended account), in its own words.
        case refused(String)
    }

    package static let hiddenUserName = "HIDDEN_DUE_TO_SECURITY_REASONS"

    package let account: AccountId
    /// The principal signing in; for an unknown user, nil.
    package let principal: Principal?
    package let method: Method
    package let outcome: Outcome
    /// The MFA device whose code was checked, when one was.
    package let mfaSerialNumber: String?
    package let loginTo: String
    package let sourceIP: String
    package let userAgent: String
    package let time: Date

    package init(
        account: AccountId, principal: Principal?, method: Method, outcome: Outcome, mfaSerialNumber: String?, loginTo: String,
        sourceIP: String, userAgent: String, time: Date
    ) {
        self.account = account
        self.principal = principal
        self.method = method
        self.outcome = outcome
        self.mfaSerialNumber = mfaSerialNumber
        self.loginTo = loginTo
        self.sourceIP = sourceIP
        self.userAgent = userAgent
        self.time = time
    }

    /// What the sign-in page says of a refusal: never which part of the proof was wrong.
    package var message: String? {
        switch outcome {
        case .success: nil
        case .failedAuthentication, .unknownUser: "Failed authentication"
        case .refused(let reason): reason
        }
    }

    package func record(eventId: String = CallIdentifier.next()) -> EventRecord {
        let succeeded = outcome == .success
        var additional: JSONObject = [
            "LoginTo": .string(loginTo), "MobileVersion": .string("No"), "MFAUsed": .string(mfaSerialNumber == nil ? "No" : "Yes"),
        ]
        if let mfaSerialNumber { additional["MFAIdentifier"] = .string(mfaSerialNumber) }
        return EventRecord(
            userIdentity: identity, eventTime: EventRecord.timestamp(time), eventSource: "signin.amazonaws.com", eventName: "ConsoleLogin",
            awsRegion: "us-east-1", sourceIPAddress: sourceIP, userAgent: userAgent, errorCode: nil, errorMessage: message,
            requestParameters: nil, responseElements: .object(["ConsoleLogin": .string(succeeded ? "Success" : "Failure")]),
            additionalEventData: .object(additional), requestID: nil, eventID: eventId, readOnly: false, resources: nil,
            eventType: "AwsConsoleSignIn", recipientAccountId: account.value)
    }

    /// A success names the principal in full; a failure leaves out the ARN and writes an empty access key id, and an
    /// unknown user is only `HIDDEN_DUE_TO_SECURITY_REASONS`.
    private var identity: EventRecord.UserIdentity {
        guard let principal else {
            return .init(
                type: "IAMUser", principalId: "", arn: nil, accountId: account.value, accessKeyId: "", userName: Self.hiddenUserName,
                sessionContext: nil)
        }
        let keyId = method == .accessKey ? principal.accessKeyId : ""
        return .init(
            type: principal.type.rawValue, principalId: principal.principalId, arn: outcome == .success ? principal.arn : nil,
            accountId: account.value, accessKeyId: keyId, userName: principal.userName, sessionContext: nil)
    }
}
