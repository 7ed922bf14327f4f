/// Whether a trail's event selectors take an event: the filter the delivery stage applies per trail.
///
/// An event is logged if it matches any selector. Insights events are not governed by event selectors
/// (insight selectors decide them), so they never match here.
package enum EventSelectorMatch {
    package static func matches(_ selectors: TrailEventSelectors, _ event: TrailEventFacts) -> Bool {
        switch selectors {
        case .basic(let basic): basic.contains { basicSelector($0, matches: event) }
        case .advanced(let advanced): advanced.contains { advancedSelector($0, matches: event) }
        }
    }

    /// Basic selectors: management events need IncludeManagementEvents, an admitted read/write kind and a
    /// source not excluded; data events need an admitted read/write kind and a data resource of the
    /// event's resource type whose values cover the resource. Network activity needs advanced selectors.
    static func basicSelector(_ selector: TrailEventSelector, matches event: TrailEventFacts) -> Bool {
        guard selector.readWriteType.admits(readOnly: event.readOnly) else { return false }
        switch event.eventCategory {
        case "Management":
            return selector.includeManagementEvents && !selector.excludeManagementEventSources.contains(event.eventSource)
        case "ActivityAuditLog":
            // Tenants' own events (PutAuditEvents) reach a trail that logs management events (docs/delivery.md §1).
            return selector.includeManagementEvents
        case "Data":
            return event.resources.contains { resource in
                selector.dataResources.contains { dataResource in
                    dataResource.type == resource.type
                        && dataResource.values.contains { covers($0, type: dataResource.type, resourceARN: resource.arn) }
                }
            }
        default:
            return false
        }
    }

    /// S3 values are prefixes of object ARNs (`arn:aws:s3:::bucket/` is the whole bucket); Lambda function
    /// and DynamoDB table ARNs are exact (`…:function:helloworld` does not cover `helloworld2`); the bare
    /// `arn:<partition>:<service>` values cover every resource of the type in that partition.
    static func covers(_ value: String, type: String, resourceARN: String) -> Bool {
        if BasicEventSelectorRules.isLogAll(value, type: type) {
            let root = value.split(separator: ":", omittingEmptySubsequences: false).prefix(3).joined(separator: ":")
            return resourceARN.hasPrefix(root + ":")
        }
        switch type {
        case "AWS::S3::Object": return resourceARN.hasPrefix(value)
        default: return resourceARN == value
        }
    }

    /// Advanced selectors: every field condition must hold.
    static func advancedSelector(_ selector: TrailAdvancedEventSelector, matches event: TrailEventFacts) -> Bool {
        guard event.eventCategory != "Insight" else { return false }
        return selector.fieldSelectors.allSatisfy { condition in
            switch condition.field {
            case "resources.type": event.resources.contains { holds(condition, for: $0.type) }
            case "resources.ARN": event.resources.contains { holds(condition, for: $0.arn) }
            default: holds(condition, for: event.value(of: condition.field))
            }
        }
    }

    /// A condition holds when every operator holds: a positive operator when some value hits, a negative
    /// one when no value hits. A field the record lacks hits nothing, so only negative operators can hold.
    static func holds(_ condition: TrailAdvancedFieldSelector, for value: String?) -> Bool {
        condition.operators.allSatisfy { op, operands in
            let hit = value.map { value in operands.contains { op.hits(value, operand: $0) } } ?? false
            return op.isNegative ? !hit : hit
        }
    }
}
