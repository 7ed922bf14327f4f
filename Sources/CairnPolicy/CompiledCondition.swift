import Foundation

/// A condition clause with its values parsed for its operator family, so a decision does no parsing of
/// policy text. Values that cannot be parsed for their family (a Numeric value `"ten"`) never match;
/// `PolicyLint` reports them. A final class for the same reason as `CompiledStatement`: the scan loop
/// must not copy (and retain) its payload per decision.
package final class CompiledCondition: Sendable {
    package enum Values: Sendable, Hashable {
        case strings([VariableTemplate])
        case stringsIgnoringCase([VariableTemplate])
        case globs([VariableTemplate])
        case numbers([Double?])
        case dates([Double?])
        case bools([String])
        case binaries([[UInt8]?])
        case cidrs([CIDRBlock?])
        case arns([ArnPattern])
        /// true = the policy requires the key to be absent.
        case nulls([Bool])
    }

    package let op: ConditionOperator
    package let keyAsWritten: String
    package let key: String
    package let values: Values

    package init(_ clause: ConditionClause, substituteVariables: Bool) {
        op = clause.op
        keyAsWritten = clause.key
        key = clause.key.lowercased()
        let sub = substituteVariables && op.base.acceptsVariables
        switch op.base.positive {
        case .stringEquals:
            values = .strings(clause.values.map { VariableTemplate($0, substitute: sub) })
        case .stringEqualsIgnoreCase:
            values = .stringsIgnoringCase(clause.values.map { VariableTemplate($0, substitute: sub) })
        case .stringLike:
            values = .globs(clause.values.map { VariableTemplate($0, substitute: sub) })
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            values = .numbers(clause.values.map(Self.number))
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            values = .dates(clause.values.map(PolicyDate.parse))
        case .bool:
            values = .bools(clause.values.map { $0.lowercased() })
        case .binaryEquals:
            values = .binaries(clause.values.map { Data(base64Encoded: $0).map { [UInt8]($0) } })
        case .ipAddress:
            values = .cidrs(clause.values.map(CIDRBlock.init))
        case .arnEquals, .arnLike:
            values = .arns(clause.values.map { ArnPattern($0, substituteVariables: sub) })
        case .null:
            values = .nulls(clause.values.map { $0.lowercased() == "true" })
        default:
            values = .strings([])
        }
    }

    static func number(_ s: String) -> Double? {
        guard let d = Double(s), d.isFinite else { return nil }
        return d
    }

    /// Keys whose absence would change this clause's outcome: its own key and any `${…}` it uses.
    package var referencedKeys: [(lower: String, written: String)] {
        var out = [(key, keyAsWritten)]
        switch values {
        case .strings(let t), .stringsIgnoringCase(let t), .globs(let t):
            for tpl in t { for k in tpl.variableKeys { out.append((k, k)) } }
        case .arns(let a):
            for p in a { for k in p.variableKeys { out.append((k, k)) } }
        default: break
        }
        return out
    }

    package func evaluate(_ context: RequestContext) -> Bool {
        let requestValues = context.values(key)
        if case .nulls(let wantAbsent) = values {
            let absent = requestValues == nil
            return wantAbsent.contains(absent)
        }
        guard let requestValues else {
            if op.ifExists { return true }
            switch op.qualifier {
            case .forAllValues: return true
            case .forAnyValue: return false
            case nil: return op.base.isNegated
            }
        }
        switch op.qualifier {
        case .forAnyValue:
            return requestValues.contains { satisfies($0, context) }
        case .forAllValues:
            return requestValues.allSatisfy { satisfies($0, context) }
        case nil:
            if requestValues.count == 1 { return satisfies(requestValues[0], context) }
            // A plain operator given several request values: AWS leaves this undefined. Positive operators hold
            // if any value satisfies; negated ones only if every value does (no value equals any policy value).
            return op.base.isNegated
                ? requestValues.allSatisfy { satisfies($0, context) }
                : requestValues.contains { satisfies($0, context) }
        }
    }

    /// The base operator applied to one request value: OR over policy values, NOR for negated operators.
    private func satisfies(_ value: String, _ context: RequestContext) -> Bool {
        let hit = anyPolicyValueMatches(value, context)
        return op.base.isNegated ? !hit : hit
    }

    private func anyPolicyValueMatches(_ value: String, _ context: RequestContext) -> Bool {
        switch values {
        case .strings(let templates):
            for t in templates {
                if t.hasVariables {
                    if let s = t.resolveString(context), s == value { return true }
                } else if case .text(let s) = t.parts.first, t.parts.count == 1, s == value {
                    return true
                }
            }
            return false
        case .stringsIgnoringCase(let templates):
            let lower = value.lowercased()
            for t in templates {
                if let s = t.resolveString(context), s.lowercased() == lower { return true }
            }
            return false
        case .globs(let templates):
            var v = value
            return v.withUTF8 { buf in
                for t in templates {
                    guard let tokens = t.resolveTokens(context, wildcards: true) else { continue }
                    if GlobPattern(tokens: tokens).matches(buf) { return true }
                }
                return false
            }
        case .numbers(let policy):
            guard let r = Self.number(value) else { return false }
            return policy.contains { p in p.map { compare(r, $0) } ?? false }
        case .dates(let policy):
            guard let r = PolicyDate.parse(value) else { return false }
            return policy.contains { p in p.map { compare(r, $0) } ?? false }
        case .bools(let policy):
            let lower = value.lowercased()
            return policy.contains(lower)
        case .binaries(let policy):
            guard let r = Data(base64Encoded: value).map({ [UInt8]($0) }) else { return false }
            return policy.contains { $0 == r }
        case .cidrs(let policy):
            guard let ip = IPAddress(value) else { return false }
            return policy.contains { $0?.contains(ip) ?? false }
        case .arns(let patterns):
            let arn = ParsedArn(value)
            return patterns.contains { $0.matches(arn, context: context) }
        case .nulls:
            return false
        }
    }

    /// request ⟨op⟩ policy, e.g. NumericLessThan holds when the request value is below the policy value.
    private func compare(_ r: Double, _ p: Double) -> Bool {
        switch op.base.positive {
        case .numericEquals, .dateEquals: r == p
        case .numericLessThan, .dateLessThan: r < p
        case .numericLessThanEquals, .dateLessThanEquals: r <= p
        case .numericGreaterThan, .dateGreaterThan: r > p
        case .numericGreaterThanEquals, .dateGreaterThanEquals: r >= p
        default: false
        }
    }
}
