/// One document's validation: walks the located tree once and collects findings.
struct ValidationRun {
    typealias Value = LocatedJSON.Value
    typealias Path = [PolicyFinding.PathElement]

    let document: LocatedJSON
    let catalogue: ServiceCatalogue
    let kind: PolicyValidator.PolicyKind
    /// validatePolicyResourceType, for resource policies.
    let resourceType: String?
    let resources: ResourceCatalogue
    var findings: [PolicyFinding] = []

    var isTrustPolicy: Bool { resourceType == "AWS::IAM::AssumeRolePolicyDocument" }

    init(
        document: LocatedJSON, catalogue: ServiceCatalogue, kind: PolicyValidator.PolicyKind, resourceType: String?,
        resources: ResourceCatalogue = .aws
    ) {
        self.document = document
        self.catalogue = catalogue
        self.kind = kind
        self.resourceType = resourceType
        self.resources = resources
    }

    mutating func add(_ type: PolicyFinding.FindingType, _ code: String, _ details: String, _ path: Path, _ span: Range<Int>) {
        func position(_ offset: Int) -> PolicyFinding.Position {
            let (line, column) = document.lineAndColumn(offset)
            return .init(line: line, column: column, offset: offset)
        }
        findings.append(
            PolicyFinding(
                type, code, details, locations: [.init(path: path, span: .init(start: position(span.lowerBound), end: position(span.upperBound)))]))
    }

    /// A finding about an element's value, unless the value has the wrong JSON type (reported instead).
    mutating func typeMismatch(_ what: String, _ path: Path, _ value: Value) {
        add(.error, "DATA_TYPE_MISMATCH", "The \(what) must be \(Self.expected[what] ?? "of another type").", path, value.span)
    }

    static let expected = [
        "Statement": "an object or an array of objects", "statement": "an object", "Sid": "a string", "Effect": "a string",
        "Version": "a string", "Id": "a string", "Action": "a string or an array of strings", "Resource": "a string or an array of strings",
        "Principal": "\"*\" or an object", "Condition": "an object", "condition operator": "an object",
        "condition value": "a string, a number, a boolean, or an array of them",
    ]

    // MARK: The document

    mutating func checkDocument(_ text: String) {
        guard let top = document.root.members else {
            typeMismatch("policy", [], document.root)
            return
        }
        for m in top where !["Version", "Id", "Statement"].contains(m.key) {
            add(
                .error, "INVALID_POLICY_ELEMENT", "Remove the unsupported element \(m.key) from the top level of the policy.", [.key(m.key)],
                m.keySpan)
        }
        let usesVariables = text.contains("${")
        if let version = document.root.member("Version") {
            if let v = version.value.string {
                if v != "2012-10-17" && v != "2008-10-17" {
                    add(
                        .error, "INVALID_VERSION", "The policy version must be 2012-10-17 (or the legacy 2008-10-17).", [.value("Version")],
                        version.value.span)
                } else if v == "2008-10-17" && usesVariables {
                    add(
                        .error, "VARIABLE_UNSUPPORTED_IN_VERSION", "Policy variables need Version 2012-10-17.", [.value("Version")],
                        version.value.span)
                }
            } else {
                typeMismatch("Version", [.value("Version")], version.value)
            }
        } else {
            add(
                .warning, "MISSING_VERSION", "Add \"Version\": \"2012-10-17\"; without it the policy is read with the 2008 language.", [],
                document.root.span.lowerBound..<(document.root.span.lowerBound + 1))
        }
        checkSize(text)
        guard let statement = document.root.member("Statement") else {
            add(
                .error, "MISSING_STATEMENT", "Add a Statement element to the policy.", [],
                document.root.span.lowerBound..<(document.root.span.lowerBound + 1))
            return
        }
        var statements: [(Path, Value)] = []
        switch statement.value.node {
        case .object: statements = [([.value("Statement")], statement.value)]
        case .array(let items): statements = items.enumerated().map { ([.value("Statement"), .index($0)], $1) }
        default: typeMismatch("Statement", [.value("Statement")], statement.value)
        }
        var sids: [String: Int] = [:]
        for (path, s) in statements {
            guard s.members != nil else {
                typeMismatch("statement", path, s)
                continue
            }
            checkStatement(s, path)
            if let sid = s.member("Sid"), let text = sid.value.string, !text.isEmpty {
                sids[text, default: 0] += 1
                if sids[text] == 2 {
                    // IAM refuses a policy whose Sids repeat (identity and role trust policies); elsewhere it is style.
                    if kind == .identity || isTrustPolicy {
                        add(
                            .error, "UNIQUE_SIDS_REQUIRED", "IAM requires each statement's Sid to be unique; \(text) is used more than once.",
                            path + [.value("Sid")], sid.value.span)
                    } else {
                        add(
                            .warning, "UNIQUE_SIDS_RECOMMENDED", "Give each statement its own Sid; \(text) is used more than once.",
                            path + [.value("Sid")], sid.value.span)
                    }
                }
            }
        }
        reportRedundantStatements(statements)
    }

    /// AWS's quotas count characters without whitespace (identity and SCP/RCP) or with it (resource policies).
    mutating func checkSize(_ text: String) {
        let compact = text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        let whole = document.root.span
        let at = whole.lowerBound..<(whole.lowerBound + 1)
        switch kind {
        case .identity where compact > 6_144:
            add(.warning, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "The policy has \(compact) characters; managed policies allow 6,144.", [], at)
        case .serviceControl where compact > 5_120:
            add(.error, "POLICY_SIZE_EXCEEDS_SCP_QUOTA", "The policy has \(compact) characters; service control policies allow 5,120.", [], at)
        case .resourceControl where compact > 5_120:
            add(.error, "POLICY_SIZE_EXCEEDS_RCP_QUOTA", "The policy has \(compact) characters; resource control policies allow 5,120.", [], at)
        case .resource where isTrustPolicy && compact > 2_048:
            add(
                .warning, "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", "The trust policy has \(compact) characters; the default quota is 2,048.",
                [], at)
        case .resource where !isTrustPolicy && text.unicodeScalars.count > 20_480:
            add(.warning, "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", "The policy is larger than the 20 KB most resource policies allow.", [], at)
        default: break
        }
    }

    // MARK: A statement

    mutating func checkStatement(_ s: Value, _ path: Path) {
        let known = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"]
        for m in s.members ?? [] where !known.contains(m.key) {
            add(.error, "INVALID_POLICY_ELEMENT", "Remove the unsupported element \(m.key) from the statement.", path + [.key(m.key)], m.keySpan)
        }
        checkSid(s, path)
        let effect = checkEffect(s, path)
        checkActions(s, path, effect: effect)
        checkResources(s, path)
        checkPrincipal(s, path, effect: effect)
        if let condition = s.member("Condition") { checkCondition(condition.value, path + [.value("Condition")], statement: s, effect: effect) }
        checkPassRole(s, path, effect: effect)
        checkStatementConditions(s, path, effect: effect)
        checkConditionKeysAgainstActions(s, path)
        checkResourceControlGuards(s, path, effect: effect)
        checkTrustActions(s, path)
        checkTrustPrincipals(s, path, effect: effect)
        checkKeyUsage(s, path, effect: effect)
    }

    mutating func checkSid(_ s: Value, _ path: Path) {
        guard let sid = s.member("Sid") else { return }
        guard let text = sid.value.string else { return typeMismatch("Sid", path + [.value("Sid")], sid.value) }
        if text.isEmpty {
            add(.suggestion, "EMPTY_SID_VALUE", "Remove the empty Sid or give it a value.", path + [.value("Sid")], sid.value.span)
        } else if (kind == .identity || kind == .serviceControl || kind == .resourceControl)
            && !text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        {
            add(.error, "UNSUPPORTED_SID", "A Sid in this policy type may contain only letters and digits.", path + [.value("Sid")], sid.value.span)
        }
    }

    mutating func checkEffect(_ s: Value, _ path: Path) -> String? {
        guard let effect = s.member("Effect") else {
            add(.error, "MISSING_EFFECT", "Add an Effect element (Allow or Deny) to the statement.", path, s.span)
            return nil
        }
        guard let text = effect.value.string else {
            typeMismatch("Effect", path + [.value("Effect")], effect.value)
            return nil
        }
        guard text == "Allow" || text == "Deny" else {
            add(.error, "INVALID_EFFECT", "The Effect must be Allow or Deny.", path + [.value("Effect")], effect.value.span)
            return nil
        }
        if kind == .resourceControl && text == "Allow" {
            let principalIsStar = s.member("Principal")?.value.string == "*"
            let resourceIsStar = s.member("Resource")?.value.string == "*"
            if !principalIsStar || !resourceIsStar || s.member("Condition") != nil {
                add(
                    .error, "RCP_SYNTAX_ERROR_ALLOW",
                    "An Allow in a resource control policy must have Principal \"*\", Resource \"*\" and no Condition.",
                    path + [.value("Effect")], effect.value.span)
            }
        }
        return text
    }

    mutating func checkResources(_ s: Value, _ path: Path) {
        let resource = s.member("Resource"), notResource = s.member("NotResource")
        if resource != nil && notResource != nil {
            add(
                .error, "UNSUPPORTED_ELEMENT_COMBINATION", "Use Resource or NotResource, not both.", path + [.key("NotResource")],
                notResource!.keySpan)
        }
        if isTrustPolicy {
            if let element = resource ?? notResource {
                add(
                    .error, "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", "A role trust policy has no Resource element; remove it.",
                    path + [.key(element.key)], element.keySpan)
            }
            return
        }
        guard let element = resource ?? notResource else {
            if kind == .identity || kind == .resource {
                add(.error, "MISSING_RESOURCE", "Add a Resource or NotResource element to the statement.", path, s.span)
            }
            return
        }
        let elementPath = path + [.value(element.key)]
        guard let items = element.value.stringOrList else { return typeMismatch("Resource", elementPath, element.value) }
        if items.isEmpty {
            add(
                .suggestion, "EMPTY_ARRAY_RESOURCE", "The statement names no resource, so it applies to none; add one or remove it.", elementPath,
                element.value.span)
        }
        var entries: [Entry] = []
        for (i, item) in items.enumerated() {
            let itemPath = element.value.items == nil ? elementPath : elementPath + [.index(i)]
            guard let arn = item.string else {
                typeMismatch("Resource", itemPath, item)
                continue
            }
            let before = findings.count
            checkArn(arn, itemPath, item.span)
            checkVariables(in: arn, itemPath, item.span)
            if findings.count == before, checkArnFormat(arn, itemPath, item.span) {
                checkArnForResourceType(arn, itemPath, item.span)
            }
            entries.append(Entry(text: arn, match: arn, path: itemPath, span: item.span))
        }
        reportRedundant(entries, code: "REDUNDANT_RESOURCE")
    }

    mutating func checkArn(_ arn: String, _ path: Path, _ span: Range<Int>) {
        if arn == "*" || arn.hasPrefix("${") { return }
        guard arn.hasPrefix("arn:") else {
            add(.error, "INVALID_ARN_PREFIX", "An ARN must start with arn:.", path, span)
            return
        }
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6 else {
            add(.error, "MISSING_ARN_FIELD", "An ARN has six fields: arn:partition:service:region:account:resource.", path, span)
            return
        }
        let service = fields[2]
        if service != service.lowercased() {
            add(.error, "INVALID_ARN_SERVICE_CASE", "The service in an ARN is lower case: \(service.lowercased()).", path, span)
        }
        if service.contains("*") || service.contains("?") {
            add(.suggestion, "WILDCARD_IN_SERVICE_NAME", "Name the service in the ARN instead of matching it with a wildcard.", path, span)
        }
        let account = fields[4]
        if !account.isEmpty && !account.contains("*") && !account.contains("?") && !account.contains("${") && account != "aws"
            && !(account.count == 12 && account.allSatisfy(\.isNumber))
        {
            add(.error, "INVALID_ARN_ACCOUNT", "The account in an ARN is 12 digits.", path, span)
        }
    }
}
