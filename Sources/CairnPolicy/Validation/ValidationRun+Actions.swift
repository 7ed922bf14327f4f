/// Actions against AWS's catalogue, principals by policy type, and the grants that hand out roles.
extension ValidationRun {
    mutating func checkActions(_ s: Value, _ path: Path, effect: String?) {
        let action = s.member("Action"), notAction = s.member("NotAction")
        if action != nil && notAction != nil {
            add(.error, "UNSUPPORTED_ELEMENT_COMBINATION", "Use Action or NotAction, not both.", path + [.key("NotAction")], notAction!.keySpan)
        }
        guard let element = action ?? notAction else {
            add(.error, "MISSING_ACTION", "Add an Action or NotAction element to the statement.", path, s.span)
            return
        }
        if kind == .resourceControl && element.key == "NotAction" {
            add(
                .error, "RCP_SYNTAX_ERROR_NOTACTION", "Resource control policies do not support NotAction.", path + [.key("NotAction")],
                element.keySpan)
        }
        let elementPath = path + [.value(element.key)]
        guard let items = element.value.stringOrList else { return typeMismatch("Action", elementPath, element.value) }
        if items.isEmpty {
            add(
                .suggestion, "EMPTY_ARRAY_ACTION", "The statement names no action, so it applies to none; add one or remove it.", elementPath,
                element.value.span)
        }
        var entries: [Entry] = []
        for (i, item) in items.enumerated() {
            let itemPath = element.value.items == nil ? elementPath : elementPath + [.index(i)]
            guard let text = item.string else {
                typeMismatch("Action", itemPath, item)
                continue
            }
            checkAction(text, itemPath, item.span)
            checkVariableUnsupported(in: text, element: element.key, itemPath, item.span)
            if element.key == "Action" { checkActionForResourceType(text, itemPath, item.span) }
            entries.append(Entry(text: text, match: text.lowercased(), path: itemPath, span: item.span))
        }
        reportRedundant(entries, code: "REDUNDANT_ACTION")
    }

    mutating func checkAction(_ text: String, _ path: Path, _ span: Range<Int>) {
        if text == "*" { return }
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
            add(.error, "INVALID_ACTION", "An action is written service:Action, such as s3:GetObject.", path, span)
            return
        }
        let prefix = String(text[..<colon]), name = String(text[text.index(after: colon)...])
        if kind == .resourceControl, Self.isLiteral(Substring(prefix)), !ResourceControlPolicyRules.services.contains(prefix.lowercased()) {
            add(.error, "RCP_SYNTAX_ERROR_ACTION", "Resource control policies do not apply to \(prefix) actions.", path, span)
        }
        guard let service = catalogue.service(prefix), !prefix.contains("*") else {
            if let near = Self.closestService(prefix.lowercased(), in: catalogue) {
                add(
                    .error, "INVALID_SERVICE_IN_ACTION", "The service \(prefix) in the action does not exist. Did you mean \(near)?", path, span)
            } else {
                add(.error, "INVALID_SERVICE", "The service \(prefix) does not exist.", path, span)
            }
            return
        }
        if kind == .serviceControl, let star = name.firstIndex(where: { $0 == "*" || $0 == "?" }), name.index(after: star) != name.endIndex {
            add(.error, "SCP_SYNTAX_ERROR_ACTION_WILDCARD", "In a service control policy a wildcard may only end an action name.", path, span)
        }
        let lowerName = name.lowercased()
        if lowerName.contains("*") || lowerName.contains("?") {
            let pattern = GlobPattern(lowerName)
            if !service.actions.keys.contains(where: { pattern.matches($0) }) {
                add(.error, "INVALID_ACTION", "The action \(text) matches no action of \(prefix).", path, span)
            }
        } else if service.actions[lowerName] == nil {
            let suggestion = Self.closest(lowerName, in: service.actions).map { " Did you mean \(prefix):\($0)?" } ?? ""
            add(.error, "INVALID_ACTION", "The action \(text) does not exist.\(suggestion)", path, span)
        }
    }

    /// A list entry (an action or a resource) as written, and the form patterns are matched in.
    struct Entry {
        var text: String
        var match: String
        var path: Path
        var span: Range<Int>
    }

    /// An entry another entry of the same list already covers (a pattern matching it, or an earlier copy).
    mutating func reportRedundant(_ entries: [Entry], code: String) {
        for (i, e) in entries.enumerated() {
            let covering = entries.indices.first { j in
                j != i && (entries[j].match == e.match ? j < i : GlobPattern(entries[j].match).matches(e.match))
            }
            if let j = covering {
                add(.suggestion, code, "\(e.text) is already covered by \(entries[j].text); remove it.", e.path, e.span)
            }
        }
    }

    /// The action whose name differs least from `name` (at most a few edits), for "did you mean".
    static func closest(_ name: String, in actions: [String: String]) -> String? {
        var best: (String, Int)?
        for (lower, spelled) in actions where abs(lower.count - name.count) <= 2 {
            let d = editDistance(Array(lower.utf8), Array(name.utf8))
            if d <= 2, best.map({ d < $0.1 }) ?? true { best = (spelled, d) }
        }
        return best?.0
    }

    /// The service prefix differing least from `prefix` (one edit for a prefix of up to four letters, two
    /// beyond; none for two letters or fewer, where everything is near).
    static func closestService(_ prefix: String, in catalogue: ServiceCatalogue) -> String? {
        guard prefix.count > 2, !prefix.contains("*"), !prefix.contains("?") else { return nil }
        let limit = prefix.count <= 4 ? 1 : 2
        var best: (String, Int)?
        for known in catalogue.services.keys.sorted() where abs(known.count - prefix.count) <= limit {
            let d = editDistance(Array(known.utf8), Array(prefix.utf8))
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (known, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    // MARK: Principals

    mutating func checkPrincipal(_ s: Value, _ path: Path, effect: String?) {
        let principal = s.member("Principal"), notPrincipal = s.member("NotPrincipal")
        if principal != nil && notPrincipal != nil {
            add(
                .error, "UNSUPPORTED_ELEMENT_COMBINATION", "Use Principal or NotPrincipal, not both.", path + [.key("NotPrincipal")],
                notPrincipal!.keySpan)
        }
        guard let element = principal ?? notPrincipal else {
            if kind == .resource || kind == .resourceControl {
                add(.error, "MISSING_PRINCIPAL", "Add a Principal element: a resource policy says whom it applies to.", path, s.span)
            }
            return
        }
        let elementPath = path + [.value(element.key)]
        switch kind {
        case .identity:
            add(
                .error, "UNSUPPORTED_PRINCIPAL", "An identity policy applies to its holder; remove \(element.key).", path + [.key(element.key)],
                element.keySpan)
            return
        case .serviceControl:
            add(
                .error, "SCP_SYNTAX_ERROR_PRINCIPAL", "A service control policy has no \(element.key) element.", path + [.key(element.key)],
                element.keySpan)
            return
        case .resourceControl:
            if element.key == "NotPrincipal" || element.value.string != "*" {
                add(.error, "RCP_SYNTAX_ERROR_PRINCIPAL", "In a resource control policy the Principal is \"*\".", elementPath, element.value.span)
            }
            return
        case .resource:
            break
        }
        if element.key == "NotPrincipal" {
            if isTrustPolicy {
                add(
                    .error, "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", "A role trust policy cannot use NotPrincipal.",
                    path + [.key("NotPrincipal")], element.keySpan)
            } else if effect == "Allow" {
                add(
                    .securityWarning, "ALLOW_WITH_NOT_PRINCIPAL",
                    "Allow with NotPrincipal grants access to every principal not listed, anonymous users included.", path + [.key("NotPrincipal")],
                    element.keySpan)
            }
        }
        if let star = element.value.string {
            if star != "*" {
                add(.error, "INVALID_PRINCIPAL_FORMAT", "A Principal is \"*\" or an object such as {\"AWS\": …}.", elementPath, element.value.span)
            } else if isTrustPolicy {
                add(
                    .error, "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", "A role trust policy cannot trust \"*\".", elementPath,
                    element.value.span)
            }
            return
        }
        guard let members = element.value.members else { return typeMismatch("Principal", elementPath, element.value) }
        if members.isEmpty {
            add(
                .suggestion, "EMPTY_OBJECT_PRINCIPAL", "The Principal names nobody, so the statement applies to nobody.", elementPath,
                element.value.span)
        }
        for m in members {
            guard ["AWS", "CanonicalUser", "Federated", "Service"].contains(m.key) else {
                add(
                    .error, "INVALID_PRINCIPAL_KEY", "\(m.key) is not a principal type; use AWS, Service, Federated or CanonicalUser.",
                    elementPath + [.key(m.key)], m.keySpan)
                continue
            }
            guard let values = m.value.stringOrList else {
                typeMismatch("Principal", elementPath + [.value(m.key)], m.value)
                continue
            }
            if values.isEmpty {
                add(.suggestion, "EMPTY_ARRAY_PRINCIPAL", "The list names nobody.", elementPath + [.value(m.key)], m.value.span)
            }
            if m.key == "Federated" && !isTrustPolicy {
                add(
                    .error, "FEDERATED_PRINCIPAL_NOT_SUPPORTED", "Federated principals belong in role trust policies.", elementPath + [.key(m.key)],
                    m.keySpan)
            }
            for (i, v) in values.enumerated() {
                let vPath = m.value.items == nil ? elementPath + [.value(m.key)] : elementPath + [.value(m.key), .index(i)]
                guard let text = v.string else {
                    typeMismatch("Principal", vPath, v)
                    continue
                }
                checkVariableUnsupported(in: text, element: element.key, vPath, v.span)
                if text != "*" && (text.contains("*") || text.contains("?")) && m.key != "CanonicalUser" {
                    add(
                        .error, "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
                        "A \(m.key) principal is named exactly; * and ? are not patterns here (use \"*\" alone, or a condition such as aws:PrincipalArn).",
                        vPath, v.span)
                    continue
                }
                if m.key == "Federated" && isTrustPolicy && text != "*" && !Self.isFederatedProvider(text) {
                    add(
                        .error, "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
                        "A federated principal is a SAML or OIDC provider ARN (arn:aws:iam::account:saml-provider/name) or a provider's domain name.",
                        vPath, v.span)
                }
                if m.key == "Service" && !(text.hasSuffix(".amazonaws.com") || text.hasSuffix(".amazonaws.com.cn")) {
                    add(.error, "INVALID_SERVICE_PRINCIPAL_FORMAT", "A service principal looks like service.amazonaws.com.", vPath, v.span)
                }
                if m.key == "AWS" && text != "*" {
                    if text.hasPrefix("AIDA") {
                        add(.warning, "INVALID_USER_REFERENCE", "Name the user by its ARN, not its unique id.", vPath, v.span)
                    } else if text.hasPrefix("AROA") {
                        add(.warning, "INVALID_ROLE_REFERENCE", "Name the role by its ARN, not its unique id.", vPath, v.span)
                    } else if !(text.count == 12 && text.allSatisfy(\.isNumber)) {
                        checkArn(text, vPath, v.span)
                    }
                }
            }
        }
    }

    // MARK: Grants of roles

    /// PassRole (SECURITY_WARNING) and CreateServiceLinkedRole (WARNING) on every role: the statement's
    /// action and resource shapes pick AWS's code.
    mutating func checkPassRole(_ s: Value, _ path: Path, effect: String?) {
        guard kind == .identity, effect == "Allow" else { return }
        let action = s.member("Action"), notAction = s.member("NotAction")
        let resource = s.member("Resource"), notResource = s.member("NotResource")
        func strings(_ m: LocatedJSON.Member?) -> [String] { m?.value.stringOrList?.compactMap(\.string) ?? [] }
        let resourceIsStar = strings(resource).contains("*")
        for (target, family, type) in [
            ("iam:passrole", "PASS_ROLE", PolicyFinding.FindingType.securityWarning),
            ("iam:createservicelinkedrole", "CREATE_SLR", PolicyFinding.FindingType.warning),
        ] {
            let grantedBy = strings(action).first { GlobPattern($0.lowercased()).matches(target) }
            let notExcluded = action == nil && notAction != nil && !strings(notAction).contains { GlobPattern($0.lowercased()).matches(target) }
            guard grantedBy != nil || notExcluded else { continue }
            let starAction = grantedBy == "*"
            let code: String
            if notResource != nil {
                code =
                    notExcluded
                    ? "\(family)_WITH_NOT_ACTION_AND_NOT_RESOURCE"
                    : starAction ? "\(family)_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE" : "\(family)_WITH_NOT_RESOURCE"
            } else if resourceIsStar {
                code =
                    notExcluded
                    ? "\(family)_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"
                    : starAction ? "\(family)_WITH_STAR_IN_ACTION_AND_RESOURCE" : "\(family)_WITH_STAR_IN_RESOURCE"
            } else {
                continue
            }
            let element = resource ?? notResource!
            let what = family == "PASS_ROLE" ? "iam:PassRole" : "iam:CreateServiceLinkedRole"
            add(
                type, code, "The statement allows \(what) on every role; name the roles (and, for PassRole, condition on iam:PassedToService).",
                path + [.value(element.key)], element.value.span)
        }
    }

    // MARK: Role trust policies

    /// AssumeRoleWithSAML needs a SAML provider among the principals, AssumeRoleWithWebIdentity an OIDC one.
    mutating func checkTrustActions(_ s: Value, _ path: Path) {
        guard isTrustPolicy, let action = s.member("Action"), let items = action.value.stringOrList,
            let members = s.member("Principal")?.value.members
        else { return }
        var principals: [(key: String, value: String)] = []
        for m in members {
            for v in m.value.stringOrList ?? [] { if let text = v.string { principals.append((m.key, text)) } }
        }
        guard !principals.isEmpty else { return }
        let saml = principals.contains { $0.key == "Federated" && $0.value.contains(":saml-provider/") }
        let oidc = principals.contains {
            $0.key == "Federated" && ($0.value.contains(":oidc-provider/") || !$0.value.hasPrefix("arn:"))
        }
        for (i, item) in items.enumerated() {
            guard let text = item.string else { continue }
            let lower = text.lowercased()
            let mismatched =
                (lower == "sts:assumerolewithsaml" && !saml) || (lower == "sts:assumerolewithwebidentity" && !oidc)
            guard mismatched else { continue }
            let itemPath = action.value.items == nil ? path + [.value("Action")] : path + [.value("Action"), .index(i)]
            let wanted = lower == "sts:assumerolewithsaml" ? "a SAML provider (Federated: arn:…:saml-provider/…)" : "an OIDC provider (Federated)"
            add(
                .error, "MISMATCHED_ACTION_FOR_PRINCIPAL",
                "\(text) does not work with \(principals.map(\.value).joined(separator: ", ")); it needs \(wanted) as principal.", itemPath,
                item.span)
        }
    }
}
