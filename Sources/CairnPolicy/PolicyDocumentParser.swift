/// Turns a JSON tree into a `PolicyDocument`, rejecting anything AWS would not accept structurally.
///
/// Role-specific rules (a Principal in an identity policy, size limits, NotPrincipal with Allow) are left to
/// `PolicyLint`, because the evaluator must still give those documents a defined meaning.
enum PolicyDocumentParser {
    typealias Failure = PolicyParseError

    static func document(_ json: JSONValue) throws(Failure) -> PolicyDocument {
        guard case .object(let members) = json else {
            throw Failure(path: "", message: "policy document must be a JSON object, found \(json.typeName)")
        }
        var version: PolicyVersion?
        var id: String?
        var statements: [Statement]?
        var wasObject = false
        for m in members {
            switch m.key {
            case "Version":
                guard case .string(let s) = m.value else { throw Failure(path: "Version", message: "must be a string") }
                guard let v = PolicyVersion(rawValue: s) else {
                    throw Failure(path: "Version", message: "unsupported version \"\(s)\" (use 2012-10-17)")
                }
                version = v
            case "Id":
                guard case .string(let s) = m.value else { throw Failure(path: "Id", message: "must be a string") }
                id = s
            case "Statement":
                switch m.value {
                case .object:
                    wasObject = true
                    statements = [try statement(m.value, path: "Statement")]
                case .array(let items):
                    var list: [Statement] = []
                    list.reserveCapacity(items.count)
                    for (i, item) in items.enumerated() {
                        list.append(try statement(item, path: "Statement[\(i)]"))
                    }
                    statements = list
                default:
                    throw Failure(path: "Statement", message: "must be an object or an array of objects, found \(m.value.typeName)")
                }
            default:
                throw Failure(path: m.key, message: "unknown element \"\(m.key)\"")
            }
        }
        guard let statements else { throw Failure(path: "Statement", message: "missing required element") }
        return PolicyDocument(version: version, id: id, statements: statements, statementWasObject: wasObject)
    }

    static func statement(_ json: JSONValue, path: String) throws(Failure) -> Statement {
        guard case .object(let members) = json else {
            throw Failure(path: path, message: "statement must be an object, found \(json.typeName)")
        }
        var sid: String?
        var effect: Effect?
        var action: ActionClause?
        var resource: ResourceClause?
        var principal: PrincipalClause?
        var conditions: [ConditionClause] = []
        for m in members {
            let p = "\(path).\(m.key)"
            switch m.key {
            case "Sid":
                guard case .string(let s) = m.value else { throw Failure(path: p, message: "must be a string") }
                sid = s
            case "Effect":
                guard case .string(let s) = m.value, let e = Effect(rawValue: s) else {
                    throw Failure(path: p, message: "must be \"Allow\" or \"Deny\"")
                }
                effect = e
            case "Action", "NotAction":
                if action != nil { throw Failure(path: p, message: "a statement takes exactly one of Action or NotAction") }
                let list = try stringList(m.value, path: p)
                action = m.key == "Action" ? .action(list) : .notAction(list)
            case "Resource", "NotResource":
                if resource != nil {
                    throw Failure(path: p, message: "a statement takes at most one of Resource or NotResource")
                }
                let list = try stringList(m.value, path: p)
                resource = m.key == "Resource" ? .resource(list) : .notResource(list)
            case "Principal", "NotPrincipal":
                if principal != nil {
                    throw Failure(path: p, message: "a statement takes at most one of Principal or NotPrincipal")
                }
                let set = try principalSet(m.value, path: p)
                principal = m.key == "Principal" ? .principal(set) : .notPrincipal(set)
            case "Condition":
                conditions = try conditionBlock(m.value, path: p)
            default:
                throw Failure(path: p, message: "unknown element \"\(m.key)\"")
            }
        }
        guard let effect else { throw Failure(path: "\(path).Effect", message: "missing required element") }
        guard let action else { throw Failure(path: "\(path).Action", message: "missing required element (Action or NotAction)") }
        return Statement(sid: sid, effect: effect, action: action, resource: resource, principal: principal, conditions: conditions)
    }

    static func stringList(_ json: JSONValue, path: String) throws(Failure) -> [String] {
        switch json {
        case .string(let s):
            return [s]
        case .array(let items):
            guard !items.isEmpty else { throw Failure(path: path, message: "must not be an empty array") }
            var out: [String] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                guard case .string(let s) = item else {
                    throw Failure(path: "\(path)[\(i)]", message: "must be a string, found \(item.typeName)")
                }
                out.append(s)
            }
            return out
        default:
            throw Failure(path: path, message: "must be a string or an array of strings, found \(json.typeName)")
        }
    }

    static func principalSet(_ json: JSONValue, path: String) throws(Failure) -> PrincipalSet {
        switch json {
        case .string("*"):
            return PrincipalSet(wildcard: true)
        case .object(let members):
            var set = PrincipalSet()
            for m in members {
                let p = "\(path).\(m.key)"
                let list = try stringList(m.value, path: p)
                switch m.key {
                case "AWS": set.aws = list
                case "Service": set.service = list
                case "Federated": set.federated = list
                case "CanonicalUser": set.canonicalUser = list
                default: throw Failure(path: p, message: "unknown principal type \"\(m.key)\" (AWS, Service, Federated or CanonicalUser)")
                }
            }
            if members.isEmpty { throw Failure(path: path, message: "must name at least one principal") }
            return set
        default:
            throw Failure(path: path, message: "must be \"*\" or an object such as {\"AWS\": …}")
        }
    }

    static func conditionBlock(_ json: JSONValue, path: String) throws(Failure) -> [ConditionClause] {
        guard case .object(let ops) = json else { throw Failure(path: path, message: "must be an object, found \(json.typeName)") }
        var clauses: [ConditionClause] = []
        for opMember in ops {
            guard let op = ConditionOperator(opMember.key) else {
                throw Failure(path: path, message: "unknown operator \(opMember.key)")
            }
            let opPath = "\(path).\(opMember.key)"
            guard case .object(let keys) = opMember.value else {
                throw Failure(path: opPath, message: "must be an object of condition keys, found \(opMember.value.typeName)")
            }
            if keys.isEmpty { throw Failure(path: opPath, message: "must name at least one condition key") }
            for k in keys {
                let kPath = "\(opPath).\(k.key)"
                if k.key.isEmpty { throw Failure(path: kPath, message: "condition key must not be empty") }
                var values: [String] = []
                switch k.value {
                case .array(let items):
                    if items.isEmpty { throw Failure(path: kPath, message: "must list at least one value") }
                    for (i, item) in items.enumerated() {
                        guard let text = item.scalarText else {
                            throw Failure(path: "\(kPath)[\(i)]", message: "must be a string, number or boolean, found \(item.typeName)")
                        }
                        values.append(text)
                    }
                default:
                    guard let text = k.value.scalarText else {
                        throw Failure(path: kPath, message: "must be a string, number, boolean or an array of them, found \(k.value.typeName)")
                    }
                    values = [text]
                }
                if op.base == .null {
                    for v in values where v.lowercased() != "true" && v.lowercased() != "false" {
                        throw Failure(path: kPath, message: "Null takes \"true\" or \"false\", found \"\(v)\"")
                    }
                }
                clauses.append(ConditionClause(op: op, key: k.key, values: values))
            }
        }
        return clauses
    }
}
