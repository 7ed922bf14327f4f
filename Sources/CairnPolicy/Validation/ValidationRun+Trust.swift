/// Role trust policies' principals (Roles Anywhere, federated providers, sessions of listed roles) and statements
/// that repeat one another.
extension ValidationRun {
    /// IAM Roles Anywhere needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession; an assumed-role session of a
    /// role the same list already trusts adds nothing.
    mutating func checkTrustPrincipals(_ s: Value, _ path: Path, effect: String?) {
        guard isTrustPolicy, effect == "Allow", let principal = s.member("Principal"), let members = principal.value.members else { return }
        func strings(_ key: String) -> [(Int, Value)] {
            guard let m = members.first(where: { $0.key == key }), let values = m.value.stringOrList else { return [] }
            return Array(values.enumerated())
        }
        let services = strings("Service").compactMap { $0.1.string?.lowercased() }
        if services.contains("rolesanywhere.amazonaws.com"), let action = s.member("Action"), let items = action.value.stringOrList {
            let patterns = items.compactMap(\.string).map { GlobPattern($0.lowercased()) }
            let missing = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"].filter { target in
                !patterns.contains { $0.matches(target.lowercased()) }
            }
            if !missing.isEmpty {
                add(
                    .error, "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY",
                    "IAM Roles Anywhere (rolesanywhere.amazonaws.com) needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession; add \(missing.joined(separator: ", ")).",
                    path + [.value("Action")], action.value.span)
            }
        }
        let aws = strings("AWS")
        let awsIsList = members.first { $0.key == "AWS" }?.value.items != nil
        var roles: Set<String> = []
        for (_, v) in aws {
            guard let text = v.string else { continue }
            let f = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard f.count == 6, f[0] == "arn", f[2] == "iam", f[5].hasPrefix("role/"), let name = f[5].split(separator: "/").last else { continue }
            roles.insert("\(f[1]):\(f[4]):\(name)")
        }
        for (i, v) in aws {
            guard let text = v.string else { continue }
            let f = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard f.count == 6, f[0] == "arn", f[2] == "sts", f[5].hasPrefix("assumed-role/") else { continue }
            let parts = f[5].split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, roles.contains("\(f[1]):\(f[4]):\(parts[1])") else { continue }
            let vPath: Path = awsIsList ? path + [.value("Principal"), .value("AWS"), .index(i)] : path + [.value("Principal"), .value("AWS")]
            add(
                .suggestion, "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
                "\(text) is a session of the role \(parts[1]), which this statement already trusts; remove the session.", vPath, v.span)
        }
    }

    /// A Federated principal of a role trust policy: a SAML or OIDC provider ARN of IAM, or the domain of a web
    /// identity provider (`cognito-identity.amazonaws.com`, `accounts.google.com`, an OIDC issuer host and path).
    static func isFederatedProvider(_ text: String) -> Bool {
        let f = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        if f.first == "arn" {
            guard f.count == 6, !f[1].isEmpty, f[2] == "iam", f[3].isEmpty, f[4].count == 12, f[4].allSatisfy(\.isNumber) else { return false }
            for kind in ["saml-provider/", "oidc-provider/"] where f[5].hasPrefix(kind) { return f[5].count > kind.count }
            return false
        }
        let host = text.prefix { $0 != "/" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2
            && labels.allSatisfy { label in
                !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
            }
            && !text.contains(where: \.isWhitespace)
    }

    // MARK: Repeated statements

    /// Statements that say the same thing apart from their Sid: element lists compared as sets (a string and a list
    /// of that one string alike), object members in any order.
    mutating func reportRedundantStatements(_ statements: [(Path, Value)]) {
        var seen: [String: Int] = [:]
        for (n, (path, s)) in statements.enumerated() {
            guard let members = s.members, members.contains(where: { $0.key == "Effect" }) else { continue }
            let canonical = members.filter { $0.key != "Sid" }.map { "\($0.key)=\(Self.canonical($0.value))" }.sorted().joined(separator: ";")
            if let first = seen[canonical] {
                add(
                    .suggestion, "REDUNDANT_STATEMENT",
                    "This statement grants or denies exactly what the statement with index \(first) does; remove one of them.", path, s.span)
            } else {
                seen[canonical] = n
            }
        }
    }

    /// A statement's value in a form equal for equal meanings: every array a sorted set, a lone scalar a set of one.
    static func canonical(_ v: Value) -> String {
        func atom(_ v: Value) -> String {
            switch v.node {
            case .string(let s): "s" + s.debugDescription
            case .number(let n): "n" + n
            case .bool(let b): b ? "true" : "false"
            case .null: "null"
            case .object(let members): "{" + members.map { "\($0.key.debugDescription):\(canonical($0.value))" }.sorted().joined(separator: ",") + "}"
            case .array: canonical(v)
            }
        }
        switch v.node {
        case .array(let items): return "[" + Set(items.map(atom)).sorted().joined(separator: ",") + "]"
        case .object: return atom(v)
        default: return "[" + atom(v) + "]"
        }
    }
}
