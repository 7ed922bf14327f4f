import Foundation

/// Validation of advanced event selectors for trails (not event data stores).
///
/// Each selector needs exactly one `eventCategory` condition (`Equals`, one value: Management, Data or
/// NetworkActivity) and may use only the fields AWS allows for that category on trails. `readOnly`,
/// `eventCategory` and `resources.type` take `Equals` only. Data selectors need exactly one
/// `resources.type` (one value); network-activity selectors need `eventSource`. Limits: 500 values across
/// all conditions of all selectors, 250 `resources.ARN` values, names up to 1000 characters, fields up to
/// 1000, values 1–2048.
package enum AdvancedEventSelectorRules {
    package static let maximumValues = 500
    package static let maximumResourceARNValues = 250
    package static let maximumNameLength = 1000
    package static let maximumFieldLength = 1000
    package static let maximumValueLength = 2048

    /// Fields allowed on trails, per event category (AWS API reference, AdvancedFieldSelector).
    package static let fieldsByCategory: [String: Set<String>] = [
        "Management": ["eventCategory", "eventSource", "readOnly"],
        "Data": [
            "eventCategory", "resources.type", "resources.ARN", "eventName", "eventSource", "eventType", "readOnly",
            "sessionCredentialFromConsole", "userIdentity.arn",
        ],
        "NetworkActivity": ["eventCategory", "eventSource", "eventName", "errorCode", "vpcEndpointId", "userIdentity.arn"],
    ]

    static let equalsOnlyFields: Set<String> = ["readOnly", "eventCategory", "resources.type"]

    package static func validate(_ selectors: [TrailAdvancedEventSelector]) throws(TrailRuleViolation) -> [TrailAdvancedEventSelector] {
        guard !selectors.isEmpty else {
            throw .invalidEventSelectors("AdvancedEventSelectors must contain at least one advanced event selector.")
        }
        var totalValues = 0
        var resourceARNValues = 0
        for selector in selectors {
            try validate(selector)
            totalValues += selector.fieldSelectors.reduce(0) { $0 + $1.valueCount }
            resourceARNValues += selector.fieldSelectors.filter { $0.field == "resources.ARN" }.reduce(0) { $0 + $1.valueCount }
        }
        guard totalValues <= maximumValues else {
            throw .invalidEventSelectors(
                "A trail can have at most \(maximumValues) values for all conditions in all advanced event selectors; \(totalValues) were specified.")
        }
        guard resourceARNValues <= maximumResourceARNValues else {
            throw .invalidEventSelectors(
                "A trail is limited to \(maximumResourceARNValues) data resources; \(resourceARNValues) resources.ARN values were specified.")
        }
        return selectors
    }

    static func validate(_ selector: TrailAdvancedEventSelector) throws(TrailRuleViolation) {
        if let name = selector.name, name.count > maximumNameLength {
            throw .invalidEventSelectors("Advanced event selector names can be at most \(maximumNameLength) characters long.")
        }
        guard !selector.fieldSelectors.isEmpty else {
            throw .invalidEventSelectors("Each advanced event selector must contain at least one field selector.")
        }
        for fieldSelector in selector.fieldSelectors { try validateShape(fieldSelector) }

        let categories = selector.fieldSelectors.filter { $0.field == "eventCategory" }
        guard categories.count == 1, let values = categories[0].equals, values.count == 1 else {
            throw .invalidEventSelectors("Each advanced event selector must have exactly one eventCategory field selector with one Equals value.")
        }
        let category = values[0]
        guard let allowed = fieldsByCategory[category] else {
            throw .invalidEventSelectors(
                "Value \(category) for eventCategory is invalid. Valid values for trails are Management, Data and NetworkActivity.")
        }
        for fieldSelector in selector.fieldSelectors where !allowed.contains(fieldSelector.field) {
            throw .invalidEventSelectors("Field \(fieldSelector.field) is not supported for \(category) events in trail advanced event selectors.")
        }
        for fieldSelector in selector.fieldSelectors where fieldSelector.field == "readOnly" {
            for value in fieldSelector.equals ?? [] where value != "true" && value != "false" {
                throw .invalidEventSelectors("Value \(value) for readOnly is invalid. Valid values are true and false.")
            }
        }
        switch category {
        case "Management":
            try validateManagementEventSource(selector)
        case "Data":
            let types = selector.fieldSelectors.filter { $0.field == "resources.type" }
            guard types.count == 1, let typeValues = types[0].equals, typeValues.count == 1 else {
                throw .invalidEventSelectors("Data event selectors must have exactly one resources.type field selector with one Equals value.")
            }
            guard isResourceType(typeValues[0]) else {
                throw .invalidEventSelectors("Value \(typeValues[0]) for resources.type is invalid.")
            }
        default:  // NetworkActivity
            guard selector.fieldSelectors.contains(where: { $0.field == "eventSource" }) else {
                throw .invalidEventSelectors("Network activity event selectors must have an eventSource field selector.")
            }
            for fieldSelector in selector.fieldSelectors where fieldSelector.field == "errorCode" {
                for (_, values) in fieldSelector.operators {
                    for value in values where value != "VpceAccessDenied" {
                        throw .invalidEventSelectors("Value \(value) for errorCode is invalid. The only valid value is VpceAccessDenied.")
                    }
                }
            }
        }
    }

    /// Field name, operator presence and value lengths: the model's constraints plus Equals-only fields.
    static func validateShape(_ fieldSelector: TrailAdvancedFieldSelector) throws(TrailRuleViolation) {
        let field = fieldSelector.field
        guard (1...maximumFieldLength).contains(field.count),
            field.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "|" })
        else { throw .invalidEventSelectors("Field \(field) is not a valid advanced event selector field.") }
        guard fieldsByCategory.values.contains(where: { $0.contains(field) }) else {
            throw .invalidEventSelectors("Field \(field) is not a valid advanced event selector field for trails.")
        }
        let operators = fieldSelector.operators
        guard !operators.isEmpty else {
            throw .invalidEventSelectors("Field selector for \(field) must use at least one operator.")
        }
        for (op, values) in operators {
            guard !values.isEmpty else {
                throw .invalidEventSelectors("Operator \(op.rawValue) for \(field) must have at least one value.")
            }
            if equalsOnlyFields.contains(field) && op != .equals {
                throw .invalidEventSelectors("Field \(field) supports only the Equals operator.")
            }
            for value in values where !(1...maximumValueLength).contains(value.count) {
                throw .invalidEventSelectors("Values for \(field) must be between 1 and \(maximumValueLength) characters long.")
            }
        }
    }

    /// Management selectors may only exclude KMS or RDS Data API events by source (`NotEquals`).
    static func validateManagementEventSource(_ selector: TrailAdvancedEventSelector) throws(TrailRuleViolation) {
        for fieldSelector in selector.fieldSelectors where fieldSelector.field == "eventSource" {
            for (op, values) in fieldSelector.operators {
                guard op == .notEquals,
                    values.allSatisfy(BasicEventSelectorRules.excludableManagementEventSources.contains)
                else {
                    throw .invalidEventSelectors(
                        "For management events, eventSource supports only NotEquals with kms.amazonaws.com or rdsdata.amazonaws.com.")
                }
            }
        }
    }

    /// `AWS::<Service>::<Type>`. The list of types grows; any well-formed type is accepted.
    static func isResourceType(_ value: String) -> Bool {
        let parts = value.components(separatedBy: "::")
        return parts.count == 3 && parts[0] == "AWS"
            && parts.dropFirst().allSatisfy { part in
                !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
            }
    }
}
