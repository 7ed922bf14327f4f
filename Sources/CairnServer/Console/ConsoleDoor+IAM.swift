import CairnCore
import CairnPolicy
import Foundation
import Hummingbird

/// IAM: the account's users, groups, roles and customer managed policies, and a policy editor that runs
/// access-analyzer:ValidatePolicy on the document before iam:CreatePolicy, showing the findings and refusing a
/// document with an ERROR finding, as the AWS console's editor does.
extension ConsoleDoor {
    func iamPage(_ caller: ConsoleCaller) async throws -> Response {
        await html(await iamLists(caller), caller)
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

    /// Validates, then creates: the page that answers shows the findings either way, and lists the account's
    /// policies once, after the outcome is known.
    func createPolicy(_ caller: ConsoleCaller) async throws -> Response {
        let form = caller.form
        let document = form["policyDocument"] ?? ""
        let validated = await run(AccessAnalyzerOperations.validatePolicy, caller) {
            AccessAnalyzerModel.ValidatePolicyInput(policyDocument: document, policyType: "IDENTITY_POLICY")
        }
        var findings: [PolicyFinding] = []
        var outcome: Result<IAMModel.PolicyOutput, ServiceError>
        switch validated {
        case .failure(let error):
            outcome = .failure(error)
        case .success(let validation) where validation.findings.contains(where: { $0.findingType == .error }):
            findings = validation.findings
            outcome = .failure(
                ServiceError(code: "MalformedPolicyDocument", status: 400, message: "The policy has errors: fix the findings below and save again"))
        case .success(let validation):
            findings = validation.findings
            var fields = ["PolicyDocument": document]
            if let name = form.text("policyName") { fields["PolicyName"] = name }
            if let description = form.text("description") { fields["Description"] = description }
            outcome = await run(IAMOperations.createPolicy, caller, fields)
        }
        var page = await iamLists(caller)
        page.values["findings"] = findings.map { finding -> [String: Any] in
            var item: [String: Any] = ["type": finding.findingType.rawValue, "code": finding.issueCode, "details": finding.findingDetails]
            if let location = finding.locations.first { item["line"] = String(location.span.start.line) }
            return item
        }
        page.values["hasFindings"] = !findings.isEmpty
        switch outcome {
        case .failure(let error):
            page.values["draft"] = ["policyName": form["policyName"] ?? "", "policyDocument": document]
            return await failed(page, error, caller)
        case .success(let created):
            page.error = nil
            page.status = 200
            page.flash = "Policy \(created.Policy.PolicyName) created."
            return await html(page, caller)
        }
    }
}
