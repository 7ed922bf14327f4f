import CairnCore
import CairnPolicy
import Foundation
import Hummingbird

/// The policy simulator: iam:SimulatePrincipalPolicy for a user, group or role (with its attached and inline
/// policies, boundary and the organization's SCPs), or iam:SimulateCustomPolicy for policies typed in; each result's
/// decision and matched statements as the API returns them.
extension ConsoleDoor {
    func simulatorPage(_ caller: ConsoleCaller) async throws -> Response {
        var page = ConsolePage(template: "simulator", title: "Policy simulator", section: .simulator)
        page.values = Self.simulatorForm(caller.form, principal: caller.principal.arn)
        return await html(page, caller)
    }

    private static func simulatorForm(_ form: ConsoleForm, principal: String) -> [String: Any] {
        let custom = form["mode"] == "custom"
        return [
            "modes": [
                ["value": "principal", "label": "A user, group or role", "selected": !custom],
                ["value": "custom", "label": "Policies typed here", "selected": custom],
            ] as [[String: Any]],
            "policySourceArn": form["policySourceArn"] ?? principal, "policies": form["policies"] ?? "",
            "actions": form["actions"] ?? "", "resources": form["resources"] ?? "", "context": form["context"] ?? "",
        ]
    }

    func simulate(_ caller: ConsoleCaller) async throws -> Response {
        let form = caller.form
        var page = ConsolePage(template: "simulator", title: "Policy simulator", section: .simulator)
        page.values = Self.simulatorForm(form, principal: caller.principal.arn)
        var fields: [String: String] = [:]
        for (i, action) in form.lines("actions").enumerated() { fields["ActionNames.member.\(i + 1)"] = action }
        for (i, resource) in form.lines("resources").enumerated() { fields["ResourceArns.member.\(i + 1)"] = resource }
        for (i, line) in form.lines("context").enumerated() {
            // `=value` and a bare `=` give an empty name, which the operation refuses naming the member.
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            fields["ContextEntries.member.\(i + 1).ContextKeyName"] = parts[0]
            fields["ContextEntries.member.\(i + 1).ContextKeyValues.member.1"] = parts.count > 1 ? parts[1] : ""
            fields["ContextEntries.member.\(i + 1).ContextKeyType"] = "string"
        }
        let result: Result<IAMModel.SimulatePolicyOutput, ServiceError>
        if form["mode"] == "custom" {
            if let policy = form.text("policies") { fields["PolicyInputList.member.1"] = policy }
            result = await run(IAMOperations.simulateCustomPolicy, caller, fields)
        } else {
            if let source = form.text("policySourceArn") { fields["PolicySourceArn"] = source }
            result = await run(IAMOperations.simulatePrincipalPolicy, caller, fields)
        }
        switch result {
        case .failure(let error):
            return await failed(page, error, caller)
        case .success(let simulated):
            page.values["hasResults"] = !simulated.EvaluationResults.isEmpty
            page.values["results"] = simulated.EvaluationResults.map { r -> [String: Any] in
                [
                    "action": r.EvalActionName, "resource": r.EvalResourceName, "decision": r.EvalDecision,
                    "allowed": r.EvalDecision == "allowed",
                    "matched": r.MatchedStatements.map { m in
                        m.SourcePolicyId + (m.StartPosition.map { " (line \($0.Line), column \($0.Column))" } ?? "")
                    }.joined(separator: "; "),
                    "missing": r.MissingContextValues.joined(separator: ", "),
                ]
            }
            return await html(page, caller)
        }
    }
}
