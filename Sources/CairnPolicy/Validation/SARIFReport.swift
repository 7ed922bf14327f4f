/// Findings as SARIF 2.1.0, the format code-scanning services (GitHub, GitLab) take: one run, a rule per
/// issue code with AWS's reference link, a result per finding at its place in its file (1-based columns,
/// as SARIF counts them). ERROR is `error`, SECURITY_WARNING and WARNING are `warning` (the former tagged
/// `security`), SUGGESTION is `note`.
package enum SARIFReport {
    package static func render(_ files: [(path: String, findings: [PolicyFinding])], toolVersion: String) -> JSONValue {
        var rules: [String: JSONValue] = [:]
        var results: [JSONValue] = []
        for (path, findings) in files {
            for f in findings {
                rules[f.issueCode] = .object([
                    "id": .string(f.issueCode), "helpUri": .string(f.learnMoreLink),
                    "shortDescription": .object(["text": .string(f.issueCode.replacingOccurrences(of: "_", with: " ").lowercased())]),
                    "properties": .object(["tags": .array(f.findingType == .securityWarning ? [.string("security")] : [])]),
                ])
                var result: JSONObject = [
                    "ruleId": .string(f.issueCode), "level": .string(level(f.findingType)),
                    "message": .object(["text": .string(f.findingDetails)]),
                ]
                if let span = f.locations.first?.span {
                    result["locations"] = .array([
                        .object([
                            "physicalLocation": .object([
                                "artifactLocation": .object(["uri": .string(path)]),
                                "region": .object([
                                    "startLine": .number(String(span.start.line)), "startColumn": .number(String(span.start.column + 1)),
                                    "endLine": .number(String(span.end.line)), "endColumn": .number(String(span.end.column + 1)),
                                ]),
                            ])
                        ])
                    ])
                }
                results.append(.object(result))
            }
        }
        let driver: JSONObject = [
            "name": .string("cairn policy validate"), "version": .string(toolVersion),
            "informationUri": .string("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html"),
            "rules": .array(rules.keys.sorted().map { rules[$0]! }),
        ]
        return .object([
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"), "version": .string("2.1.0"),
            "runs": .array([.object(["tool": .object(["driver": .object(driver)]), "results": .array(results)])]),
        ])
    }

    static func level(_ type: PolicyFinding.FindingType) -> String {
        switch type {
        case .error: "error"
        case .securityWarning, .warning: "warning"
        case .suggestion: "note"
        }
    }
}
