import Foundation

/// One finding of `cairn policy validate`. Errors are what AWS would refuse to store; warnings are
/// accepted by AWS but almost certainly not what the author meant.
package struct PolicyIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    package enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    package var severity: Severity
    package var path: String
    package var message: String

    package init(_ severity: Severity, _ path: String, _ message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    package var description: String { "\(severity.rawValue): \(path.isEmpty ? "" : "\(path): ")\(message)" }
}

/// Checks a document for the role it will play. Structural problems come from the parser; this adds the
/// role-specific and value-level rules the evaluator tolerates (giving them a defined but useless meaning).
package enum PolicyLint {
    /// Lints document text. `sizeLimit` defaults to the usual storage for `type`.
    package static func lint(text: String, type: PolicyType, sizeLimit: PolicySizeLimit? = nil) -> [PolicyIssue] {
        var issues: [PolicyIssue] = []
        if let limit = sizeLimit ?? PolicySizeLimit.defaultLimit(for: type) {
            let size = limit.measure(text)
            if size > limit.maximumCharacters {
                issues.append(
                    PolicyIssue(
                        .error, "",
                        "document is \(size) characters\(limit.countsWhitespace ? "" : " (excluding whitespace)"), over the \(limit.maximumCharacters) allowed for \(limit.rawValue)"
                    ))
            }
        }
        do {
            issues += lint(try PolicyDocument.parse(text), type: type)
        } catch {
            issues.append(PolicyIssue(.error, error.path, error.message))
        }
        return issues
    }

    package static func lint(_ doc: PolicyDocument, type: PolicyType) -> [PolicyIssue] {
        var issues: [PolicyIssue] = []
        func error(_ path: String, _ m: String) { issues.append(PolicyIssue(.error, path, m)) }
        func warn(_ path: String, _ m: String) { issues.append(PolicyIssue(.warning, path, m)) }
        let variables = doc.substitutesVariables
        if doc.version == nil {
            warn("Version", "missing: the document is read as 2008-10-17, so ${…} variables are literal text; add \"Version\": \"2012-10-17\"")
        }
        if doc.statements.isEmpty { error("Statement", "must contain at least one statement") }
        var sids = Set<String>()
        for (i, s) in doc.statements.enumerated() {
            let base = doc.statementWasObject ? "Statement" : "Statement[\(i)]"
            if let sid = s.sid {
                if !sid.isEmpty && !sids.insert(sid).inserted { error("\(base).Sid", "duplicate Sid \"\(sid)\" in one policy") }
                if type != .resource && type != .trust && !sid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                    warn("\(base).Sid", "IAM accepts only ASCII letters and digits in a Sid")
                }
            }
            // Principal rules by role.
            if type == .rcp {
                issues += ResourceControlPolicyRules.issues(in: s, at: base)
            } else if type.requiresPrincipal {
                if s.principal == nil {
                    error(base, "a \(type.rawValue) policy statement needs Principal or NotPrincipal (without one it never applies)")
                }
                if case .notPrincipal = s.principal, s.effect == .allow {
                    error("\(base).NotPrincipal", "NotPrincipal is supported only with \"Effect\": \"Deny\"")
                }
                if type == .trust, s.resource != nil { error(base, "a trust policy must not have Resource or NotResource") }
            } else {
                if s.principal != nil { error(base, "Principal/NotPrincipal is not allowed in a \(type.rawValue) policy") }
                if s.resource == nil { error("\(base).Resource", "missing required element (Resource or NotResource)") }
            }
            // Actions.
            for (j, a) in s.action.patterns.enumerated() {
                let p = "\(base).\(s.action.isNegated ? "NotAction" : "Action")[\(j)]"
                if a == "*" { continue }
                if a.contains(where: { $0 == "," || $0 == " " }) {
                    warn(p, "\"\(a)\" contains a comma or space and matches no real action")
                } else if !a.contains(":") {
                    error(p, "\"\(a)\" must be \"*\" or service:action")
                }
            }
            // Resources.
            if let r = s.resource {
                for (j, text) in r.patterns.enumerated() {
                    let p = "\(base).\(r.isNegated ? "NotResource" : "Resource")[\(j)]"
                    if text == "*" { continue }
                    guard let split = ArnSplit(text), text.hasPrefix("arn:") else {
                        error(p, "\"\(text)\" must be \"*\" or an ARN (arn:partition:service:region:account:resource)")
                        continue
                    }
                    let bytes = Array(text.utf8)
                    let head = bytes[0..<split.colons.4]
                    let service = bytes[split.range(2)]
                    if service.contains(UInt8(ascii: "*")) || service.contains(UInt8(ascii: "?")) {
                        error(p, "wildcards are not allowed in the service part of an ARN")
                    }
                    if variables && String(decoding: head, as: UTF8.self).contains("${") {
                        warn(p, "policy variables are substituted only in the resource part (after the fifth colon); this one is literal")
                    }
                }
            }
            // Conditions.
            for c in s.conditions {
                let p = "\(base).Condition.\(c.op).\(c.key)"
                let hasVar = c.values.contains { $0.contains("${") }
                if hasVar && variables && !c.op.base.acceptsVariables {
                    warn(p, "\(c.op.base.rawValue) does not support policy variables; the value is literal")
                }
                if hasVar && !variables { warn(p, "policy variables need \"Version\": \"2012-10-17\"; the value is literal") }
                for v in c.values {
                    switch c.op.base.family {
                    case .numeric where CompiledCondition.number(v) == nil: error(p, "\"\(v)\" is not a number")
                    case .date where PolicyDate.parse(v) == nil: error(p, "\"\(v)\" is not an ISO 8601 date or epoch seconds")
                    case .bool where v.lowercased() != "true" && v.lowercased() != "false": error(p, "\"\(v)\" is not true or false")
                    case .ip where CIDRBlock(v) == nil: error(p, "\"\(v)\" is not an IP address or CIDR block")
                    case .binary where Data(base64Encoded: v) == nil: error(p, "\"\(v)\" is not base64")
                    default: break
                    }
                }
                if c.op.qualifier == .forAllValues && s.effect == .allow {
                    let guarded = s.conditions.contains {
                        $0.op.base == .null && $0.key.lowercased() == c.key.lowercased() && $0.values.contains { $0.lowercased() == "false" }
                    }
                    if !guarded { warn(p, "ForAllValues with Allow is true when the key is absent; add \"Null\": {\"\(c.key)\": \"false\"}") }
                }
            }
        }
        return issues
    }
}
