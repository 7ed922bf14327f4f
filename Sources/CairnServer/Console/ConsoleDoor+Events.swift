import CairnCore
import CairnPolicy
import Foundation
import Hummingbird

/// Event history: the caller's account's events in the console's region, newest first, filtered as LookupEvents
/// filters (one lookup attribute and a time range), fifty a page; an event's full record; the filtered range as a
/// file. Every read is cloudtrail:LookupEvents, authorized and recorded as the API's is.
extension ConsoleDoor {
    /// The filter as the page's form holds it, and as LookupEvents' fields.
    struct EventFilter {
        var attribute: String
        var value: String?
        var start: String?
        var end: String?

        init(_ form: ConsoleForm) {
            attribute = form.text("attribute").flatMap(EventLookup.Attribute.init(rawValue:))?.rawValue ?? EventLookup.Attribute.eventName.rawValue
            value = form.text("value")
            start = form.text("start")
            end = form.text("end")
        }

        /// A `datetime-local` value is read as UTC (the page says so); anything else goes to the operation as typed,
        /// so its refusal names the field.
        static func instant(_ local: String) -> String {
            local.count == 16 ? local + ":00Z" : local
        }

        var fields: [String: String] {
            var fields: [String: String] = [:]
            if let value {
                fields["LookupAttributes.member.1.AttributeKey"] = attribute
                fields["LookupAttributes.member.1.AttributeValue"] = value
            }
            if let start { fields["StartTime"] = Self.instant(start) }
            if let end { fields["EndTime"] = Self.instant(end) }
            return fields
        }

        var query: [(String, String)] {
            [("attribute", attribute), ("value", value ?? ""), ("start", start ?? ""), ("end", end ?? "")]
        }

        var values: [String: Any] {
            [
                "attributes": EventLookup.Attribute.allCases.map { ["name": $0.rawValue, "selected": $0.rawValue == attribute] as [String: Any] },
                "value": value ?? "", "start": start ?? "", "end": end ?? "",
            ]
        }
    }

    func eventsPage(_ caller: ConsoleCaller) async throws -> Response {
        let filter = EventFilter(caller.form)
        var page = ConsolePage(template: "events", title: "Event history", section: .events)
        page.values = filter.values
        page.values["downloadQuery"] = ConsoleForm.encode(filter.query)
        var fields = filter.fields
        fields["MaxResults"] = "50"
        if let next = caller.form.text("next") { fields["NextToken"] = next }
        switch await run(EventHistoryOperations.lookupEvents, caller, fields) {
        case .failure(let error):
            return await failed(page, error, caller)
        case .success(let found):
            page.values["events"] = found.Events.map { event -> [String: Any] in
                var row: [String: Any] = [
                    "id": event.EventId, "time": event.record.eventTime, "name": event.EventName, "user": event.Username ?? "",
                    "source": event.EventSource, "resources": event.Resources.map(\.ResourceName).joined(separator: ", "),
                ]
                // Only a failed call's row has the key: Mustache would look a missing one up in the page's values.
                if let code = event.record.errorCode { row["errorCode"] = code }
                return row
            }
            if let token = found.NextToken { page.values["nextQuery"] = ConsoleForm.encode(filter.query + [("next", token)]) }
            return await html(page, caller)
        }
    }

    func eventPage(_ id: String, _ caller: ConsoleCaller) async throws -> Response {
        var page = ConsolePage(template: "event", title: "Event \(id)", section: .events)
        let fields = ["LookupAttributes.member.1.AttributeKey": "EventId", "LookupAttributes.member.1.AttributeValue": id]
        switch await run(EventHistoryOperations.lookupEvents, caller, fields) {
        case .failure(let error):
            return await failed(page, error, caller)
        case .success(let found):
            guard let event = found.Events.first else {
                return await failed(
                    page, ServiceError(code: "EventNotFound", status: 404, message: "No event \(id) in \(caller.region)'s event history"), caller)
            }
            page.values["name"] = event.EventName
            page.values["time"] = event.record.eventTime
            page.values["record"] = (try? JSONParser.parse(event.CloudTrailEvent)).map { Self.indented($0) } ?? event.CloudTrailEvent
            return await html(page, caller)
        }
    }

    /// The filtered range (up to 10,000 events, REST's export limit) as CloudTrail's log-file document
    /// (`{"Records": [...]}`, what AWS's console downloads as JSON) or as CSV.
    func downloadEvents(_ caller: ConsoleCaller) async throws -> Response {
        let filter = EventFilter(caller.form)
        let csv = caller.form["format"] == "csv"
        let result = await run(EventHistoryOperations.exportEvents, caller) {
            EventHistoryModel.SearchEventsInput(
                LookupAttributes: filter.value.map { [.init(AttributeKey: filter.attribute, AttributeValue: $0)] } ?? [],
                StartTime: try filter.start.map { try Self.date(EventFilter.instant($0), field: "startTime") },
                EndTime: try filter.end.map { try Self.date(EventFilter.instant($0), field: "endTime") },
                EventCategory: nil, MaxResults: EventLookup.maximumExport, NextToken: nil, Format: nil)
        }
        switch result {
        case .failure(let error):
            return Self.text("\(error.code): \(error.message)\n", status: .init(code: error.status))
        case .success(let found):
            let events = found.Events.map { (record: $0.record, json: $0.CloudTrailEvent) }
            var response =
                csv
                ? Self.text(EventExport.csv(events), contentType: EventExport.Format.csv.contentType)
                : Self.text(EventExport.recordsDocument(events), contentType: "application/json")
            response.headers[.contentDisposition] = "attachment; filename=\"event-history.\(csv ? "csv" : "json")\""
            return response
        }
    }

    static func date(_ text: String, field: String) throws -> Date {
        guard let date = UTCTimestamp.parse(text) else { throw ServiceError.validation(field, "must be a date and time such as 2026-12-06T10:00") }
        return date
    }

    /// A record for reading: two-space indents, members in the record's order.
    static func indented(_ value: JSONValue, depth: Int = 0) -> String {
        let pad = String(repeating: "  ", count: depth + 1), close = String(repeating: "  ", count: depth)
        switch value {
        case .object(let object) where !object.isEmpty:
            let members = object.map { member -> String in
                var key = ""
                JSONValue.writeString(member.key, into: &key)
                return pad + key + ": " + indented(member.value, depth: depth + 1)
            }
            return "{\n" + members.joined(separator: ",\n") + "\n" + close + "}"
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { pad + indented($0, depth: depth + 1) }.joined(separator: ",\n") + "\n" + close + "]"
        default:
            var out = ""
            value.write(into: &out)
            return out
        }
    }
}
