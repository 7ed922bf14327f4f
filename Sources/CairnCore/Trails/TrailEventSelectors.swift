/// A trail's event selectors: basic or advanced, never both (applying one kind replaces the other).
package enum TrailEventSelectors: Hashable, Sendable {
    case basic([TrailEventSelector])
    case advanced([TrailAdvancedEventSelector])

    /// A new trail logs every management event, read and write, and no data events. GetEventSelectors
    /// returns this, with `HasCustomEventSelectors` false until the first PutEventSelectors.
    package static let `default` = TrailEventSelectors.basic([.default])

    package var basicSelectors: [TrailEventSelector]? {
        if case .basic(let selectors) = self { return selectors }
        return nil
    }

    package var advancedSelectors: [TrailAdvancedEventSelector]? {
        if case .advanced(let selectors) = self { return selectors }
        return nil
    }

    /// PutEventSelectors: exactly one of the two lists must be sent. Sending both, or neither, is
    /// `InvalidEventSelectorsException` (the model has no InvalidParameterCombinationException here).
    package static func forPut(
        eventSelectors: [TrailEventSelectorInput]?, advancedEventSelectors: [TrailAdvancedEventSelector]?
    ) throws(TrailRuleViolation) -> TrailEventSelectors {
        switch (eventSelectors, advancedEventSelectors) {
        case (.some, .some):
            throw .invalidEventSelectors("You can use EventSelectors or AdvancedEventSelectors, but not both.")
        case (nil, nil):
            throw .invalidEventSelectors("Specify either EventSelectors or AdvancedEventSelectors.")
        case (.some(let basic), nil):
            return .basic(try BasicEventSelectorRules.validate(basic))
        case (nil, .some(let advanced)):
            return .advanced(try AdvancedEventSelectorRules.validate(advanced))
        }
    }

    /// Whether the selectors log management events that are writes (what ApiCallRateInsight needs) or
    /// any management events (what ApiErrorRateInsight needs).
    package func logsManagementEvents(writes: Bool) -> Bool {
        switch self {
        case .basic(let selectors):
            return selectors.contains { selector in
                selector.includeManagementEvents && (!writes || selector.readWriteType != .readOnly)
            }
        case .advanced(let selectors):
            return selectors.contains { selector in
                guard selector.category == "Management" else { return false }
                guard writes else { return true }
                return selector.fieldSelectors.filter { $0.field == "readOnly" }.allSatisfy { $0.equals?.contains("false") ?? true }
            }
        }
    }

    /// Whether the selectors log any data events (what Insights on the Data category needs).
    package var logsDataEvents: Bool {
        switch self {
        case .basic(let selectors): selectors.contains { !$0.dataResources.isEmpty }
        case .advanced(let selectors): selectors.contains { $0.category == "Data" }
        }
    }
}

extension TrailAdvancedEventSelector {
    /// The `eventCategory` this selector is for (validated selectors have exactly one).
    package var category: String? {
        fieldSelectors.first { $0.field == "eventCategory" }?.equals?.first
    }
}

/// Stored as `{"EventSelectors": [...]}` or `{"AdvancedEventSelectors": [...]}`, which is also the shape of
/// GetEventSelectors' answer once the TrailARN is added.
extension TrailEventSelectors: Codable {
    enum CodingKeys: String, CodingKey { case eventSelectors = "EventSelectors", advancedEventSelectors = "AdvancedEventSelectors" }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let advanced = try c.decodeIfPresent([TrailAdvancedEventSelector].self, forKey: .advancedEventSelectors) {
            self = .advanced(advanced)
        } else {
            self = .basic(try c.decodeIfPresent([TrailEventSelector].self, forKey: .eventSelectors) ?? [])
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .basic(let selectors): try c.encode(selectors, forKey: .eventSelectors)
        case .advanced(let selectors): try c.encode(selectors, forKey: .advancedEventSelectors)
        }
    }
}
