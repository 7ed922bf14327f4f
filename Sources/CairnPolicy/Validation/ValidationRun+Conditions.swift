/// Condition blocks: operators, keys against the global and service catalogues, and values against the
/// operator's type.
extension ValidationRun {
    mutating func checkCondition(_ condition: Value, _ path: Path, statement: Value, effect: String?) {
        guard let blocks = condition.members else { return typeMismatch("Condition", path, condition) }
        if blocks.isEmpty {
            add(.suggestion, "EMPTY_OBJECT_CONDITION", "Remove the empty Condition block.", path, condition.span)
        }
        for block in blocks {
            let blockPath = path + [.value(block.key)]
            guard let op = ConditionOperator(block.key) else {
                let code = block.key.hasPrefix("Null") && block.key.hasSuffix("IfExists") ? "NULL_WITH_IF_EXISTS" : "INVALID_CONDITION_OPERATOR"
                add(.error, code, "\(block.key) is not a condition operator.", path + [.key(block.key)], block.keySpan)
                continue
            }
            guard let keys = block.value.members else {
                typeMismatch("condition operator", blockPath, block.value)
                continue
            }
            if keys.isEmpty {
                add(.suggestion, "EMPTY_OBJECT_CONDITION", "Remove the empty \(block.key) block.", blockPath, block.value.span)
            }
            if op.base == .null && op.qualifier != nil {
                add(
                    .suggestion, "NULL_WITH_QUALIFIER", "Null tests whether a key is present; a set qualifier changes nothing.",
                    path + [.key(block.key)], block.keySpan)
            }
            var lowered: Set<String> = []
            for key in keys {
                if !lowered.insert(key.key.lowercased()).inserted {
                    add(
                        .error, "DUPLICATE_KEYS_WITH_DIFFERENT_CASE", "\(key.key) appears twice in \(block.key), differing only in case.",
                        blockPath + [.key(key.key)], key.keySpan)
                }
                checkConditionKey(key, op: op, blockPath)
            }
        }
    }

    mutating func checkConditionKey(_ key: LocatedJSON.Member, op: ConditionOperator, _ blockPath: Path) {
        let keyPath = blockPath + [.key(key.key)]
        let valuePath = blockPath + [.value(key.key)]
        let lower = key.key.lowercased()
        var type: String?
        if lower == "aws:arn" {
            add(.error, "UNSUPPORTED_GLOBAL_CONDITION_KEY", "aws:ARN is not supported; use aws:PrincipalArn or aws:SourceArn.", keyPath, key.keySpan)
        } else if ["aws:resourcetag", "aws:requesttag", "aws:principaltag", "aws:resourcetag/", "aws:requesttag/", "aws:principaltag/"].contains(
            lower)
        {
            add(
                .error, "MISSING_TAG_KEY_IN_CONDITION", "Name the tag after the slash, as in \(key.key.split(separator: "/").first ?? "")/team.",
                keyPath, key.keySpan)
        } else if lower.hasPrefix("aws:") {
            type = GlobalConditionKeys.type(lower)
            if type == nil { add(.error, "INVALID_GLOBAL_CONDITION_KEY", "\(key.key) is not a global condition key.", keyPath, key.keySpan) }
        } else if let colon = lower.firstIndex(of: ":"), colon != lower.startIndex {
            let prefix = String(lower[..<colon])
            if catalogue.service(prefix) != nil {
                type = catalogue.keyType(key.key)
                if type == nil {
                    add(.error, "INVALID_SERVICE_CONDITION_KEY", "The service \(prefix) defines no condition key \(key.key).", keyPath, key.keySpan)
                }
            }
            // Keys of identity providers (`token.actions.githubusercontent.com:sub`) and other issuers are not in
            // the catalogue: they are accepted as they are.
        } else {
            add(.error, "INVALID_CONDITION_KEY_FORMAT", "A condition key is written prefix:name, such as aws:SourceIp.", keyPath, key.keySpan)
        }

        guard let values = conditionValues(key.value) else {
            typeMismatch("condition value", valuePath, key.value)
            return
        }
        if values.isEmpty {
            if op.qualifier == .forAllValues {
                add(
                    .suggestion, "EMPTY_ARRAY_CONDITION_FORALLVALUES",
                    "ForAllValues with no values matches only when \(key.key) is absent; say so with Null: true.", valuePath, key.value.span)
            } else if op.qualifier == .forAnyValue {
                add(
                    .suggestion, "EMPTY_ARRAY_CONDITION_FORANYVALUE", "ForAnyValue with no values never matches; add values.", valuePath,
                    key.value.span)
            } else if op.ifExists {
                add(
                    .suggestion, "EMPTY_ARRAY_CONDITION_IFEXISTS",
                    "IfExists with no values matches only when \(key.key) is absent; say so with Null: true.", valuePath, key.value.span)
            } else {
                add(
                    .suggestion, "EMPTY_ARRAY_CONDITION", "The condition has no values, so it never matches; add values or use Null.", valuePath,
                    key.value.span)
            }
        }
        if let items = key.value.items, Set(items.map(Self.jsonType)).count > 1 {
            add(
                .error, "INVALID_CONDITION_DATA_TYPE", "The values of \(key.key) mix JSON types; write them all as strings (or all as one type).",
                valuePath, key.value.span)
        }
        if op.base == .bool && op.qualifier == nil && values.count > 1 && (type == nil || type == "Bool") {
            add(
                .error, "INVALID_CONDITION_MULTIPLE_BOOLEAN", "\(key.key) holds one boolean; compare it with a single true or false.", valuePath,
                key.value.span)
        }
        checkWildcardCondition(key, op: op, values, keyPath)
        checkRegionValues(key, op: op, values, valuePath)
        if let resourceType, let irrelevant = Self.irrelevantKeys[resourceType], irrelevant.contains(lower) {
            add(
                .suggestion, "IRRELEVANT_CONDITION_KEY_IN_POLICY",
                "\(key.key) means nothing in a policy attached to \(resourceType); use it in identity policies instead.", keyPath, key.keySpan)
        }
        if let type {
            let multivalued = type.hasPrefix("ArrayOf")
            if op.qualifier == .forAllValues && !multivalued {
                add(
                    .securityWarning, "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
                    "ForAllValues with the single-valued key \(key.key) matches when the key is absent; use the operator without it.",
                    keyPath, key.keySpan)
            }
            if multivalued && op.qualifier == nil && op.base != .null {
                add(.error, "MISSING_QUALIFIER", "\(key.key) is multivalued: use ForAllValues or ForAnyValue.", keyPath, key.keySpan)
            }
            checkOperatorFamily(op, keyType: type, key, keyPath)
        }
        if op.base == .stringLike || op.base == .stringNotLike, type?.hasSuffix("ARN") == true {
            add(
                .securityWarning, "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS", "Compare ARN keys with ArnLike, which matches field by field.",
                keyPath,
                key.keySpan)
        }
        for (i, v) in values.enumerated() {
            let path = key.value.items == nil ? valuePath : valuePath + [.index(i)]
            checkConditionValue(v, op: op, path)
        }
        checkKnownValues(key, op: op, values, valuePath)
        checkKeySemantics(key, op: op, values, keyPath: keyPath, valuePath: valuePath)
    }

    func conditionValues(_ value: Value) -> [Value]? {
        switch value.node {
        case .string, .number, .bool: [value]
        case .array(let items):
            items.allSatisfy { if case .array = $0.node { false } else if case .object = $0.node { false } else { true } } ? items : nil
        default: nil
        }
    }

    /// The operator's family against the key's type, as AWS's TYPE_MISMATCH reads them.
    mutating func checkOperatorFamily(_ op: ConditionOperator, keyType: String, _ key: LocatedJSON.Member, _ keyPath: Path) {
        let base = keyType.replacingOccurrences(of: "ArrayOf", with: "")
        let fits: Bool
        switch op.base.family {
        case .string: fits = base == "String" || base == "ARN"
        case .arn: fits = base == "ARN" || base == "String"
        case .numeric: fits = base == "Numeric" || base == "Date"
        case .date: fits = base == "Date"
        case .bool: fits = base == "Bool"
        case .ip: fits = base == "IPAddress"
        case .binary, .null: fits = true
        }
        if !fits {
            add(
                .warning, "TYPE_MISMATCH", "\(op.base.rawValue) compares \(key.key), of type \(keyType), with the wrong kind of operator.", keyPath,
                key.keySpan)
        }
    }

    mutating func checkConditionValue(_ v: Value, op: ConditionOperator, _ path: Path) {
        let text: String
        switch v.node {
        case .string(let s): text = s
        case .number(let n): text = n
        case .bool(let b): text = b ? "true" : "false"
        default: return
        }
        switch op.base.family {
        case .bool where text.lowercased() != "true" && text.lowercased() != "false":
            add(.warning, "TYPE_MISMATCH_BOOLEAN", "\(text) is not a boolean (true or false).", path, v.span)
        case .numeric where Double(text) == nil && !text.contains("${"):
            add(.warning, "TYPE_MISMATCH_NUMBER", "\(text) is not a number.", path, v.span)
        case .date where PolicyDate.parse(text) == nil && !text.contains("${"):
            add(.warning, "TYPE_MISMATCH_DATE", "\(text) is not a date (ISO 8601, such as 2026-01-01T00:00:00Z).", path, v.span)
        case .ip where CIDRBlock(text) == nil:
            add(.error, "TYPE_MISMATCH_IP_RANGE", "\(text) is not an IP address or CIDR range.", path, v.span)
        case .string where (op.base == .stringEquals || op.base == .stringNotEquals) && (text.contains("*") || text.contains("?")):
            add(
                .warning, "WILDCARD_WITHOUT_LIKE_OPERATOR", "\(op.base.rawValue) compares * and ? literally; use StringLike to match patterns.", path,
                v.span)
        case .binary where !Self.isBase64(text):
            add(.warning, "TYPE_MISMATCH_STRING", "\(text) is not base64; BinaryEquals compares base64-encoded values.", path, v.span)
        case .null where text.lowercased() != "true" && text.lowercased() != "false":
            add(.warning, "TYPE_MISMATCH_BOOLEAN", "Null takes true or false.", path, v.span)
        default:
            break
        }
        if case .string = v.node { checkVariables(in: text, path, v.span) }
        if text.contains("${") && !op.base.acceptsVariables {
            add(.error, "INVALID_VARIABLE_FOR_OPERATOR", "Policy variables work only with String and Arn operators.", path, v.span)
        }
    }

    static func jsonType(_ v: Value) -> Int {
        switch v.node {
        case .string: 0
        case .number: 1
        case .bool: 2
        default: 3
        }
    }

    /// Keys a resource policy of that type never sees (AWS's example: the bucket's own account).
    static let irrelevantKeys: [String: Set<String>] = [
        "AWS::S3::Bucket": ["s3:resourceaccount"], "AWS::S3::AccessPoint": ["s3:resourceaccount"],
    ]

    /// A value of exactly `*` with a Like operator decides the condition by the key's presence alone: always true
    /// (the key is redundant), never true (the statement is), or the same as a Null test.
    mutating func checkWildcardCondition(_ key: LocatedJSON.Member, op: ConditionOperator, _ values: [Value], _ keyPath: Path) {
        guard [.stringLike, .stringNotLike, .arnLike, .arnNotLike].contains(op.base), values.contains(where: { $0.string == "*" }) else { return }
        let negated = op.base.isNegated
        enum Outcome { case always, never, whenAbsent, whenPresent }
        let outcome: Outcome?
        switch (op.qualifier, op.ifExists) {
        case (nil, false): outcome = negated ? .whenAbsent : .whenPresent
        case (nil, true): outcome = negated ? .whenAbsent : .always
        case (.forAllValues?, false): outcome = negated ? .whenAbsent : .always
        case (.forAnyValue?, false): outcome = negated ? .never : .whenPresent
        default: outcome = nil
        }
        switch outcome {
        case .always:
            add(
                .suggestion, "REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION",
                "\(op.base.rawValue) with \"*\" matches every request, so \(key.key) constrains nothing here; remove it.", keyPath, key.keySpan)
        case .never:
            add(
                .suggestion, "REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION",
                "No value of \(key.key) fails to match \"*\", so this condition never matches and the statement never applies.", keyPath,
                key.keySpan)
        case .whenAbsent:
            add(
                .suggestion, "EQUIVALENT_TO_NULL_TRUE",
                "With \"*\" this matches only when \(key.key) is absent: write Null: {\"\(key.key)\": \"true\"}.",
                keyPath, key.keySpan)
        case .whenPresent:
            add(
                .suggestion, "EQUIVALENT_TO_NULL_FALSE",
                "With \"*\" this matches whenever \(key.key) is present: write Null: {\"\(key.key)\": \"false\"}.", keyPath, key.keySpan)
        case nil:
            break
        }
    }

    /// aws:RequestedRegion compared with literal values that are not Region codes.
    mutating func checkRegionValues(_ key: LocatedJSON.Member, op: ConditionOperator, _ values: [Value], _ valuePath: Path) {
        guard key.key.lowercased() == "aws:requestedregion", op.base.family == .string else { return }
        for (i, v) in values.enumerated() {
            guard let text = v.string, Self.isLiteral(Substring(text)), !Self.isRegionCode(text) else { continue }
            add(
                .error, "INVALID_REGION", "\(text) is not a Region code (such as us-east-1).",
                key.value.items == nil ? valuePath : valuePath + [.index(i)], v.span)
        }
    }
}
