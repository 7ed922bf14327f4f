import CairnCore
import Foundation

/// STS over the Query protocol: each binding writes the Result element as botocore's model shapes it.
enum STSBindings {
    static let all: [AWSBinding] = [
        .query(STSOperations.getCallerIdentity) { who in
            [.text("Arn", who.Arn), .text("UserId", who.UserId), .text("Account", who.Account)]
        },
        .query(STSOperations.assumeRole) { issued in
            var result: [XMLWriter.Node] = [
                .element("Credentials", [
                    .text("AccessKeyId", issued.Credentials.AccessKeyId), .text("SecretAccessKey", issued.Credentials.SecretAccessKey),
                    .text("SessionToken", issued.Credentials.SessionToken),
                    .text("Expiration", UTCTimestamp.iso8601(issued.Credentials.Expiration)),
                ]),
                .element("AssumedRoleUser", [.text("AssumedRoleId", issued.AssumedRoleUser.AssumedRoleId), .text("Arn", issued.AssumedRoleUser.Arn)]),
                .text("PackedPolicySize", String(issued.PackedPolicySize)),
            ]
            if let s = issued.SourceIdentity { result.append(.text("SourceIdentity", s)) }
            return result
        },
    ]
}
