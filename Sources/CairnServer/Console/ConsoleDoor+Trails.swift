import CairnCore
import CairnPolicy
import Foundation
import Hummingbird

/// Trails: every trail the account sees in the console's region (its own, shadows of multi-region trails homed
/// elsewhere, and organization trails, read-only in member accounts) with their status; creating, editing, starting,
/// stopping and deleting one, and its event and insight selectors. Each is the CloudTrail operation of the same name.
extension ConsoleDoor {
    private static let doneMessages = [
        "created": "Trail created.", "start": "Logging started.", "stop": "Logging stopped.", "update": "Trail updated.",
        "delete": "Trail deleted.", "event-selectors": "Event selectors saved.", "insight-selectors": "Insight selectors saved.",
    ]

    func trailsPage(_ caller: ConsoleCaller) async throws -> Response {
        await html(await trailList(caller), caller, done: Self.doneMessages)
    }

    private func trailList(_ caller: ConsoleCaller) async -> ConsolePage {
        var page = ConsolePage(template: "trails", title: "Trails", section: .trails)
        switch await run(TrailOperations.describeTrails, caller, ["includeShadowTrails": "true"]) {
        case .failure(let error):
            page.error = error
            page.status = error.status
        case .success(let described):
            var rows: [[String: Any]] = []
            for trail in described.trailList {
                let shadow = trail.HomeRegion != caller.region, foreign = Self.isForeign(trail, caller)
                // A trail seen here but kept elsewhere (a shadow, or another account's organization trail) is named by ARN.
                let identifier = shadow || foreign ? trail.TrailARN : trail.Name
                var logging = "Unknown"
                if case .success(let status) = await run(TrailOperations.getTrailStatus, caller, ["Name": identifier]) {
                    logging = status.IsLogging ? "On" : "Off"
                }
                rows.append([
                    "name": trail.Name, "arn": trail.TrailARN, "href": Self.trailHref(trail.Name, identifier: identifier),
                    "homeRegion": trail.HomeRegion ?? caller.region, "multiRegion": trail.IsMultiRegionTrail ? "Yes" : "No",
                    "organization": trail.IsOrganizationTrail ? "Yes" : "No", "shadow": shadow,
                    "readOnly": foreign, "logging": logging,
                ])
            }
            page.values["trails"] = rows
        }
        return page
    }

    /// Whether another account owns the trail (an organization trail seen in a member account): its ARN says.
    static func isForeign(_ trail: CloudTrailModel.Trail, _ caller: ConsoleCaller) -> Bool {
        (try? TrailARN.parse(trail.TrailARN))?.accountId != caller.principal.account.value
    }

    static func trailHref(_ name: String, identifier: String) -> String {
        let path = "/console/trails/\(ConsoleForm.escaped(name))"
        return identifier == name ? path : path + "?" + ConsoleForm.encode([("arn", identifier)])
    }

    func createTrail(_ caller: ConsoleCaller) async throws -> Response {
        let form = caller.form
        var fields = [
            "IsMultiRegionTrail": String(form.checked("isMultiRegionTrail")), "IsOrganizationTrail": String(form.checked("isOrganizationTrail")),
            "EnableLogFileValidation": String(form.checked("enableLogFileValidation")),
        ]
        if let name = form.text("name") { fields["Name"] = name }
        if let bucket = form.text("s3BucketName") { fields["S3BucketName"] = bucket }
        if let prefix = form.text("s3KeyPrefix") { fields["S3KeyPrefix"] = prefix }
        switch await run(TrailOperations.createTrail, caller, fields) {
        case .failure(let error):
            var page = await trailList(caller)
            page.values["form"] = ["name": form["name"] ?? "", "s3BucketName": form["s3BucketName"] ?? ""]
            return await failed(page, error, caller)
        case .success:
            return Self.redirect("/console/trails?done=created")
        }
    }

    func trailPage(_ name: String, _ caller: ConsoleCaller) async throws -> Response {
        await html(await trailDetail(caller.form.text("arn") ?? name, caller), caller, done: Self.doneMessages)
    }

    private func trailDetail(_ identifier: String, _ caller: ConsoleCaller) async -> ConsolePage {
        var page = ConsolePage(template: "trail", title: "Trail", section: .trails)
        page.values["identifier"] = identifier
        switch await run(TrailOperations.getTrail, caller, ["Name": identifier]) {
        case .failure(let error):
            page.error = error
            page.status = error.status
            return page
        case .success(let found):
            page.title = "Trail \(found.Trail.Name)"
            page.values["trail"] = ConsoleView.model(found.Trail)
            page.values["readOnly"] = found.Trail.HomeRegion != caller.region || Self.isForeign(found.Trail, caller)
            page.values["actionBase"] = "/console/trails/\(ConsoleForm.escaped(found.Trail.Name))"
        }
        if case .success(let status) = await run(TrailOperations.getTrailStatus, caller, ["Name": identifier]) {
            var values = ConsoleView.model(status) as? [String: Any] ?? [:]
            values["logging"] = status.IsLogging ? "On" : "Off"
            page.values["status"] = values
        }
        if case .success(let selectors) = await run(TrailOperations.getEventSelectors, caller, ["TrailName": identifier]) {
            var document = JSONObject()
            if let advanced = selectors.AdvancedEventSelectors, let json = try? JSONValueEncoder(omitsNulls: true).encode(advanced) {
                document["AdvancedEventSelectors"] = json
            } else if let json = try? JSONValueEncoder(omitsNulls: true).encode(selectors.EventSelectors ?? []) {
                document["EventSelectors"] = json
            }
            page.values["eventSelectors"] = Self.indented(.object(document))
        }
        if case .success(let insights) = await run(TrailOperations.getInsightSelectors, caller, ["TrailName": identifier]) {
            let kinds = Set(insights.InsightSelectors.map(\.insightType.rawValue))
            page.values["insightTypes"] = TrailInsightSelector.InsightType.allCases.map { kind -> [String: Any] in
                ["name": kind.rawValue, "checked": kinds.contains(kind.rawValue)]
            }
        } else {
            page.values["insightTypes"] = TrailInsightSelector.InsightType.allCases.map { ["name": $0.rawValue, "checked": false] as [String: Any] }
        }
        return page
    }

    func changeTrail(_ name: String, _ action: String, _ caller: ConsoleCaller) async throws -> Response {
        let form = caller.form
        let identifier = form.text("trail") ?? name
        let outcome: Result<Void, ServiceError>
        switch action {
        case "start": outcome = await run(TrailOperations.startLogging, caller, ["Name": identifier]).map { _ in }
        case "stop": outcome = await run(TrailOperations.stopLogging, caller, ["Name": identifier]).map { _ in }
        case "delete":
            outcome = await run(TrailOperations.deleteTrail, caller, ["Name": identifier]).map { _ in }
            if case .success = outcome { return Self.redirect("/console/trails?done=delete") }
        case "update":
            var fields = [
                "Name": identifier, "IsMultiRegionTrail": String(form.checked("isMultiRegionTrail")),
                "EnableLogFileValidation": String(form.checked("enableLogFileValidation")),
                "IncludeGlobalServiceEvents": String(form.checked("includeGlobalServiceEvents")),
            ]
            if let bucket = form.text("s3BucketName") { fields["S3BucketName"] = bucket }
            fields["S3KeyPrefix"] = form.text("s3KeyPrefix") ?? ""
            outcome = await run(TrailOperations.updateTrail, caller, fields).map { _ in }
        case "event-selectors":
            outcome = await run(TrailOperations.putEventSelectors, caller) {
                guard case .object(var document)? = try? JSONParser.parse(form["eventSelectors"] ?? "") else {
                    throw ServiceError.validation("eventSelectors", "must be a JSON object with EventSelectors or AdvancedEventSelectors")
                }
                document["TrailName"] = .string(identifier)
                return try JSONValueDecoder().decode(CloudTrailModel.PutEventSelectorsInput.self, from: .object(document))
            }.map { _ in }
        case "insight-selectors":
            var fields = ["TrailName": identifier]
            let chosen = TrailInsightSelector.InsightType.allCases.filter { form.checked($0.rawValue) }
            for (i, kind) in chosen.enumerated() { fields["InsightSelectors.member.\(i + 1).InsightType"] = kind.rawValue }
            // An empty list turns Insights off, which the Query tree cannot spell: the JSON form can.
            if chosen.isEmpty {
                outcome = await run(TrailOperations.putInsightSelectors, caller) {
                    CloudTrailModel.PutInsightSelectorsInput(TrailName: identifier, InsightSelectors: [])
                }.map { _ in }
            } else {
                outcome = await run(TrailOperations.putInsightSelectors, caller, fields).map { _ in }
            }
        default:
            return Self.text("No such action on a trail: \(action)\n", status: .notFound)
        }
        switch outcome {
        case .success:
            var location = "/console/trails/\(ConsoleForm.escaped(name))?done=\(action)"
            if identifier != name { location += "&" + ConsoleForm.encode([("arn", identifier)]) }
            return Self.redirect(location)
        case .failure(let error):
            return await failed(await trailDetail(identifier, caller), error, caller)
        }
    }
}
