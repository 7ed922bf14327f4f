import CairnCore
import CairnPolicy
import Foundation
import Hummingbird

/// IAM: the account's users, groups, roles and customer managed policies, and a policy editor that runs
/// access-analyzer:ValidatePolicy on the document before iam:CreatePolicy, showing the findings and refusing a
/// document with an ERROR finding, as the AWS console's editor does.
extension ConsoleDoor {
    func iamPage(_ caller: ConsoleCaller) async throws -> Response {
        var page = await iamLists(caller)
        if caller.form["done"] == "policy" { page.flash = "Policy created." }
        return await html(page, caller)
    }

    private func iamLists(_ caller: ConsoleCaller) async -> ConsolePage {
        var page = ConsolePage(template: "iam", title: "IAM", section: .iam)
        var refusals: [ServiceError] = []
        func list<Output: Encodable>(_ key: String, _ result: Result<Output, ServiceError>) {
            switch result {
            case .success(let output): page.values[key] = ConsoleView.model(output)
            case .failure(let error): refusals.append(error)
            }
        }
        list("users", await run(IAMOperations.listUsers, caller, ["MaxItems": "100"]))
        list("groups", await run(IAMOperations.listGroups, caller, ["MaxItems": "100"]))
        list("roles", await run(IAMOperations.listRoles, caller, ["MaxItems": "100"]))
        list("policies", await run(IAMOperations.listPolicies, caller, ["Scope": "Local", "MaxItems": "100"]))
        // A caller who may read none of them sees the first refusal; one who may read some sees those.
        if let refused = refusals.first {
            page.error = refused
            if refusals.count == 4 { page.status = refused.status }
        }
        return page
    }

    func createPolicy(_ caller: ConsoleCaller) async throws -> Response {
        let form = caller.form
        let document = form["policyDocument"] ?? ""
        var page = await iamLists(caller)
        page.error = nil
        page.status = 200
        page.values["draft"] = ["policyName": form["policyName"] ?? "", "policyDocument": document]
        let validated = await run(AccessAnalyzerOperations.validatePolicy, caller) {
            AccessAnalyzerModel.ValidatePolicyInput(policyDocument: document, policyType: "IDENTITY_POLICY")
        }
        switch validated {
        case .failure(let error):
            return await failed(page, error, caller)
        case .success(let validation):
            page.values["findings"] = validation.findings.map { finding -> [String: Any] in
                var item: [String: Any] = ["type": finding.findingType.rawValue, "code": finding.issueCode, "details": finding.findingDetails]
                if let location = finding.locations.first { item["line"] = String(location.span.start.line) }
                return item
            }
            page.values["hasFindings"] = !validation.findings.isEmpty
            if validation.findings.contains(where: { $0.findingType == .error }) {
                let error = ServiceError(
                    code: "MalformedPolicyDocument", status: 400, message: "The policy has errors: fix the findings below and save again")
                return await failed(page, error, caller)
            }
        }
        var fields = ["PolicyDocument": document]
        if let name = form.text("policyName") { fields["PolicyName"] = name }
        if let description = form.text("description") { fields["Description"] = description }
        switch await run(IAMOperations.createPolicy, caller, fields) {
        case .failure(let error):
            return await failed(page, error, caller)
        case .success(let created):
            // The findings stay on screen with the new policy listed.
            var done = await iamLists(caller)
            done.values["findings"] = page.values["findings"]
            done.values["hasFindings"] = page.values["hasFindings"]
            done.flash = "Policy \(created.Policy.PolicyName) created."
            return await html(done, caller)
        }
    }
}
