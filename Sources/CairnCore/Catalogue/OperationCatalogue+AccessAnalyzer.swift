/// IAM Access Analyzer's policy checks, on its REST-JSON door (`POST /policy/…`, signed for
/// `access-analyzer`). Pure checks of the documents sent: nothing is read or written but the call's event.
extension OperationCatalogue {
    package enum AccessAnalyzer {
        package static let validatePolicy = CatalogueOperation(.accessAnalyzer, "ValidatePolicy", readOnly: true)
        package static let checkNoNewAccess = CatalogueOperation(.accessAnalyzer, "CheckNoNewAccess", readOnly: true)
        package static let checkAccessNotGranted = CatalogueOperation(.accessAnalyzer, "CheckAccessNotGranted", readOnly: true)

        package static let checkNoPublicAccess = CatalogueOperation(.accessAnalyzer, "CheckNoPublicAccess", readOnly: true)

        package static let all: [CatalogueOperation] = [validatePolicy, checkNoNewAccess, checkAccessNotGranted, checkNoPublicAccess]
    }
}
