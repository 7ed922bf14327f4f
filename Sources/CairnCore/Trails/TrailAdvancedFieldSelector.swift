/// One condition on one event field. Every operator present must hold; the values of a positive operator
/// are alternatives (any may match), the values of a negative operator are all excluded.
package struct TrailAdvancedFieldSelector: Hashable, Sendable {
    package enum Operator: String, CaseIterable, Hashable, Sendable {
        case equals = "Equals"
        case startsWith = "StartsWith"
        case endsWith = "EndsWith"
        case notEquals = "NotEquals"
        case notStartsWith = "NotStartsWith"
        case notEndsWith = "NotEndsWith"

        package var isNegative: Bool {
            self == .notEquals || self == .notStartsWith || self == .notEndsWith
        }

        /// Whether `value` matches `operand` in the operator's positive sense (for negative operators:
        /// whether it would be excluded).
        func hits(_ value: String, operand: String) -> Bool {
            switch self {
            case .equals, .notEquals: value == operand
            case .startsWith, .notStartsWith: value.hasPrefix(operand)
            case .endsWith, .notEndsWith: value.hasSuffix(operand)
            }
        }
    }

    package var field: String
    package var equals: [String]?
    package var startsWith: [String]?
    package var endsWith: [String]?
    package var notEquals: [String]?
    package var notStartsWith: [String]?
    package var notEndsWith: [String]?

    package init(
        field: String, equals: [String]? = nil, startsWith: [String]? = nil, endsWith: [String]? = nil,
        notEquals: [String]? = nil, notStartsWith: [String]? = nil, notEndsWith: [String]? = nil
    ) {
        self.field = field
        self.equals = equals
        self.startsWith = startsWith
        self.endsWith = endsWith
        self.notEquals = notEquals
        self.notStartsWith = notStartsWith
        self.notEndsWith = notEndsWith
    }

    package func values(for op: Operator) -> [String]? {
        switch op {
        case .equals: equals
        case .startsWith: startsWith
        case .endsWith: endsWith
        case .notEquals: notEquals
        case .notStartsWith: notStartsWith
        case .notEndsWith: notEndsWith
        }
    }

    /// The operators present, in the model's order.
    package var operators: [(op: Operator, values: [String])] {
        Operator.allCases.compactMap { op in values(for: op).map { (op, $0) } }
    }

    /// Number of values this condition contributes to the 500-value limit.
    package var valueCount: Int { operators.reduce(0) { $0 + $1.values.count } }
}

extension TrailAdvancedFieldSelector: Codable {
    enum CodingKeys: String, CodingKey {
        case field = "Field", equals = "Equals", startsWith = "StartsWith", endsWith = "EndsWith"
        case notEquals = "NotEquals", notStartsWith = "NotStartsWith", notEndsWith = "NotEndsWith"
    }
}
