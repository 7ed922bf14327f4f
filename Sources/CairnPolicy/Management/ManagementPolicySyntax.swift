/// Why Organizations refuses a management policy document, and where.
package struct ManagementPolicyProblem: Sendable, Equatable, Error {
    /// Dot-separated member names down to the offending setting; "" for the whole document.
    package let path: String
    package let message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// The inheritance operators' spellings, shared by the syntax checks and the merge so both read a document
/// the same way.
enum ManagementOperator {
    static let assign = "@@assign"
    static let append = "@@append"
    static let remove = "@@remove"
    static let childControl = "@@operators_allowed_for_child_policies"
    static let all = "@@all"
    static let none = "@@none"

    static let valueSetting: Set<String> = [assign, append, remove]
    static let childControlNames: Set<String> = [all, none, assign, append, remove]

    /// Member names are joined with dots because AWS's PathToError and Cairn's problems both point at settings,
    /// and management policies never use array indexes for settings.
    static func path(_ parts: [String]) -> String { parts.joined(separator: ".") }
}

/// The value-setting operators a policy lower in the tree may still use at a node.
struct ManagementOperatorSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let assign = ManagementOperatorSet(rawValue: 1)
    static let append = ManagementOperatorSet(rawValue: 2)
    static let remove = ManagementOperatorSet(rawValue: 4)
    static let all: ManagementOperatorSet = [.assign, .append, .remove]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// nil for a value the syntax check refuses, so the merge never widens or narrows on a malformed list.
    init?(childControl value: JSONValue) {
        guard case .array(let items) = value, !items.isEmpty else { return nil }
        var set: ManagementOperatorSet = []
        for item in items {
            guard let name = item.stringValue else { return nil }
            switch name {
            case ManagementOperator.all: set.formUnion(.all)
            case ManagementOperator.none: break
            case ManagementOperator.assign: set.insert(.assign)
            case ManagementOperator.append: set.insert(.append)
            case ManagementOperator.remove: set.insert(.remove)
            default: return nil
            }
        }
        self = set
    }
}

/// The checks Organizations runs on one management policy document at CreatePolicy and UpdatePolicy.
///
/// Only the first problem is reported because MalformedPolicyDocumentException carries one message; the size
/// quota is not checked here because AWS reports it as a different error (ConstraintViolation).
package enum ManagementPolicySyntax {
    /// The management policy types Cairn serves: every Organizations type except the two authorization types
    /// (SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY), which use the IAM grammar instead.
    package static let types: Set<String> = [
        "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY", "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2",
        "SECURITYHUB_POLICY", "INSPECTOR_POLICY", "UPGRADE_ROLLOUT_POLICY", "BEDROCK_POLICY", "S3_POLICY",
        "NETWORK_SECURITY_DIRECTOR_POLICY",
    ]

    /// nil when Organizations would accept `content` as a policy of `type`, else the first problem found.
    ///
    /// Every leaf setting must be an object of operators, even though the merge reads a bare value as
    /// `@@assign`: AWS refuses bare values, and accepting them would let a document through that AWS rejects.
    package static func problem(in content: String, type: String) -> ManagementPolicyProblem? {
        let root: JSONValue
        do {
            root = try JSONParser.parse(content)
        } catch {
            return ManagementPolicyProblem(path: "", message: "The policy is not valid JSON: \(error.message) (at byte \(error.offset)).")
        }
        guard case .object(let top) = root else {
            return ManagementPolicyProblem(
                path: "", message: "A \(type) document must be a JSON object at the top level, not a JSON \(root.typeName).")
        }
        if let problem = checkTop(top) { return problem }
        if type == "TAG_POLICY" { return TagPolicyRules.problem(in: top) }
        return nil
    }

    private static func checkTop(_ top: JSONObject) -> ManagementPolicyProblem? {
        for (key, value) in top {
            if key == ManagementOperator.childControl {
                if let problem = checkChildControl(value, path: []) { return problem }
            } else if key.hasPrefix("@@") {
                return ManagementPolicyProblem(
                    path: "",
                    message: ManagementOperator.valueSetting.contains(key)
                        ? "The top level of a policy holds settings, not values: put \(key) inside a named setting."
                        : unknownOperator(key))
            } else if let problem = checkSetting(value, path: [key]) {
                return problem
            }
        }
        return nil
    }

    /// One named setting: either a leaf (an object of operators) or a group of nested settings, never both,
    /// because the merge could not say whether a child's `@@assign` replaces the group or a value.
    private static func checkSetting(_ value: JSONValue, path: [String]) -> ManagementPolicyProblem? {
        let here = ManagementOperator.path(path)
        let name = path.last ?? ""
        guard case .object(let object) = value else {
            return ManagementPolicyProblem(
                path: here,
                message:
                    "The setting \"\(name)\" must be an object of inheritance operators such as {\"@@assign\": …}, not a bare JSON \(value.typeName)."
            )
        }
        if object.isEmpty {
            return ManagementPolicyProblem(
                path: here, message: "The setting \"\(name)\" is empty: give it an operator such as @@assign, or nested settings.")
        }
        var valueOperator: String?
        var nestedSetting: String?
        for (key, member) in object {
            switch key {
            case ManagementOperator.assign:
                valueOperator = valueOperator ?? key
            case ManagementOperator.append, ManagementOperator.remove:
                valueOperator = valueOperator ?? key
                guard case .array = member else {
                    return ManagementPolicyProblem(
                        path: here,
                        message:
                            "\(key) only works on multi-valued settings: the value of \(key) in \"\(name)\" must be a JSON array, not a JSON \(member.typeName)."
                    )
                }
            case ManagementOperator.childControl:
                if let problem = checkChildControl(member, path: path) { return problem }
            case _ where key.hasPrefix("@@"):
                return ManagementPolicyProblem(path: here, message: unknownOperator(key))
            default:
                nestedSetting = nestedSetting ?? key
                if let problem = checkSetting(member, path: path + [key]) { return problem }
            }
        }
        if let valueOperator, let nestedSetting {
            return ManagementPolicyProblem(
                path: here,
                message:
                    "The setting \"\(name)\" mixes the value operator \(valueOperator) with the nested setting \"\(nestedSetting)\"; a setting holds one or the other."
            )
        }
        return nil
    }

    private static func checkChildControl(_ value: JSONValue, path: [String]) -> ManagementPolicyProblem? {
        let here = ManagementOperator.path(path)
        guard case .array(let items) = value, !items.isEmpty else {
            return ManagementPolicyProblem(
                path: here, message: "\(ManagementOperator.childControl) must be a non-empty JSON array of operator names.")
        }
        var names: [String] = []
        for item in items {
            guard let name = item.stringValue, ManagementOperator.childControlNames.contains(name) else {
                let shown = item.stringValue.map { "\"\($0)\"" } ?? "a JSON \(item.typeName)"
                return ManagementPolicyProblem(
                    path: here,
                    message:
                        "\(shown) is not allowed in \(ManagementOperator.childControl): use @@all, @@none, or some of @@assign, @@append and @@remove."
                )
            }
            names.append(name)
        }
        if names.count > 1, let alone = names.first(where: { $0 == ManagementOperator.all || $0 == ManagementOperator.none }) {
            return ManagementPolicyProblem(
                path: here, message: "\(alone) must stand alone in \(ManagementOperator.childControl); it cannot be combined with other operators.")
        }
        return nil
    }

    private static func unknownOperator(_ key: String) -> String {
        "\(key) is not an inheritance operator: use @@assign, @@append, @@remove or \(ManagementOperator.childControl)."
    }
}
