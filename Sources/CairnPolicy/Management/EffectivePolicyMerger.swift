/// Merges the management policies on an account's path into its effective policy, as Organizations does.
///
/// Choices where AWS's guide is silent, written down so the behaviour can be argued with:
/// - A level is merged as one change: the first-attached policy's `@@assign` wins at a setting, while every
///   policy's `@@append` and `@@remove` still count; within a level the order is assign, append, remove.
/// - A child control (`@@operators_allowed_for_child_policies`) binds the levels below the one that declares it,
///   at its node and everything under it; restrictions only intersect, so nothing below can loosen them.
/// - An operator a parent disallows is skipped and the inherited value kept, with no issue: that is the outcome
///   the parent's author asked for, and AWS's guide describes it as the lock working, not as a broken policy.
/// - A document that does not parse is skipped: the store only holds documents that passed
///   `ManagementPolicySyntax`, so this only guards against text written behind Cairn's back.
/// - A bare value where an operator object is expected is read as `@@assign`, for the same reason.
/// - Types outside `ManagementPolicySyntax.types` merge with the generic rules and no type-specific checks.
package enum EffectivePolicyMerger {
    /// Backup plans' required elements, kept to what AWS Backup itself refuses a plan without.
    static let requiredPlanElements = ["regions", "rules"]
    static let requiredRuleElement = "target_backup_vault_name"

    /// levels: the policies attached at the root, then each OU down the account's path, then the account itself;
    /// within a level, in the order they were attached. nil when no level has any policy (AWS: EffectivePolicyNotFound).
    package static func merge(type: String, levels: [[ManagementPolicyInput]]) -> EffectivePolicy? {
        guard levels.contains(where: { !$0.isEmpty }) else { return nil }
        var merge = Merge(type: type)
        for level in levels where !level.isEmpty {
            var patch = PatchNode()
            for input in level {
                guard case .object(let top)? = try? JSONParser.parse(input.content) else { continue }
                merge.add(top, into: &patch, path: [], policy: input.policyId)
            }
            var root = merge.root
            merge.apply(patch, to: &root, path: [], inherited: .all)
            merge.root = root
        }
        return merge.finish()
    }
}

private enum NodeShape {
    case unknown, leaf, container
}

/// One level's combined change at one setting, before it meets what was inherited.
private struct PatchNode {
    var shape = NodeShape.unknown
    var children: [(key: String, node: PatchNode)] = []
    var assign: JSONValue?
    var assignedBy: String?
    var appends: [JSONValue] = []
    var appendedBy: [String] = []
    var removes: [JSONValue] = []
    var removedBy: [String] = []
    var restriction: ManagementOperatorSet?

    var policies: [String] {
        var ids = (assignedBy.map { [$0] } ?? []) + appendedBy + removedBy
        for child in children { ids += child.node.policies }
        return ids
    }
}

/// The effective policy as merged so far, with the restrictions declared on it.
private struct EffectiveNode {
    var shape = NodeShape.unknown
    var value: JSONValue?
    var children: [(key: String, node: EffectiveNode)] = []
    var restriction = ManagementOperatorSet.all
    /// The policies whose operators produced the current value, for ContributingPolicies.
    var contributors: [String] = []

    var allContributors: [String] {
        var ids = contributors
        for child in children { ids += child.node.allContributors }
        return ids
    }

    func node(at path: ArraySlice<String>) -> EffectiveNode? {
        guard let first = path.first else { return self }
        return children.first { $0.key == first }?.node.node(at: path.dropFirst())
    }
}

private struct Merge {
    let type: String
    var root = EffectiveNode()
    var issues: [EffectivePolicyIssue] = []

    init(type: String) { self.type = type }

    var isTagPolicy: Bool { type == "TAG_POLICY" }

    /// Tag policy keys are case-insensitive and AWS shows them in lower case, so they are folded once here and
    /// every later comparison is exact.
    func normalize(_ key: String, under path: [String]) -> String {
        isTagPolicy && path == [TagPolicyRules.tagsKey] ? key.lowercased() : key
    }

    mutating func add(_ object: JSONObject, into node: inout PatchNode, path: [String], policy: String) {
        if let declared = object[ManagementOperator.childControl], let set = ManagementOperatorSet(childControl: declared) {
            node.restriction = node.restriction.map { $0.intersection(set) } ?? set
        }
        let isLeaf = !path.isEmpty && object.keys.contains { ManagementOperator.valueSetting.contains($0) }
        if isLeaf {
            guard node.shape != .container else {
                report(shapeConflictAt: path, policies: node.policies + [policy])
                return
            }
            node.shape = .leaf
            if let value = object[ManagementOperator.assign], node.assign == nil {
                node.assign = value
                node.assignedBy = policy
            }
            if let values = object[ManagementOperator.append] {
                node.appends += Self.list(values)
                node.appendedBy.append(policy)
            }
            if let values = object[ManagementOperator.remove] {
                node.removes += Self.list(values)
                node.removedBy.append(policy)
            }
            return
        }
        let settings = object.members.filter { !$0.key.hasPrefix("@@") }
        guard !settings.isEmpty else { return }
        guard node.shape != .leaf else {
            report(shapeConflictAt: path, policies: node.policies + [policy])
            return
        }
        node.shape = .container
        for member in settings {
            let key = normalize(member.key, under: path)
            let index: Int
            if let existing = node.children.firstIndex(where: { $0.key == key }) {
                index = existing
            } else {
                node.children.append((key, PatchNode()))
                index = node.children.count - 1
            }
            var setting: JSONObject = [ManagementOperator.assign: member.value]
            if case .object(let operators) = member.value { setting = operators }
            add(setting, into: &node.children[index].node, path: path + [key], policy: policy)
        }
    }

    mutating func apply(_ patch: PatchNode, to node: inout EffectiveNode, path: [String], inherited: ManagementOperatorSet) {
        let allowed = inherited.intersection(node.restriction)
        switch (patch.shape, node.shape) {
        case (.leaf, .container), (.container, .leaf):
            report(shapeConflictAt: path, policies: node.allContributors + patch.policies)
        case (.leaf, _):
            applyValue(patch, to: &node, path: path, allowed: allowed)
        case (.container, _):
            node.shape = .container
            for child in patch.children {
                let index: Int
                if let existing = node.children.firstIndex(where: { $0.key == child.key }) {
                    index = existing
                } else {
                    node.children.append((child.key, EffectiveNode()))
                    index = node.children.count - 1
                }
                apply(child.node, to: &node.children[index].node, path: path + [child.key], inherited: allowed)
            }
        case (.unknown, _):
            break
        }
        if let declared = patch.restriction { node.restriction.formIntersection(declared) }
    }

    private mutating func applyValue(_ patch: PatchNode, to node: inout EffectiveNode, path: [String], allowed: ManagementOperatorSet) {
        var value = node.value
        var contributors = node.contributors
        if let assigned = patch.assign, let by = patch.assignedBy, allowed.contains(.assign) {
            value = assigned
            contributors = [by]
        }
        if !patch.appends.isEmpty, allowed.contains(.append) {
            switch value {
            case nil:
                value = .array(Self.adding(patch.appends, to: []))
                contributors += patch.appendedBy
            case .array(let items)?:
                value = .array(Self.adding(patch.appends, to: items))
                contributors += patch.appendedBy
            case let other?:
                report(listOperator: ManagementOperator.append, on: other, at: path, policies: contributors + patch.appendedBy)
            }
        }
        if !patch.removes.isEmpty, allowed.contains(.remove) {
            switch value {
            case nil:
                break
            case .array(let items)?:
                value = .array(items.filter { !patch.removes.contains($0) })
                contributors += patch.removedBy
            case let other?:
                report(listOperator: ManagementOperator.remove, on: other, at: path, policies: contributors + patch.removedBy)
            }
        }
        guard let value else { return }
        node.shape = .leaf
        node.value = value
        node.contributors = Self.unique(contributors)
    }

    mutating func finish() -> EffectivePolicy {
        let content = render(root, path: []) ?? .object([:])
        if isTagPolicy { checkTagLists(content) }
        if type == "BACKUP_POLICY" { checkBackupPlans(content) }
        return EffectivePolicy(content: content, issues: issues)
    }

    /// Settings that never received a value (restriction-only, or every change disallowed) are left out, as
    /// AWS shows only what is enforced.
    private func render(_ node: EffectiveNode, path: [String]) -> JSONValue? {
        switch node.shape {
        case .unknown: return nil
        case .leaf: return node.value
        case .container:
            var members = node.children.compactMap { child in
                render(child.node, path: path + [child.key]).map { JSONMember(child.key, $0) }
            }
            guard !members.isEmpty else { return nil }
            if isTagPolicy, path.count == 2, path[0] == TagPolicyRules.tagsKey, !members.contains(where: { $0.key == TagPolicyRules.tagKey }) {
                members.insert(JSONMember(TagPolicyRules.tagKey, .string(TagPolicyRules.defaultTagKey(policyKey: path[1]))), at: 0)
            }
            return .object(JSONObject(members))
        }
    }

    private mutating func checkTagLists(_ content: JSONValue) {
        guard case .object(let tags)? = content[TagPolicyRules.tagsKey] else { return }
        for (policyKey, tag) in tags {
            guard case .object(let settings) = tag else { continue }
            for (name, value) in settings where TagPolicyRules.listSettings.contains(name) {
                guard case .array(let items) = value, items.count > TagPolicyRules.maxListElements else { continue }
                let path = [TagPolicyRules.tagsKey, policyKey, name]
                issues.append(
                    EffectivePolicyIssue(
                        errorCode: "ELEMENTS_TOO_MANY",
                        message:
                            "The effective \"\(name)\" of tag \"\(policyKey)\" has \(items.count) values; at most \(TagPolicyRules.maxListElements) can be enforced.",
                        pathToError: ManagementOperator.path(path),
                        contributingPolicies: Self.unique(root.node(at: path[...])?.contributors ?? [])))
            }
        }
    }

    private mutating func checkBackupPlans(_ content: JSONValue) {
        guard case .object(let plans)? = content["plans"] else { return }
        for (planName, plan) in plans {
            guard case .object(let elements) = plan else { continue }
            let planPath = ["plans", planName]
            for required in EffectivePolicyMerger.requiredPlanElements where elements[required] == nil {
                missing(required, in: "backup plan \"\(planName)\"", path: planPath + [required], contributorsFrom: planPath)
            }
            guard case .object(let rules)? = elements["rules"] else { continue }
            for (ruleName, rule) in rules {
                guard case .object(let ruleElements) = rule, ruleElements[EffectivePolicyMerger.requiredRuleElement] == nil else { continue }
                let rulePath = planPath + ["rules", ruleName]
                missing(
                    EffectivePolicyMerger.requiredRuleElement, in: "rule \"\(ruleName)\" of backup plan \"\(planName)\"",
                    path: rulePath + [EffectivePolicyMerger.requiredRuleElement], contributorsFrom: rulePath)
            }
        }
    }

    private mutating func missing(_ element: String, in owner: String, path: [String], contributorsFrom owningPath: [String]) {
        issues.append(
            EffectivePolicyIssue(
                errorCode: "MISSING_REQUIRED_ELEMENT",
                message: "The effective \(owner) has no \"\(element)\", which AWS Backup requires to run it.",
                pathToError: ManagementOperator.path(path),
                contributingPolicies: Self.unique(root.node(at: owningPath[...])?.allContributors ?? [])))
    }

    private mutating func report(shapeConflictAt path: [String], policies: [String]) {
        issues.append(
            EffectivePolicyIssue(
                errorCode: "INVALID_OPERATOR",
                message:
                    "\"\(ManagementOperator.path(path))\" is a value in one policy and a group of nested settings in another; the first one merged is kept.",
                pathToError: ManagementOperator.path(path),
                contributingPolicies: Self.unique(policies)))
    }

    private mutating func report(listOperator op: String, on value: JSONValue, at path: [String], policies: [String]) {
        issues.append(
            EffectivePolicyIssue(
                errorCode: "INVALID_OPERATOR",
                message:
                    "\(op) only works on multi-valued settings, but \"\(ManagementOperator.path(path))\" inherits a JSON \(value.typeName); the inherited value is kept.",
                pathToError: ManagementOperator.path(path),
                contributingPolicies: Self.unique(policies)))
    }

    private static func list(_ value: JSONValue) -> [JSONValue] {
        if case .array(let items) = value { return items }
        return [value]
    }

    private static func adding(_ values: [JSONValue], to items: [JSONValue]) -> [JSONValue] {
        var result = items
        for value in values where !result.contains(value) { result.append(value) }
        return result
    }

    private static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
