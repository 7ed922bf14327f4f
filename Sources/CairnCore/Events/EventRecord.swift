package import CairnPolicy
package import Foundation

/// One call as CloudTrail records it (eventVersion 1.11). Built once per call by the pipeline, stored as JSONB
/// and delivered unchanged, so event history and delivered log files always agree.
package struct EventRecord: Sendable, Codable, Equatable {
    package struct UserIdentity: Sendable, Codable, Equatable {
        package var type: String
        package var principalId: String
        /// nil for an `AWSAccount` identity: the copy of a cross-account call in the resource owner's account.
        package var arn: String?
        /// nil for a `WebIdentityUser` or `SAMLUser`, which belongs to no account.
        package var accountId: String?
        package var accessKeyId: String?
        package var userName: String?
        package var sessionContext: SessionContext?
        /// `WebIdentityUser` (the provider's ARN) and `SAMLUser` (the name qualifier) only: who vouched for the caller.
        package var identityProvider: String? = nil
    }

    /// CloudTrail's sessionContext for temporary credentials: who issued them and when.
    package struct SessionContext: Sendable, Codable, Equatable {
        package struct Issuer: Sendable, Codable, Equatable {
            package var type: String
            package var principalId: String
            package var arn: String
            package var accountId: String
            package var userName: String
        }
        package struct Attributes: Sendable, Codable, Equatable {
            package var creationDate: String
            package var mfaAuthenticated: String
        }
        /// Filled for web-identity sessions (the provider); `{}` for every other session, as AWS writes it.
        package struct WebIdFederationData: Sendable, Codable, Equatable {
            package var federatedProvider: String?

            package init(federatedProvider: String? = nil) { self.federatedProvider = federatedProvider }
        }
        /// nil for credentials that act as their issuer itself (GetSessionToken): written `{}`, as AWS writes it.
        package var sessionIssuer: Issuer?
        package var webIdFederationData: WebIdFederationData? = WebIdFederationData()
        package var attributes: Attributes
        package var sourceIdentity: String?
    }

    package struct Resource: Sendable, Codable, Equatable {
        package var ARN: String
        package var accountId: String?
        package var type: String?

        package init(ARN: String, accountId: String?, type: String?) {
            self.ARN = ARN
            self.accountId = accountId
            self.type = type
        }
    }

    package var eventVersion = "1.11"
    package var userIdentity: UserIdentity
    package var eventTime: String
    package var eventSource: String
    package var eventName: String
    package var awsRegion: String
    package var sourceIPAddress: String
    package var userAgent: String
    package var errorCode: String?
    package var errorMessage: String?
    package var requestParameters: JSONValue?
    package var responseElements: JSONValue?
    /// Sign-in events only (`LoginTo`, `MobileVersion`, `MFAUsed`, `MFAIdentifier`), PascalCase as AWS writes them.
    package var additionalEventData: JSONValue? = nil
    /// nil for a sign-in event, which AWS records without one.
    package var requestID: String?
    package var eventID: String
    package var readOnly: Bool
    package var resources: [Resource]?
    package var eventType = "AwsApiCall"
    package var managementEvent = true
    package var recipientAccountId: String
    /// Set on every copy of a call recorded in more than one account (a cross-account AssumeRole).
    package var sharedEventID: String?
    package var eventCategory = "Management"
    /// The string `"true"` on a call made with console credentials, absent otherwise, as AWS writes it.
    package var sessionCredentialFromConsole: String? = nil

    /// CloudTrail's timestamps: UTC, whole seconds, `Z`.
    package static func timestamp(_ date: Date) -> String { UTCTimestamp.iso8601(date) }
}

extension EventRecord.SessionContext {
    private enum CodingKeys: String, CodingKey { case sessionIssuer, webIdFederationData, attributes, sourceIdentity }

    /// A stored record writes a session without an issuer as `"sessionIssuer": {}`, as AWS does.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sessionIssuer = try? c.decodeIfPresent(Issuer.self, forKey: .sessionIssuer)
        webIdFederationData = try c.decodeIfPresent(WebIdFederationData.self, forKey: .webIdFederationData)
        attributes = try c.decode(Attributes.self, forKey: .attributes)
        sourceIdentity = try c.decodeIfPresent(String.self, forKey: .sourceIdentity)
    }
}

extension EventRecord.UserIdentity {
    package init(_ p: Principal) {
        if p.type.isExternalIdentity {
            self.init(
                type: p.type.rawValue, principalId: p.principalId, arn: nil, accountId: nil, accessKeyId: nil, userName: p.userName,
                sessionContext: nil, identityProvider: p.identityProvider)
            return
        }
        let context = p.session.map { s in
            EventRecord.SessionContext(
                sessionIssuer: s.issuerType.map {
                    .init(type: $0, principalId: s.roleId, arn: s.roleArn, accountId: p.account.value, userName: s.roleName)
                },
                webIdFederationData: .init(federatedProvider: s.federatedProvider),
                attributes: .init(creationDate: EventRecord.timestamp(s.issuedAt), mfaAuthenticated: s.mfaAuthenticated ? "true" : "false"),
                sourceIdentity: s.sourceIdentity)
        }
        self.init(
            type: p.type.rawValue, principalId: p.principalId, arn: p.arn, accountId: p.account.value,
            accessKeyId: p.accessKeyId, userName: p.userName, sessionContext: context)
    }
}

extension EventRecord {
    /// The copy of this call in the account that owns a resource it reached in another account, as AWS records
    /// a cross-account call in both accounts: its own event id, that account as recipient, the caller named only
    /// as an `AWSAccount` (its principal id and account), and one `sharedEventID` on both copies.
    package func copy(forResourceAccount account: String, eventId: String, sharedEventID: String) -> EventRecord {
        var copy = self
        copy.eventID = eventId
        copy.recipientAccountId = account
        copy.sharedEventID = sharedEventID
        copy.userIdentity = UserIdentity(
            type: "AWSAccount", principalId: userIdentity.principalId, arn: nil, accountId: userIdentity.accountId, accessKeyId: nil,
            userName: nil, sessionContext: nil)
        return copy
    }

    /// Event history's `Username`: `root`, the IAM user's name, the role session's name (the last part of an
    /// assumed-role ARN) or the federated user's, as CloudTrail's console and LookupEvents show it.
    package var historyUsername: String? {
        switch userIdentity.type {
        case "Root": return "root"
        case "AssumedRole", "FederatedUser": return userIdentity.arn?.split(separator: "/").last.map(String.init)
        default: return userIdentity.userName
        }
    }
}
