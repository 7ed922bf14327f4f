/// Checks that read how a statement uses its condition keys: tag keys the listed actions never carry, keys a
/// service principal's request does not have, keys a caller can forge, and keys whose values or patterns undo
/// what the condition seems to say.
extension ValidationRun {
    /// One key of one operator block, with where it is.
    struct ConditionEntry {
        var op: ConditionOperator
        var key: LocatedJSON.Member
        var keyPath: Path
        var lower: String
        var values: [Value]
    }

    func conditionEntries(_ s: Value, _ path: Path) -> [ConditionEntry] {
        var out: [ConditionEntry] = []
        for block in s.member("Condition")?.value.members ?? [] {
            guard let op = ConditionOperator(block.key) else { continue }
            for key in block.value.members ?? [] {
                out.append(
                    ConditionEntry(
                        op: op, key: key, keyPath: path + [.value("Condition"), .value(block.key), .key(key.key)], lower: key.key.lowercased(),
                        values: conditionValues(key.value) ?? []))
            }
        }
        return out
    }

    /// Whether the operator can match only when the key is in the request: not Null, not IfExists, not negated,
    /// not ForAllValues (each of those matches a request without the key).
    static func needsKey(_ op: ConditionOperator) -> Bool {
        op.base != .null && !op.ifExists && !op.base.isNegated && op.qualifier != .forAllValues
    }

    mutating func checkKeyUsage(_ s: Value, _ path: Path, effect: String?) {
        let entries = conditionEntries(s, path)
        guard !entries.isEmpty else { return }
        checkTagKeySupport(s, entries, effect: effect)
        checkServicePrincipalKeys(s, entries, effect: effect)
        let present = Set(entries.map(\.lower))
        for e in entries where e.op.base != .null {
            if e.lower == "dynamodb:attributes" && effect == "Allow" && !present.contains("dynamodb:select") {
                add(
                    .securityWarning, "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT",
                    "dynamodb:Attributes limits the attributes a request names, but a Query or Scan that names none returns them all; also require \"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\".",
                    e.keyPath, e.key.keySpan)
            }
            if e.lower == "s3:prefix" && (effect == "Deny") != e.op.base.isNegated && (effect == "Allow" || effect == "Deny") {
                add(
                    .securityWarning, "S3_PREFIX_IN_NEGATIVE_CONTEXT",
                    effect == "Deny"
                        ? "A list request with no prefix, or a shorter one, carries no matching s3:prefix and escapes this Deny, yet lists the same objects; deny the complement with a negated operator instead."
                        : "\(e.op.base.rawValue) on s3:prefix also matches a list request with no prefix, which lists every object; allow the prefixes you mean with a positive operator.",
                    e.keyPath, e.key.keySpan)
            }
        }
        if effect == "Allow" { checkSensitivePatterns(entries) }
    }

    // MARK: Tag keys and the actions that carry them

    /// aws:RequestTag/…, aws:ResourceTag/… and aws:TagKeys are in a request only for the actions AWS's catalogue lists
    /// them on. Under an operator that needs the key, an Allow never grants (and a Deny never denies) a listed action
    /// that lacks it; with NotAction, the statement reaches every such action of every service.
    mutating func checkTagKeySupport(_ s: Value, _ entries: [ConditionEntry], effect: String?) {
        guard effect == "Allow" || effect == "Deny" else { return }
        let deny = effect == "Deny"
        for e in entries where Self.needsKey(e.op) && !e.values.isEmpty {
            let isTag =
                e.lower == "aws:tagkeys"
                || ["aws:requesttag/", "aws:resourcetag/"].contains { e.lower.hasPrefix($0) && e.lower.count > $0.count }
            guard isTag, let support = resources.support(forKey: e.key.key) else { continue }
            if let items = s.member("Action")?.value.stringOrList {
                var prefixes: [String] = []
                for text in items.compactMap(\.string) where text != "*" {
                    let c = resources.coverage(of: text, support)
                    guard c.matched > 0, c.supported == 0 else { continue }
                    let prefix = String(text.prefix { $0 != ":" }).lowercased()
                    if !prefixes.contains(prefix) { prefixes.append(prefix) }
                }
                guard !prefixes.isEmpty else { continue }
                let list = prefixes.joined(separator: ", ")
                if deny {
                    add(
                        .securityWarning, "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                        "The \(list) actions listed here never carry \(e.key.key), so this condition is false for them and the Deny never applies to them; deny them in a statement without this key.",
                        e.keyPath, e.key.keySpan)
                } else {
                    add(
                        .suggestion, "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                        "The \(list) actions listed here never carry \(e.key.key), so this statement never allows them; allow them in a statement without this key.",
                        e.keyPath, e.key.keySpan)
                }
            } else if let items = s.member("NotAction")?.value.stringOrList {
                let patterns = items.compactMap(\.string).map { GlobPattern($0.lowercased()) }
                guard resources.someAction(outside: patterns, lacking: support) else { continue }
                if deny {
                    add(
                        .securityWarning, "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                        "NotAction reaches actions that never carry \(e.key.key), and this Deny never applies to them; list the actions to deny with Action instead.",
                        e.keyPath, e.key.keySpan)
                } else {
                    add(
                        .suggestion, "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                        "NotAction reaches actions that never carry \(e.key.key), and this statement allows none of them; list the actions to allow with Action instead.",
                        e.keyPath, e.key.keySpan)
                }
            }
        }
    }

    // MARK: Service principals

    /// Keys that describe an IAM identity (its ARN, account, organization, tags, user names); a request a service
    /// principal makes has none of them.
    static func isIdentityOnlyKey(_ lower: String) -> Bool {
        ["aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths", "aws:userid", "aws:username"].contains(lower)
            || (lower.hasPrefix("aws:principaltag/") && lower.count > "aws:principaltag/".count)
    }

    /// A statement whose principals are all services, conditioned on a key such a request never has (ERROR), or
    /// an Allow for a service relying on a caller-supplied key instead of aws:SourceArn/aws:SourceAccount.
    mutating func checkServicePrincipalKeys(_ s: Value, _ entries: [ConditionEntry], effect: String?) {
        guard kind == .resource, let members = s.member("Principal")?.value.members, !members.isEmpty,
            members.allSatisfy({ $0.key == "Service" })
        else { return }
        let services = members.flatMap { ($0.value.stringOrList ?? []).compactMap(\.string) }
        guard !services.isEmpty else { return }
        let named = services.joined(separator: ", ")
        for e in entries where e.op.base != .null && Self.isIdentityOnlyKey(e.lower) {
            add(
                .error, "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
                "A request from the service principal \(named) carries no \(e.key.key); use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths.",
                e.keyPath, e.key.keySpan)
        }
        let present = Set(entries.map(\.lower))
        guard effect == "Allow", !present.contains("aws:sourcearn"), !present.contains("aws:sourceaccount") else { return }
        for e in entries where e.op.base != .null && e.lower == "aws:referer" {
            add(
                .suggestion, "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
                "To confine \(named) acting on your behalf, condition on aws:SourceArn or aws:SourceAccount rather than \(e.key.key).",
                e.keyPath, e.key.keySpan)
        }
    }

    // MARK: Patterns on keys that name who is calling

    /// Keys whose value is an account or organization id.
    static let sensitiveIdKeys: Set<String> = ["aws:principalaccount", "aws:sourceaccount", "aws:principalorgid", "aws:sourceorgid"]
    /// Keys whose value is an ARN holding the caller's (or source's) account.
    static let sensitiveArnKeys: Set<String> = ["aws:principalarn", "aws:sourcearn"]
    /// Keys whose values the caller chooses: a variable of one of them lets the request decide what matches.
    static func isCallerSupplied(_ variable: Substring) -> Bool {
        let name = variable.lowercased()
        return name == "aws:tagkeys" || name == "aws:useragent" || name == "aws:referer" || name.hasPrefix("aws:requesttag/")
    }

    /// In an Allow, a positive String or Arn operator on a key naming the caller: a wildcard that leaves the account
    /// (or organization) open, or the first six characters of aws:userid, is WILDCARD_USAGE_TOO_PERMISSIVE; a
    /// variable of a key the caller supplies is VARIABLE_USAGE_TOO_PERMISSIVE.
    mutating func checkSensitivePatterns(_ entries: [ConditionEntry]) {
        for e in entries where (e.op.base.family == .string || e.op.base.family == .arn) && !e.op.base.isNegated {
            let isId = Self.sensitiveIdKeys.contains(e.lower), isArn = Self.sensitiveArnKeys.contains(e.lower), isUserId = e.lower == "aws:userid"
            guard isId || isArn || isUserId else { continue }
            let like = e.op.base == .stringLike || e.op.base == .arnLike
            for (i, v) in e.values.enumerated() {
                guard let text = v.string, text != "*" else { continue }
                let valuePath: Path = Array(e.keyPath.dropLast()) + [.value(e.key.key)]
                let path = e.key.value.items == nil ? valuePath : valuePath + [.index(i)]
                if let variable = Self.variableNames(text).first(where: Self.isCallerSupplied) {
                    add(
                        .error, "VARIABLE_USAGE_TOO_PERMISSIVE",
                        "The caller chooses the value of ${\(variable)}, so comparing \(e.key.key) with it lets the request decide who matches; name the accounts or principals.",
                        path, v.span)
                    continue
                }
                guard like else { continue }
                let fixed = text.prefix { $0 != "*" && $0 != "?" }
                guard fixed.count < text.count else { continue }
                let open: Bool
                if isId {
                    open = true
                } else if isArn {
                    open = fixed.filter { $0 == ":" }.count < 5
                } else {
                    open = fixed.count < 6
                }
                if open {
                    let what = isId ? "any account or organization" : isArn ? "principals or sources in any account" : "any user or role"
                    add(
                        .error, "WILDCARD_USAGE_TOO_PERMISSIVE",
                        "\(text) lets \(e.key.key) match \(what); write the account (or the unique id's first characters) literally.", path, v.span)
                }
            }
        }
    }

    /// The names inside each `${…}` of a value (the default after a comma left out).
    static func variableNames(_ text: String) -> [Substring] {
        var names: [Substring] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            let inner = rest[open.upperBound..<close]
            names.append(inner.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0])
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    // MARK: Values of single keys

    /// Checks that need only one key and its values: caller-forged keys, audience claims, KMS key values and
    /// numeric comparisons whose extra values change nothing.
    mutating func checkKeySemantics(_ key: LocatedJSON.Member, op: ConditionOperator, _ values: [Value], keyPath: Path, valuePath: Path) {
        let lower = key.key.lowercased()
        guard op.base != .null else { return }
        if lower == "aws:useragent" || lower == "aws:referer" {
            add(
                .securityWarning, "UNTRUSTWORTHY_CONDITION_KEY",
                "The caller writes \(key.key) (an HTTP header) and can set it to anything; do not base access on it.", keyPath, key.keySpan)
        }
        if let colon = lower.range(of: ":", options: .backwards), lower[colon.upperBound...] == "aud" {
            let issuer = String(lower[..<colon.lowerBound])
            if catalogue.service(issuer) == nil && issuer != "aws" {
                if Self.singleValuedAudience.contains(issuer) {
                    if op.qualifier == .forAnyValue {
                        add(
                            .securityWarning, "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE",
                            "\(key.key) holds one audience; ForAnyValue compares it as a set and, under a negated operator, skips tokens without it. Remove ForAnyValue.",
                            keyPath, key.keySpan)
                    }
                } else {
                    add(
                        .suggestion, "CONFIRM_AUDIENCE_CLAIM_TYPE",
                        "Confirm the shape of \(key.key): an audience claim may be one value or several. Compare several with ForAllValues or ForAnyValue, one without a qualifier.",
                        keyPath, key.keySpan)
                }
            }
        }
        if !lower.hasPrefix("aws:"), Self.isKmsKeyKey(lower), op.base.family == .string || op.base.family == .arn {
            for (i, v) in values.enumerated() {
                guard let text = v.string, !text.contains("*"), !text.contains("?"), !text.contains("${"), !Self.isKmsKeyValue(text) else { continue }
                add(
                    .error, "INVALID_KMS_KEY_VALUE",
                    "\(text) is not a KMS key: use a key ARN (arn:aws:kms:region:account:key/id), a key id, or an alias (alias/name or its ARN).",
                    key.value.items == nil ? valuePath : valuePath + [.index(i)], v.span)
            }
        }
        let numericRange: [ConditionOperator.Base] = [.numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals]
        if numericRange.contains(op.base), op.qualifier == nil, values.count > 1 {
            let numbers = values.compactMap { v -> Double? in
                switch v.node {
                case .string(let s): Double(s)
                case .number(let n): Double(n)
                default: nil
                }
            }
            if numbers.count == values.count {
                let less = op.base == .numericLessThan || op.base == .numericLessThanEquals
                let keep = less ? numbers.max()! : numbers.min()!
                let shown = values[numbers.firstIndex(of: keep)!]
                let text = shown.string ?? { if case .number(let n) = shown.node { n } else { "" } }()
                add(
                    .suggestion, "REDUNDANT_CONDITION_VALUE_NUM",
                    "Any one value of \(op.base.rawValue) suffices, so only the \(less ? "greatest" : "least"), \(text), matters for \(key.key); keep it alone.",
                    valuePath, key.value.span)
            }
        }
    }

    /// Issuers whose `aud` claim is one string: Amazon Cognito identity pools (the pool id), Google (the client id)
    /// and GitHub Actions (one audience per token).
    static let singleValuedAudience: Set<String> = ["cognito-identity.amazonaws.com", "accounts.google.com", "token.actions.githubusercontent.com"]

    /// Service keys that hold a KMS key: their name says KmsKey (`s3:x-amz-server-side-encryption-aws-kms-key-id`,
    /// `secretsmanager:KmsKeyArn`, `ec2:KmsKeyId`).
    static func isKmsKeyKey(_ lower: String) -> Bool {
        guard let colon = lower.firstIndex(of: ":") else { return false }
        return lower[lower.index(after: colon)...].replacingOccurrences(of: "-", with: "").contains("kmskey")
    }

    /// A key ARN or alias ARN (`arn:partition:kms:region:account:key/…`, `…:alias/…`), a key id (a UUID, or `mrk-`
    /// and 32 hexadecimal digits), or an alias name (`alias/…`).
    static func isKmsKeyValue(_ text: String) -> Bool {
        if text.hasPrefix("alias/") { return text.count > 6 }
        if isKeyId(Substring(text)) { return true }
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", !fields[1].isEmpty, fields[2] == "kms", !fields[3].isEmpty,
            fields[4].count == 12, fields[4].allSatisfy(\.isNumber)
        else { return false }
        let resource = fields[5]
        if resource.hasPrefix("alias/") { return resource.count > 6 }
        return resource.hasPrefix("key/") && isKeyId(resource.dropFirst(4))
    }

    static func isKeyId(_ id: Substring) -> Bool {
        let hex = { (s: Substring) in s.allSatisfy { $0.isHexDigit } }
        if id.hasPrefix("mrk-") { return id.count == 36 && hex(id.dropFirst(4)) }
        let groups = id.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy(hex)
    }

    /// A BinaryEquals value is base64: groups of four from the standard alphabet, `=` only as padding.
    static func isBase64(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count % 4 == 0 else { return false }
        let padding = bytes.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return false }
        return bytes.dropLast(padding).allSatisfy { b in
            (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
        }
    }
}
