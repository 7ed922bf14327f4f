/// Event history: LookupEvents reads the caller's own account and region, so it acts on no named resource.
extension OperationCatalogue {
    package enum Events {
        package static let lookupEvents = CatalogueOperation(.cloudtrail, "LookupEvents", readOnly: true, rest: ["lookupEvents"])

        static let all: [CatalogueOperation] = [lookupEvents]
    }
}
