/// What Organizations accepts in a customer resource control policy (Organizations user guide, "RCP syntax";
/// docs/behaviour.md). An RCP only takes permissions away, from whoever calls: its one Principal is everyone,
/// narrowed by conditions, and only AWS's own RCPFullAWSAccess may Allow.
package enum ResourceControlPolicyRules {
    /// The service prefixes RCPs apply to (the guide's list of supported services, 2026). An RCP naming
    /// another service is refused, and at run time an action of another service is never checked against RCPs.
    package static let services: Set<String> = [
        "appstream", "dsql", "clouddirectory", "cloudfront", "cloudsearch", "logs", "networkmonitor", "cognito-identity",
        "cognito-idp", "comprehend", "comprehendmedical", "firehose", "dynamodb", "dax", "autoscaling", "ecr", "ecr-public",
        "gamelift", "inspector-scan", "kendra", "kinesisvideo", "memorydb", "aoss", "personalize", "polly", "s3", "swf", "sqs",
        "textract", "timestream-influxdb", "transcribe", "translate", "workspaces", "appconfig", "autoscaling-plans", "budgets",
        "servicediscovery", "cloudtrail-data", "codeartifact", "codebuild", "codecommit", "codepipeline", "compute-optimizer",
        "cost-optimization-hub", "events", "fms", "fis", "health", "rolesanywhere", "kms", "opensearch", "pricing",
        "pca-connector-ad", "resource-groups", "secretsmanager", "sts", "signin", "support", "transfer", "notifications",
        "wafv2", "xray",
    ]

    /// True when RCPs govern calls of this action (`service:Name`, any case).
    package static func covers(action: String) -> Bool {
        guard let colon = action.firstIndex(of: ":") else { return false }
        return services.contains(action[..<colon].lowercased())
    }

    static func issues(in s: Statement, at base: String) -> [PolicyIssue] {
        var issues: [PolicyIssue] = []
        func error(_ path: String, _ m: String) { issues.append(PolicyIssue(.error, path, m)) }
        switch s.principal {
        case nil: error(base, "a resource control policy statement needs \"Principal\": \"*\"")
        case .notPrincipal: error("\(base).NotPrincipal", "NotPrincipal is not supported in a resource control policy")
        case .principal(let set):
            let everyone = set.service.isEmpty && set.federated.isEmpty && set.canonicalUser.isEmpty && (set.wildcard || set.aws == ["*"])
            if !everyone { error("\(base).Principal", "a resource control policy's Principal must be \"*\"; narrow it with a Condition") }
        }
        if s.effect == .allow { error("\(base).Effect", "a resource control policy can only Deny; Allow is reserved to RCPFullAWSAccess") }
        if s.resource == nil { error("\(base).Resource", "missing required element (Resource or NotResource)") }
        switch s.action {
        case .notAction: error("\(base).NotAction", "NotAction is not supported in a resource control policy")
        case .action(let patterns):
            for (j, a) in patterns.enumerated() {
                let p = "\(base).Action[\(j)]"
                if a == "*" {
                    error(p, "\"*\" alone is not allowed in a resource control policy; name the service, e.g. \"s3:*\"")
                } else if a.contains(":"), !covers(action: a) {
                    error(p, "\"\(a)\": resource control policies do not support this service")
                }
            }
        }
        return issues
    }
}
