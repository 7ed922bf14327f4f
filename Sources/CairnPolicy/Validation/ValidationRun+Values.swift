/// Checks that read what a condition's values mean (network ranges, VPC ids, dates) and checks that need a
/// whole statement: keys that are weak alone, and trust policies for identity providers and services.
extension ValidationRun {
    // MARK: Values of well-known keys

    mutating func checkKnownValues(_ key: LocatedJSON.Member, op: ConditionOperator, _ values: [Value], _ valuePath: Path) {
        let lower = key.key.lowercased()
        func path(_ i: Int) -> Path { key.value.items == nil ? valuePath : valuePath + [.index(i)] }
        let literal = { (text: String) in !text.contains("*") && !text.contains("?") && !text.contains("${") }
        switch lower {
        case "aws:sourcevpc", "aws:sourcevpce":
            let prefix = lower == "aws:sourcevpc" ? "vpc-" : "vpce-"
            for (i, v) in values.enumerated() {
                guard let text = v.string, literal(text), !Self.isResourceId(text, prefix: prefix) else { continue }
                let code = prefix == "vpc-" ? "INVALID_VPC_FORMAT" : "INVALID_VPCE_FORMAT"
                add(.error, code, "\(text) is not a \(prefix) id (\(prefix) and 8 or 17 hexadecimal digits).", path(i), v.span)
            }
        case "aws:sourceip" where op.base.family == .ip:
            var privateCount = 0
            for (i, v) in values.enumerated() {
                guard let text = v.string, CIDRBlock(text) != nil else { continue }
                if Self.isPrivate(text) { privateCount += 1 }
                if Self.hasHostBits(text) {
                    add(.suggestion, "IMPROVE_IP_RANGE", "\(text) has bits set after its prefix length; write the network address.", path(i), v.span)
                }
            }
            guard privateCount > 0 else { break }
            let negated = op.base == .notIpAddress
            if privateCount == values.count {
                add(
                    .error, negated ? "PRIVATE_NOT_IP_ADDRESS" : "PRIVATE_IP_ADDRESS",
                    negated
                        ? "aws:SourceIp never holds a private address, so NotIpAddress with only private ranges always matches."
                        : "aws:SourceIp never holds a private address, so IpAddress with only private ranges never matches; use aws:VpcSourceIp.",
                    valuePath, key.value.span)
            } else {
                add(
                    .suggestion, negated ? "PRIVATE_NOT_IP_ADDRESS_SUBSET" : "PRIVATE_IP_ADDRESS_SUBSET",
                    "The private ranges in aws:SourceIp never match; only the public ones do.", valuePath, key.value.span)
            }
        default:
            break
        }
        if op.base.family == .date {
            for (i, v) in values.enumerated() {
                guard let text = v.string ?? { if case .number(let n) = v.node { n } else { nil } }(), !text.isEmpty,
                    text.allSatisfy(\.isNumber)
                else { continue }
                add(.warning, "INVALID_DATE_VALUE", "\(text) reads as seconds since 1970; write dates in ISO 8601.", path(i), v.span)
            }
        }
    }

    static func isResourceId(_ text: String, prefix: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let hex = text.dropFirst(prefix.count)
        return (hex.count == 8 || hex.count == 17) && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// RFC 1918 and unique-local IPv6 ranges (and addresses inside them).
    static func isPrivate(_ cidr: String) -> Bool {
        let address = cidr.split(separator: "/").first.map(String.init) ?? cidr
        if address.contains(":") { return address.lowercased().hasPrefix("fc") || address.lowercased().hasPrefix("fd") }
        let octets = address.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4 else { return false }
        return octets[0] == 10 || (octets[0] == 172 && (16...31).contains(octets[1])) || (octets[0] == 192 && octets[1] == 168)
    }

    /// Whether an IPv4 CIDR has bits set past its prefix length (`10.0.0.1/8`).
    static func hasHostBits(_ cidr: String) -> Bool {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let length = Int(parts[1]), (0...32).contains(length) else { return false }
        let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4 else { return false }
        let address = octets.reduce(UInt32(0)) { $0 << 8 | $1 }
        let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - UInt32(length))
        return address & ~mask != 0
    }

    // MARK: Whole statements

    mutating func checkStatementConditions(_ s: Value, _ path: Path, effect: String?) {
        guard effect == "Allow" else { return }
        var keys: [String: [String]] = [:]
        for block in s.member("Condition")?.value.members ?? [] {
            for key in block.value.members ?? [] {
                let values = (key.value.stringOrList ?? []).compactMap(\.string)
                keys[key.key.lowercased(), default: []] += values
            }
        }
        if keys["aws:vpcsourceip"] != nil && keys["aws:sourcevpc"] == nil, let condition = s.member("Condition") {
            add(
                .securityWarning, "MISSING_PAIRED_CONDITION_KEYS",
                "aws:VpcSourceIp names an address in any VPC; pair it with aws:SourceVpc.", path + [.value("Condition")], condition.value.span)
        }
        guard let principal = s.member("Principal"), let members = principal.value.members else { return }
        let principalPath = path + [.value("Principal")]
        for m in members {
            let values = (m.value.stringOrList ?? []).compactMap(\.string)
            if m.key == "Federated" && isTrustPolicy {
                for provider in values where provider.contains("oidc-provider/") || !provider.hasPrefix("arn:") {
                    let issuer = provider.components(separatedBy: "oidc-provider/").last ?? provider
                    if issuer == "token.actions.githubusercontent.com" {
                        let sub = keys["token.actions.githubusercontent.com:sub"]
                        if sub == nil {
                            add(
                                .securityWarning, "MISSING_GITHUB_REPO_CONDITION_KEY",
                                "Any GitHub repository can assume this role: add a condition on token.actions.githubusercontent.com:sub.",
                                principalPath, principal.value.span)
                        } else if sub!.contains(where: { $0.contains("*") && !$0.contains(":ref:") && !$0.contains(":environment:") }) {
                            add(
                                .warning, "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
                                "Name the repository and branch (repo:org/repo:ref:refs/heads/main) rather than a pattern.", principalPath,
                                principal.value.span)
                        }
                    } else if provider.contains("oidc-provider/") && !keys.keys.contains(where: { $0.hasPrefix(issuer.lowercased() + ":") }) {
                        add(
                            .securityWarning, "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
                            "Every identity of \(issuer) can assume this role: condition on its keys (such as \(issuer):sub).", principalPath,
                            principal.value.span)
                    }
                }
            }
            if m.key == "Service" && kind == .resource && !isTrustPolicy {
                let confining = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"]
                if !confining.contains(where: { keys[$0] != nil }) {
                    add(
                        .securityWarning, "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
                        "The service can act here for any account's resources: add aws:SourceArn, aws:SourceAccount or aws:SourceOrgID.",
                        principalPath, principal.value.span)
                }
            }
        }
    }

    // MARK: Condition keys against the statement's actions

    /// A service key (`s3:prefix`) is evaluated only for the actions that support it. When exactly one action in
    /// AWS's catalogue supports the key and the statement cannot name it, that action is missing; otherwise each
    /// listed action without a wildcard that does not support the key is reported. Actions outside the catalogue,
    /// keys no action lists, and global keys are not judged.
    mutating func checkConditionKeysAgainstActions(_ s: Value, _ path: Path) {
        guard let action = s.member("Action"), let items = action.value.stringOrList, let condition = s.member("Condition") else { return }
        let actions = items.compactMap(\.string)
        for block in condition.value.members ?? [] {
            for key in block.value.members ?? [] {
                let lower = key.key.lowercased()
                guard !lower.hasPrefix("aws:"), let support = resources.support(forKey: key.key) else { continue }
                let keyPath = path + [.value("Condition"), .value(block.key), .key(key.key)]
                if let only = support.onlyAction {
                    let target = only.lowercased()
                    if !actions.contains(where: { GlobPattern($0.lowercased()).matches(target) }) {
                        add(
                            .error, "MISSING_ACTION_FOR_CONDITION_KEY",
                            "Only \(only) sets \(key.key): add \(only) to the Action element, or the condition is never evaluated.", keyPath,
                            key.keySpan)
                        continue
                    }
                }
                let unsupported = actions.filter { a in
                    !a.contains("*") && !a.contains("?") && resources.action(a, supports: support) == false
                }
                if !unsupported.isEmpty {
                    add(
                        .error, "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
                        "\(unsupported.joined(separator: ", ")) \(unsupported.count == 1 ? "does" : "do") not support \(key.key), so the condition is not evaluated for \(unsupported.count == 1 ? "it" : "them"); move \(unsupported.count == 1 ? "it" : "them") to a statement without this key.",
                        keyPath, key.keySpan)
                }
            }
        }
    }

    // MARK: Resource control policies

    /// The guards AWS's data-perimeter RCPs carry: a Deny on the caller's organization or account also denies AWS
    /// services acting for you unless it excludes them (aws:PrincipalIsAWSService); a Deny on the source of a
    /// service's request applies to every caller unless it is limited to service principals, and to requests with
    /// no source at all unless a Null check requires one.
    mutating func checkResourceControlGuards(_ s: Value, _ path: Path, effect: String?) {
        guard kind == .resourceControl, effect == "Deny", let condition = s.member("Condition"), let blocks = condition.value.members else { return }
        var keys: Set<String> = [], nullChecked: Set<String> = []
        for block in blocks {
            let op = ConditionOperator(block.key)
            for key in block.value.members ?? [] {
                let lower = key.key.lowercased()
                if op?.base == .null { nullChecked.insert(lower) } else { keys.insert(lower) }
            }
        }
        let conditionPath = path + [.value("Condition")]
        let guarded = keys.contains("aws:principalisawsservice")
        if !guarded && !keys.isDisjoint(with: ["aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount"]) {
            add(
                .warning, "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY",
                "This Deny on the caller's organization or account also stops AWS services acting for you; add \"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}.",
                conditionPath, condition.value.span)
        }
        let sourceKeys: Set<String> = ["aws:sourceorgid", "aws:sourceorgpaths", "aws:sourceaccount", "aws:sourcearn"]
        guard !keys.isDisjoint(with: sourceKeys) else { return }
        if !guarded {
            add(
                .warning, "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY",
                "This Deny on the request's source applies to every caller; limit it to services with \"Bool\": {\"aws:PrincipalIsAWSService\": \"true\"}.",
                conditionPath, condition.value.span)
        }
        if nullChecked.isDisjoint(with: ["aws:sourceaccount", "aws:sourcearn"]) {
            add(
                .warning, "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK",
                "This Deny also applies to service requests that carry no source; add \"Null\": {\"aws:SourceAccount\": \"false\"}.",
                conditionPath, condition.value.span)
        }
    }
}
