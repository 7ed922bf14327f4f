import CairnCore
import CairnPolicy
import Foundation
import Mustache

/// Renders the console's pages: each page template fills the layout's `content` block; every value is HTML-escaped
/// by Mustache unless a template asks otherwise (none does). Operation outputs reach templates as AWS shapes them
/// (their member names), through the same encoder the doors use.
struct ConsoleView: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all { try library.register(text, named: name) }
        self.library = library
    }

    /// The page's HTML: its template with the layout's values (who is signed in, where, the nav, the CSRF token).
    func render(_ page: ConsolePage, caller: ConsoleCaller?, regions: [String] = []) -> String {
        var values = page.values
        values["title"] = page.title
        if let flash = page.flash { values["flash"] = flash }
        if let error = page.error { values["error"] = ["code": error.code, "message": error.message] }
        if let caller {
            values["signedIn"] = true
            values["principal"] = caller.principal.arn
            values["region"] = caller.region
            values["csrf"] = caller.session.csrfToken
            values["returnTo"] = page.section?.path ?? "/console/events"
            let shown = regions.contains(caller.region) ? regions : [caller.region] + regions
            values["regions"] = shown.map { ["name": $0, "selected": $0 == caller.region] as [String: Any] }
            values["nav"] = ConsoleSection.allCases.map { section -> [String: Any] in
                ["href": section.path, "label": section.label, "current": section == page.section]
            }
        }
        return library.render(values, withTemplate: page.template) ?? ""
    }

    /// An operation's output (or any Encodable) as the nested dictionaries and arrays Mustache walks: member names as
    /// AWS writes them, dates in ISO 8601, absent members left out so `{{#Member}}` tests presence.
    static func model(_ value: some Encodable) -> Any {
        guard let json = try? JSONValueEncoder(dates: .iso8601, omitsNulls: true).encode(value) else { return [String: Any]() }
        return any(json)
    }

    private static func any(_ json: JSONValue) -> Any {
        switch json {
        case .null: return Optional<String>.none as Any
        case .bool(let b): return b
        case .number(let n): return n
        case .string(let s): return s
        case .array(let items): return items.map(any)
        case .object(let object):
            var out: [String: Any] = [:]
            for (key, value) in object where value != .null { out[key] = any(value) }
            return out
        }
    }
}

/// One rendering of a page: which template, its values, and the outcome of what the caller just did.
struct ConsolePage {
    var template: String
    var title: String
    var section: ConsoleSection?
    var values: [String: Any] = [:]
    var flash: String?
    var error: ServiceError?
    /// The operation's own status when the page shows its refusal, so a script sees what the API would answer.
    var status: Int = 200
}

/// The console's sections, in the nav's order.
enum ConsoleSection: String, CaseIterable, Sendable {
    case events, insights, trails, organization, iam, simulator, lake

    var path: String { "/console/\(rawValue)" }

    var label: String {
        switch self {
        case .events: "Event history"
        case .trails: "Trails"
        case .organization: "Organization"
        case .iam: "IAM"
        case .simulator: "Policy simulator"
        case .insights: "Insights"
        case .lake: "Lake queries"
        }
    }
}
