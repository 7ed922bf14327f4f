/// CloudTrail Lake: event data stores of the caller's account and region, and SQL queries over them. A store
/// operation names the store's ARN as its resource; a query is authorized on every store its statement reads.
extension OperationCatalogue {
    package enum Lake {
        package static let createEventDataStore = CatalogueOperation(
            .cloudtrail, "CreateEventDataStore", readOnly: false, rest: ["createEventDataStore"])
        package static let getEventDataStore = CatalogueOperation(.cloudtrail, "GetEventDataStore", readOnly: true, rest: ["getEventDataStore"])
        package static let listEventDataStores = CatalogueOperation(
            .cloudtrail, "ListEventDataStores", readOnly: true, rest: ["listEventDataStores"])
        package static let updateEventDataStore = CatalogueOperation(
            .cloudtrail, "UpdateEventDataStore", readOnly: false, rest: ["updateEventDataStore"])
        package static let deleteEventDataStore = CatalogueOperation(
            .cloudtrail, "DeleteEventDataStore", readOnly: false, rest: ["deleteEventDataStore"])
        package static let restoreEventDataStore = CatalogueOperation(
            .cloudtrail, "RestoreEventDataStore", readOnly: false, rest: ["restoreEventDataStore"])
        package static let startEventDataStoreIngestion = CatalogueOperation(
            .cloudtrail, "StartEventDataStoreIngestion", readOnly: false, rest: ["startEventDataStoreIngestion"])
        package static let stopEventDataStoreIngestion = CatalogueOperation(
            .cloudtrail, "StopEventDataStoreIngestion", readOnly: false, rest: ["stopEventDataStoreIngestion"])
        package static let startQuery = CatalogueOperation(.cloudtrail, "StartQuery", readOnly: false, rest: ["startQuery"])
        package static let describeQuery = CatalogueOperation(.cloudtrail, "DescribeQuery", readOnly: true, rest: ["describeQuery"])
        package static let getQueryResults = CatalogueOperation(.cloudtrail, "GetQueryResults", readOnly: true, rest: ["getQueryResults"])
        package static let listQueries = CatalogueOperation(.cloudtrail, "ListQueries", readOnly: true, rest: ["listQueries"])
        package static let cancelQuery = CatalogueOperation(.cloudtrail, "CancelQuery", readOnly: false, rest: ["cancelQuery"])
        package static let createDashboard = CatalogueOperation(.cloudtrail, "CreateDashboard", readOnly: false, rest: ["createDashboard"])
        package static let getDashboard = CatalogueOperation(.cloudtrail, "GetDashboard", readOnly: true, rest: ["getDashboard"])
        package static let listDashboards = CatalogueOperation(.cloudtrail, "ListDashboards", readOnly: true, rest: ["listDashboards"])
        package static let updateDashboard = CatalogueOperation(.cloudtrail, "UpdateDashboard", readOnly: false, rest: ["updateDashboard"])
        package static let deleteDashboard = CatalogueOperation(.cloudtrail, "DeleteDashboard", readOnly: false, rest: ["deleteDashboard"])
        package static let startDashboardRefresh = CatalogueOperation(
            .cloudtrail, "StartDashboardRefresh", readOnly: false, rest: ["startDashboardRefresh"])
        package static let startImport = CatalogueOperation(.cloudtrail, "StartImport", readOnly: false, rest: ["startImport"])
        package static let getImport = CatalogueOperation(.cloudtrail, "GetImport", readOnly: true, rest: ["getImport"])
        package static let listImports = CatalogueOperation(.cloudtrail, "ListImports", readOnly: true, rest: ["listImports"])
        package static let listImportFailures = CatalogueOperation(.cloudtrail, "ListImportFailures", readOnly: true, rest: ["listImportFailures"])
        package static let stopImport = CatalogueOperation(.cloudtrail, "StopImport", readOnly: false, rest: ["stopImport"])
        package static let searchSampleQueries = CatalogueOperation(
            .cloudtrail, "SearchSampleQueries", readOnly: true, rest: ["searchSampleQueries"])

        package static let enableFederation = CatalogueOperation(.cloudtrail, "EnableFederation", readOnly: false, rest: ["enableFederation"])
        package static let disableFederation = CatalogueOperation(
            .cloudtrail, "DisableFederation", readOnly: false, rest: ["disableFederation"])
        package static let generateQuery = CatalogueOperation(.cloudtrail, "GenerateQuery", readOnly: false, rest: ["generateQuery"])

        static let all: [CatalogueOperation] = [
            createEventDataStore, getEventDataStore, listEventDataStores, updateEventDataStore, deleteEventDataStore, restoreEventDataStore,
            startEventDataStoreIngestion, stopEventDataStoreIngestion, startQuery, describeQuery, getQueryResults, listQueries, cancelQuery,
            searchSampleQueries, createDashboard, getDashboard, listDashboards, updateDashboard, deleteDashboard, startDashboardRefresh,
            startImport, getImport, listImports, listImportFailures, stopImport, enableFederation, disableFederation, generateQuery,
        ]
    }
}
