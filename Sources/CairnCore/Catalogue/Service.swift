/// A service Cairn answers for: how its calls arrive on the AWS front door, how they are signed, and where
/// their events are recorded.
package enum Service: String, Sendable, Hashable, CaseIterable {
    case cloudtrail
    case cloudtrailData = "cloudtrail-data"
    case organizations
    case iam
    case sts
    /// IAM Access Analyzer's policy checks (REST-JSON).
    case accessAnalyzer = "access-analyzer"
    /// Cairn's own operator and REST-only operations (regions, accounts, policy simulation).
    case cairn

    package enum WireProtocol: Sendable { case json11, query, restJSON, restOnly }

    /// The prefix of the service's IAM actions, e.g. `cloudtrail` in `cloudtrail:CreateTrail`.
    package var actionPrefix: String { rawValue }

    package var eventSource: String { "\(rawValue).amazonaws.com" }

    package var wireProtocol: WireProtocol {
        switch self {
        case .cloudtrail, .organizations: .json11
        case .cloudtrailData, .accessAnalyzer: .restJSON
        case .iam, .sts: .query
        case .cairn: .restOnly
        }
    }

    /// The `X-Amz-Target` prefix of a JSON 1.1 service, as botocore's model names it.
    package var targetPrefix: String? {
        switch self {
        case .cloudtrail: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"
        case .organizations: "AWSOrganizationsV20161128"
        default: nil
        }
    }

    /// A REST-JSON service's operations by request path (each of ours is a POST).
    package var restJSONPaths: [String: String] {
        switch self {
        case .cloudtrailData: ["/PutAuditEvents": "PutAuditEvents"]
        case .accessAnalyzer:
            [
                "/policy/validation": "ValidatePolicy", "/policy/check-no-new-access": "CheckNoNewAccess",
                "/policy/check-access-not-granted": "CheckAccessNotGranted", "/policy/check-no-public-access": "CheckNoPublicAccess",
            ]
        default: [:]
        }
    }

    /// The service and operation name a REST-JSON path stands for.
    package static func restJSONOperation(path: String) -> (service: Service, name: String)? {
        for service in allCases { if let name = service.restJSONPaths[path] { return (service, name) } }
        return nil
    }

    /// The Query protocol's API version and XML namespace.
    package var queryVersion: (version: String, namespace: String)? {
        switch self {
        case .iam: ("2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/")
        case .sts: ("2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/")
        default: nil
        }
    }

    /// Global services record their events in us-east-1 whatever the caller's region, as AWS does.
    package var isGlobal: Bool {
        switch self {
        case .iam, .organizations: true
        default: false
        }
    }

    /// The service a SigV4 credential scope names, when it names one of ours.
    package init?(signingName: String) {
        switch signingName {
        case "cloudtrail": self = .cloudtrail
        case "cloudtrail-data": self = .cloudtrailData
        case "organizations": self = .organizations
        case "iam": self = .iam
        case "sts": self = .sts
        case "access-analyzer": self = .accessAnalyzer
        case "cairn": self = .cairn
        default: return nil
        }
    }
}
