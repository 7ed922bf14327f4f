package import CairnPolicy

/// The tag condition keys AWS supplies for a call, built in one place for every service: `aws:RequestTag/K`
/// for each tag the request sets, `aws:TagKeys` for every key it names (set or removed), and
/// `aws:ResourceTag/K` for each tag the resource already has.
package enum TagConditionKeys {
    package static func request(_ tags: [(key: String, value: String)], removing removed: [String] = []) -> [String: ContextValue] {
        var context: [String: ContextValue] = [:]
        for (key, value) in tags { context["aws:RequestTag/\(key)"] = .single(value) }
        let keys = tags.map(\.key) + removed
        if !keys.isEmpty { context["aws:TagKeys"] = .multiple(keys) }
        return context
    }

    package static func resource(_ tags: [(key: String, value: String)]) -> [String: ContextValue] {
        var context: [String: ContextValue] = [:]
        for (key, value) in tags { context["aws:ResourceTag/\(key)"] = .single(value) }
        return context
    }
}
