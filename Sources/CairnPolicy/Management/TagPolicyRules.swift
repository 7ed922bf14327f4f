/// What a TAG_POLICY document must look like on top of the management-policy grammar.
///
/// The generic grammar lets any setting hold any value; tag policies are read by every tagging service, so
/// Organizations pins their shape down at CreatePolicy rather than letting a bad value surface as an account
/// that silently fails to comply.
package enum TagPolicyRules {
    /// AWS's tag key length limit: a policy naming a longer key could never be satisfied.
    package static let maxTagKeyLength = 128
    /// AWS's tag value length limit, for the same reason.
    package static let maxTagValueLength = 256
    /// Longest merged list (tag_value, enforced_for, report_required_tag_for) an effective tag policy may hold.
    /// AWS names ELEMENTS_TOO_MANY without publishing the number; 1,000 is Cairn's choice, far above any
    /// hand-written policy yet low enough that a runaway chain of `@@append`s is reported.
    package static let maxListElements = 1_000

    static let tagsKey = "tags"
    static let tagKey = "tag_key"
    static let tagValue = "tag_value"
    static let enforcedFor = "enforced_for"
    static let reportRequiredTagFor = "report_required_tag_for"
    /// The settings a tag may carry. `report_required_tag_for` is AWS's newer reporting-only sibling of
    /// `enforced_for` and takes the same values.
    static let tagSettings: [String] = [tagKey, tagValue, enforcedFor, reportRequiredTagFor]
    static let listSettings: Set<String> = [tagValue, enforcedFor, reportRequiredTagFor]

    /// The first problem in a document that already passed the generic grammar, or nil.
    static func problem(in top: JSONObject) -> ManagementPolicyProblem? {
        if let key = top.keys.first(where: { $0 != tagsKey && $0 != ManagementOperator.childControl }) {
            return ManagementPolicyProblem(
                path: key, message: "A tag policy holds only \"tags\" at the top level; \"\(key)\" is not a tag policy element.")
        }
        guard case .object(let tags)? = top[tagsKey] else {
            return ManagementPolicyProblem(path: "", message: "A tag policy needs a top-level \"tags\" object that names the tags it governs.")
        }
        var seen: [String: String] = [:]
        for (policyKey, value) in tags {
            if policyKey.hasPrefix("@@") {
                guard policyKey == ManagementOperator.childControl else {
                    return ManagementPolicyProblem(
                        path: tagsKey, message: "\"tags\" holds policy keys, one per tag, not the value operator \(policyKey).")
                }
                continue
            }
            let path = [tagsKey, policyKey]
            guard (1...maxTagKeyLength).contains(policyKey.count) else {
                return ManagementPolicyProblem(
                    path: ManagementOperator.path(path),
                    message: "The policy key \"\(policyKey)\" must be 1 to \(maxTagKeyLength) characters long, as tag keys are.")
            }
            let folded = policyKey.lowercased()
            if let earlier = seen[folded] {
                return ManagementPolicyProblem(
                    path: ManagementOperator.path(path),
                    message: "Policy keys are case-insensitive: \"\(earlier)\" and \"\(policyKey)\" name the same tag; keep one.")
            }
            seen[folded] = policyKey
            guard case .object(let tag) = value else { continue }  // the generic grammar already refused this
            if let problem = checkTag(tag, policyKey: policyKey, path: path) { return problem }
        }
        return nil
    }

    /// A tag key names a tag only in one spelling; a policy key that disagrees with it would make the same
    /// tag answer to two names once policies from different levels are merged case-insensitively.
    private static func checkTag(_ tag: JSONObject, policyKey: String, path: [String]) -> ManagementPolicyProblem? {
        for (name, value) in tag {
            if name == ManagementOperator.childControl { continue }
            guard tagSettings.contains(name) else {
                let message =
                    name.hasPrefix("@@")
                    ? "A tag holds settings (\(tagSettings.joined(separator: ", "))), not the value operator \(name)."
                    : "\"\(name)\" is not a tag policy setting; a tag may set \(tagSettings.joined(separator: ", "))."
                return ManagementPolicyProblem(path: ManagementOperator.path(name.hasPrefix("@@") ? path : path + [name]), message: message)
            }
            guard case .object(let operators) = value else { continue }
            let here = ManagementOperator.path(path + [name])
            for (op, operand) in operators where ManagementOperator.valueSetting.contains(op) {
                if name == tagKey {
                    if let message = tagKeyProblem(op: op, operand: operand, policyKey: policyKey) {
                        return ManagementPolicyProblem(path: here, message: message)
                    }
                } else if let message = listProblem(setting: name, op: op, operand: operand) {
                    return ManagementPolicyProblem(path: here, message: message)
                }
            }
            if operators.keys.contains(where: { !$0.hasPrefix("@@") }) {
                let shape = name == tagKey ? "one string through @@assign" : "a list of values through operators"
                return ManagementPolicyProblem(path: here, message: "\"\(name)\" takes \(shape), not nested settings.")
            }
        }
        return nil
    }

    private static func tagKeyProblem(op: String, operand: JSONValue, policyKey: String) -> String? {
        guard op == ManagementOperator.assign else {
            return "\"tag_key\" is a single value: set it with @@assign, not \(op)."
        }
        guard let key = operand.stringValue else {
            return "\"tag_key\" must be a string naming the tag key, not a JSON \(operand.typeName)."
        }
        guard (1...maxTagKeyLength).contains(key.count) else {
            return "The tag key \"\(key)\" must be 1 to \(maxTagKeyLength) characters long."
        }
        guard key.lowercased() == policyKey.lowercased() else {
            return "The tag key \"\(key)\" must match its policy key \"\(policyKey)\", ignoring case."
        }
        return nil
    }

    private static func listProblem(setting: String, op: String, operand: JSONValue) -> String? {
        guard case .array(let items) = operand else {
            return "\"\(setting)\" is a list: \(op) must give a JSON array of strings, not a JSON \(operand.typeName)."
        }
        for item in items {
            guard let text = item.stringValue else {
                return "Every value of \"\(setting)\" must be a string; \(op) gives a JSON \(item.typeName)."
            }
            if setting == tagValue {
                guard text.count <= maxTagValueLength else {
                    return "The tag value \"\(text.prefix(32))…\" is longer than \(maxTagValueLength) characters."
                }
                guard text.filter({ $0 == "*" }).count <= 1 else {
                    return "The tag value \"\(text)\" has more than one \"*\"; a tag value may use one wildcard."
                }
            } else if let message = serviceScopeProblem(text, setting: setting) {
                return message
            }
        }
        return nil
    }

    /// `service:*` or `service:ResourceType` (including AWS's `service:ALL_SUPPORTED`). A bare `*` is refused
    /// because AWS never lets one tag policy block tagging across every service at once.
    static func serviceScopeProblem(_ text: String, setting: String) -> String? {
        if text == "*" {
            return "\"\(setting)\" cannot name every service with \"*\"; name a service, as in \"secretsmanager:*\" or \"ec2:instance\"."
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let serviceCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        let typeCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(serviceCharacters.contains),
            parts[1] == "*" || (!parts[1].isEmpty && parts[1].allSatisfy(typeCharacters.contains))
        else {
            return "\"\(text)\" in \"\(setting)\" must be \"service:*\" or \"service:resourceType\", as in \"redshift:*\" or \"dynamodb:table\"."
        }
        return nil
    }

    /// AWS's rule: without a tag_key the compliant spelling is the policy key in lower case.
    static func defaultTagKey(policyKey: String) -> String { policyKey.lowercased() }
}
